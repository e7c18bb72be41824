// Look-ups in the graph a load needs before it writes: the ids its references name (their kind, and
// a document's text and date to check quotes against), and which of the ids it defines are new.

import neo4j, { type Driver, type Record as Neo4jRecord } from 'neo4j-driver';
import { kindOfLabels } from '../../model/kinds.ts';
import { queries } from '../cypher/registry.ts';
import type { ExistingNode, LookupExisting } from './resolve.ts';

/** How many nodes and relationships the graph holds (Neo4j's count store: instant at any size). */
export async function graphCounts(
  driver: Driver,
  database?: string,
): Promise<{ nodes: number; relationships: number }> {
  const { records } = await driver.executeQuery(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
    {},
    { database, routing: neo4j.routing.READ },
  );
  return {
    nodes: Number(records[0]?.get('nodes') ?? 0),
    relationships: Number(records[0]?.get('relationships') ?? 0),
  };
}

/** Looks up ids in the graph, for references to entities loaded earlier. */
export function graphLookup(driver: Driver, database?: string): LookupExisting {
  return async (ids) => {
    const found = new Map<string, ExistingNode>();
    for (let at = 0; at < ids.length; at += 10_000) {
      const { records } = await driver.executeQuery(
        queries['existing-ids'],
        { ids: ids.slice(at, at + 10_000), withText: true },
        { database, routing: neo4j.routing.READ },
      );
      for (const record of records) addExisting(found, record);
    }
    await addMerged(
      (query, params) => driver.executeQuery(query, params, { database, routing: neo4j.routing.READ }),
      ids,
      found,
    );
    return found;
  };
}

type Run = (query: string, params: Record<string, unknown>) => Promise<{ records: Neo4jRecord[] }>;

/**
 * Adds the ids of `ids` that `found` lacks but that were merged into another node, as that node's
 * kind with `mergedInto`: references to a merged id keep resolving (to the node it became).
 */
export async function addMerged(
  run: Run,
  ids: readonly string[],
  found: Map<string, ExistingNode>,
): Promise<void> {
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length === 0) return;
  const { records } = await run(queries['merged-ids'], { ids: missing });
  for (const record of records) {
    const kind = kindOfLabels(record.get('labels') as string[]);
    if (!kind) continue;
    const into = record.get('into') as string;
    found.set(record.get('id') as string, { kind, mergedInto: into });
    // The node it became is what the reference resolves to: known too.
    if (!found.has(into)) found.set(into, { kind });
  }
}

/** Which of `ids` (the ids an input defines) the graph does not hold yet (batched look-ups). */
export async function newIds(driver: Driver, ids: Iterable<string>, database?: string): Promise<Set<string>> {
  const all = [...ids];
  const found = new Set<string>();
  for (let at = 0; at < all.length; at += 10_000) {
    const { records } = await driver.executeQuery(
      queries['existing-ids'],
      { ids: all.slice(at, at + 10_000), withText: false },
      { database, routing: neo4j.routing.READ },
    );
    for (const record of records) found.add(record.get('id') as string);
  }
  return new Set(all.filter((id) => !found.has(id)));
}

/** Adds a row of the `existing-ids` query to `found` (a node of no known kind is left out). */
export function addExisting(found: Map<string, ExistingNode>, record: Neo4jRecord): void {
  const kind = kindOfLabels(record.get('labels') as string[]);
  if (!kind) return;
  found.set(record.get('id') as string, {
    kind,
    text: (record.get('text') as string | null) ?? undefined,
    published: (record.get('published') as string | null) ?? undefined,
  });
}

/**
 * Which of `ids` (ids an input defines) were merged into another node (POST /api/merges), and the
 * id of the node each became.
 */
export async function mergedIds(
  driver: Driver,
  ids: readonly string[],
  database?: string,
): Promise<Map<string, string>> {
  const merged = new Map<string, string>();
  if (ids.length === 0) return merged;
  const { records } = await driver.executeQuery(
    queries['merged-ids'],
    { ids },
    { database, routing: neo4j.routing.READ },
  );
  for (const record of records) merged.set(record.get('id') as string, record.get('into') as string);
  return merged;
}
