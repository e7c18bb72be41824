// Rejected suggestions stay rejected: a suggestion rejected in the review queue is remembered by
// (doc, type, from, to, start), and extraction leaves out what it would suggest again.

import neo4j, { type Driver } from 'neo4j-driver';
import { queries } from '../cypher/registry.ts';

export interface SuggestionKey {
  type: string;
  from: string;
  to: string;
  doc?: string | null;
  start?: number | null;
}

/** The key a rejection is remembered by. */
export function rejectionKey(rel: SuggestionKey): string {
  return [rel.doc, rel.type, rel.from, rel.to, rel.start].map(String).join('|');
}

/** `relationships` without those rejected before; and how many were left out. */
export async function withoutRejected<R extends SuggestionKey>(
  driver: Driver,
  relationships: R[],
  database?: string,
): Promise<{ kept: R[]; leftOut: number }> {
  const docs = [...new Set(relationships.map((rel) => rel.doc).filter((doc): doc is string => !!doc))];
  if (docs.length === 0) return { kept: relationships, leftOut: 0 };
  const { records } = await driver.executeQuery(
    queries['rejected-suggestions'],
    { docs },
    { database, routing: neo4j.routing.READ },
  );
  const rejected = new Set(records.map((record) => record.get('key') as string));
  const kept = relationships.filter((rel) => !rejected.has(rejectionKey(rel)));
  return { kept, leftOut: relationships.length - kept.length };
}
