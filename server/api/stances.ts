// Stances as the API shows them: the vocabulary's verb and polarity with the provenance that
// every stance carries (quote, offsets, date, method, confidence, modality, status) and its source
// document. Shared by claim positions and actor timelines.

import type { StanceView } from '../../model/api.ts';
import { VOCABULARY, relationshipType } from '../../model/vocabulary.ts';
import { toPlain } from '../neo4j/values.ts';

export const STANCE_TYPES = VOCABULARY.filter((row) => row.family === 'stance').map(
  (row) => row.type,
) as string[];
// The agreement network's pieces live with its reader (server/networks/read.ts).
export { agreementQuery, agreementRows, NEGATIVE_TYPES, POSITIVE_TYPES } from '../networks/read.ts';

export function text(value: unknown): string | null {
  const plain = toPlain(value);
  return plain === null ? null : typeof plain === 'string' ? plain : JSON.stringify(plain);
}

function number(value: unknown): number | null {
  const plain = toPlain(value);
  return typeof plain === 'number' ? plain : null;
}

export function stanceView(
  type: string,
  properties: Record<string, unknown>,
  source: Record<string, unknown> | null,
): StanceView {
  const vocabulary = relationshipType(type);
  return {
    type,
    verb: vocabulary?.verb ?? type.toLowerCase(),
    polarity: vocabulary?.polarity === -1 ? -1 : 1,
    date: text(properties.date),
    quote: text(properties.quote),
    start: number(properties.start),
    end: number(properties.end),
    method: text(properties.method),
    confidence: number(properties.confidence),
    modality: text(properties.modality),
    status: text(properties.status) === 'suggested' ? 'suggested' : 'accepted',
    note: text(properties.note),
    source: source
      ? {
          id: String(source.id),
          title: text(source.title),
          published: text(source.published),
          publisher: text(source.publisher),
          url: text(source.url),
        }
      : null,
  };
}
