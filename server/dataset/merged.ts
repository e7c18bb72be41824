// Merged ids in the loader. After POST /api/merges {into: Y, from: X}, X names Y (Y.mergedIds): a
// dataset that references X means Y (resolve.ts canonicalId), and one that defines X again (the
// dataset X came from, loaded again) must neither bring X back nor change what the merge made of
// Y. The merge's rules live here, for the merge (server/api/routes/write-merges.ts) and the loader.

import {
  relationshipKey,
  type EntityRecord,
  type ResolvedDataset,
  type ResolvedRelationship,
} from './resolve.ts';

/** What a merge unites: a node's name (an actor's, a topic's) or text (a claim's), and its aliases. */
export interface NamedRecord {
  name?: unknown;
  text?: unknown;
  id?: unknown;
  aliases?: unknown;
}

/** The strings of a list property (none when it is not a list). */
export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * The aliases of a node after another is merged into it: its own, then the other's name and
 * aliases, without its own name and without repeats.
 */
export function unitedAliases(into: NamedRecord, from: NamedRecord): string[] {
  const name = (node: NamedRecord) => String(node.name ?? node.text ?? node.id);
  return [...strings(into.aliases), name(from), ...strings(from.aliases)].filter(
    (alias, index, all) => alias !== name(into) && all.indexOf(alias) === index,
  );
}

/**
 * A relationship that names merged ids, pointed at the nodes they became (`keepExisting`: it adds
 * what those nodes lack and changes nothing they hold); undefined when it would join a node to
 * itself (a tie between the two merged nodes becomes none, as in the merge). The relationship
 * itself when it names none.
 */
export function pointedAtSurvivors(
  rel: ResolvedRelationship,
  merged: ReadonlyMap<string, string>,
): ResolvedRelationship | undefined {
  const names =
    merged.has(rel.from) ||
    merged.has(rel.to) ||
    (rel.onBehalfOf !== undefined && merged.has(rel.onBehalfOf));
  if (!names) return rel;
  const to = (id: string) => merged.get(id) ?? id;
  const pointed: ResolvedRelationship = {
    ...rel,
    from: to(rel.from),
    to: to(rel.to),
    ...(rel.onBehalfOf !== undefined && { onBehalfOf: to(rel.onBehalfOf) }),
    keepExisting: true,
  };
  return pointed.from === pointed.to ? undefined : pointed;
}

/**
 * The dataset without its definitions of ids the graph knows as merged into another node (a
 * curator's POST /api/merges), and with its relationships of those ids pointed at the node each
 * became: loading a dataset again after a merge does not bring the merged node back, and changes
 * nothing. As in the merge, the node that stays keeps its own relationships: a pointed one that is
 * the same relationship as one of the dataset's own for that node is left out, and the others only
 * add what the node does not hold yet (`keepExisting`).
 */
export function withoutMerged(
  dataset: ResolvedDataset,
  merged: ReadonlyMap<string, string>,
): { dataset: ResolvedDataset; skipped: string[] } {
  const skipped = dataset.nodes.filter((node) => merged.has(node.id)).map((node) => node.id);
  if (skipped.length === 0) return { dataset, skipped };
  const pointedAll = dataset.relationships.map((rel) => pointedAtSurvivors(rel, merged));
  const relationships = dataset.relationships.filter((rel, i) => pointedAll[i] === rel);
  const own = new Set(relationships.map(relationshipKey));
  for (const [i, pointed] of pointedAll.entries()) {
    if (pointed === undefined || pointed === dataset.relationships[i]) continue;
    const key = relationshipKey(pointed);
    if (own.has(key)) continue;
    own.add(key);
    relationships.push(pointed);
  }
  // The node that stays, when the dataset defines it too, takes the merged one's names as aliases.
  const mergedInto = new Map<string, EntityRecord[]>();
  for (const node of dataset.nodes) {
    const into = merged.get(node.id);
    if (into !== undefined) mergedInto.set(into, [...(mergedInto.get(into) ?? []), node.record]);
  }
  const nodes = dataset.nodes
    .filter((node) => !merged.has(node.id))
    .map((node) => {
      const others = mergedInto.get(node.id);
      if (!others || !('aliases' in node.record)) return node;
      const record = others.reduce<EntityRecord>(
        (into, other) => ({ ...into, aliases: unitedAliases(into, other) }) as EntityRecord,
        node.record,
      );
      return { ...node, record };
    });
  return { dataset: { ...dataset, nodes, relationships }, skipped };
}
