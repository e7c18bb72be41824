// One extraction run: documents in, a draft dataset and a summary out. The engine is the rule
// pipeline on CoreNLP's annotation (documents spread over the CoreNLP servers, as many at once as
// there are servers) or the LLM route; results keep the input order whatever finishes first.

import { RELATIONSHIP_TYPES } from '../../model/vocabulary.ts';
import type { ActorRecord, ClaimRecord } from '../dataset/schema.ts';
import { buildDraft, type Draft, type DocumentExtraction, type Engine } from './draft.ts';
import { CORENLP_PROPERTIES, extractDocument } from './pipeline/index.ts';
import type { Annotator, ExtractionResult, Gazetteer, SourceDocument } from './types.ts';

/** Extracts from one document; `inventions` counts quotes an LLM gave that are not in the text. */
export interface DocumentEngine {
  method: Engine;
  /** How many documents to work on at once. */
  concurrency: number;
  extract(
    document: SourceDocument,
    known: Gazetteer,
  ): Promise<{ result: ExtractionResult; inventions: number }>;
}

/** The rule pipeline on CoreNLP: one annotation per document. */
export function ruleEngine(annotator: Annotator, concurrency = 1): DocumentEngine {
  return {
    method: 'rule',
    concurrency,
    async extract(document, known) {
      const annotation = await annotator.annotate(document.text, CORENLP_PROPERTIES);
      return { result: extractDocument(document, annotation, known), inventions: 0 };
    },
  };
}

export interface ExtractionSummary {
  documents: number;
  /** Suggestions in the draft per relationship type (types with none left out). */
  suggestions: Record<string, number>;
  newActors: number;
  newClaims: number;
  unresolved: number;
  /** LLM quotes not found verbatim in the text, dropped. */
  inventions: number;
  /** Documents left out of the draft, with why. */
  failed: { id: string; message: string }[];
  elapsedMs: number;
}

export class DocumentExtractionError extends Error {
  override name = 'DocumentExtractionError';
}

/** Thrown by an engine for a problem of one document (a malformed LLM answer): the run goes on without it. */
export class DocumentFailure extends Error {
  override name = 'DocumentFailure';
}

export async function extractAll(
  documents: readonly SourceDocument[],
  engine: DocumentEngine,
  known: { gazetteer: Gazetteer; records: ReadonlyMap<string, ActorRecord | ClaimRecord> },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ draft: Draft; summary: ExtractionSummary }> {
  const started = performance.now();
  const results: ((DocumentExtraction & { inventions: number }) | { failed: string })[] = new Array(
    documents.length,
  );
  let next = 0;
  let done = 0;
  onProgress(0, documents.length);
  const worker = async () => {
    while (next < documents.length) {
      const index = next++;
      const document = documents[index]!;
      try {
        const { result, inventions } = await engine.extract(document, known.gazetteer);
        results[index] = { document, result, inventions };
      } catch (error) {
        if (error instanceof DocumentFailure) results[index] = { failed: error.message };
        else
          throw new DocumentExtractionError(`${document.id}: ${(error as Error).message}`, { cause: error });
      }
      onProgress(++done, documents.length);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(engine.concurrency, documents.length)) }, worker),
  );
  const extracted = results.filter((r): r is DocumentExtraction & { inventions: number } => !('failed' in r));
  const draft = buildDraft(extracted, engine.method, known.records);
  const suggestions: Record<string, number> = {};
  for (const type of RELATIONSHIP_TYPES) {
    const count = draft.relationships.filter((r) => r.type === type).length;
    if (count > 0) suggestions[type] = count;
  }
  const knownIds = new Set([...known.gazetteer.actors, ...known.gazetteer.claims].map((entity) => entity.id));
  return {
    draft,
    summary: {
      documents: documents.length,
      suggestions,
      newActors: draft.actors.filter((a) => !knownIds.has(a.id)).length,
      newClaims: draft.claims.filter((c) => !knownIds.has(c.id)).length,
      unresolved: extracted.reduce((sum, r) => sum + r.result.unresolved.length, 0),
      inventions: extracted.reduce((sum, r) => sum + r.inventions, 0),
      failed: results.flatMap((r, i) => ('failed' in r ? [{ id: documents[i]!.id, message: r.failed }] : [])),
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}
