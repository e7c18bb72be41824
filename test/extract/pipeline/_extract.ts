// Shared by the pipeline's tests: annotate a text with the run's real CoreNLP server (the URL the
// global setup provides as `corenlpUrl`, or STANCEGRAPH_CORENLP_URL) and run the pipeline on it.

import { inject } from 'vitest';
import { CORENLP_PROPERTIES, extractDocument } from '../../../server/extract/pipeline/index.ts';
import type {
  CoreNlpDocument,
  ExtractionResult,
  Gazetteer,
  SourceDocument,
} from '../../../server/extract/types.ts';
import { CoreNlpClient } from '../../../server/nlp/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    corenlpUrl: string;
  }
}

let client: CoreNlpClient | undefined;

function corenlp(): CoreNlpClient {
  if (client) return client;
  const url = (inject('corenlpUrl') as string | undefined) ?? process.env.STANCEGRAPH_CORENLP_URL;
  if (!url)
    throw new Error(
      'pipeline tests: no CoreNLP server (the global setup provides corenlpUrl; or set STANCEGRAPH_CORENLP_URL)',
    );
  client = new CoreNlpClient({ urls: url.split(','), timeoutMs: 300_000 });
  return client;
}

export function annotate(text: string): Promise<CoreNlpDocument> {
  return corenlp().annotate(text, CORENLP_PROPERTIES);
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
