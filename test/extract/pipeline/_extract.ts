// Shared by the pipeline's tests: annotate a text with the run's real CoreNLP server (test/_corenlp.ts:
// the managed one started on first use, or STANCEGRAPH_TEST_CORENLP_URL) and run the pipeline on it.

import { CORENLP_PROPERTIES, extractDocument } from '../../../server/extract/pipeline/index.ts';
import type {
  CoreNlpDocument,
  ExtractionResult,
  Gazetteer,
  SourceDocument,
} from '../../../server/extract/types.ts';
import type { CoreNlpClient } from '../../../server/nlp/client.ts';
import { corenlpClient } from '../../_corenlp.ts';

let client: Promise<CoreNlpClient> | undefined;

export async function annotate(text: string): Promise<CoreNlpDocument> {
  client ??= corenlpClient();
  return (await client).annotate(text, CORENLP_PROPERTIES);
}

export const EMPTY: Gazetteer = { actors: [], claims: [] };

export function docOf(text: string): SourceDocument {
  return { id: 'document:test', text, published: '2024-03-01', title: 'Test', language: 'en' };
}

export async function extract(text: string, known: Gazetteer = EMPTY): Promise<ExtractionResult> {
  return extractDocument(docOf(text), await annotate(text), known);
}

/** The suggestions as short strings a reader can check: `TYPE from -> to`. */
export function summary(result: ExtractionResult): string[] {
  return result.suggestions.map((s) => `${s.type} ${s.from} -> ${s.to}`);
}
