// Stances as the API shows them: the vocabulary's verb and polarity with the provenance that
// every stance carries (quote, offsets, date, method, confidence, modality, status) and its source
// document. Shared by claim positions and actor timelines.

import type { StanceView } from '../../model/api.ts';
import { VOCABULARY, relationshipType } from '../../model/vocabulary.ts';
import { windowedQuery, type DateWindow } from '../cypher/registry.ts';
import { toPlain } from '../neo4j/values.ts';
import type { ClaimPositions } from '../networks/agreement.ts';

export const STANCE_TYPES = VOCABULARY.filter((row) => row.family === 'stance').map(
  (row) => row.type,
) as string[];
export const POSITIVE_TYPES = VOCABULARY.filter((row) => row.family === 'stance' && row.polarity === 1).map(
  (row) => row.type,
) as string[];
export const NEGATIVE_TYPES = VOCABULARY.filter((row) => row.family === 'stance' && row.polarity === -1).map(
  (row) => row.type,
) as string[];

/** The agreement network's query for a window: one branch per stance type (registry.windowedQuery). */
export const agreementQuery = (window: DateWindow) =>
  windowedQuery('agreement-network', [...POSITIVE_TYPES, ...NEGATIVE_TYPES], window);

/** The query's rows as agreementTies (server/networks/agreement.ts) takes them (polarities from Neo4j Integers). */
export function agreementRows(records: { get(key: string): unknown }[]): ClaimPositions[] {
  return records.map((record) => ({
    claim: record.get('claim') as string,
    positions: (record.get('positions') as [string, unknown][]).map(
      ([actor, polarity]) => [actor, Number(polarity)] as [string, number],
    ),
  }));
}

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
