// The write API validates with the loader's own code: the dataset schema (zod) for the shape, and
// resolveRelationship for what needs the graph (vocabulary, endpoint kinds, references, quotes
// against their offsets). A loader issue becomes a problem+json issue pointing into the body.

import type { ManagedTransaction } from 'neo4j-driver';
import { kindOfId, type NodeKind } from '../../model/kinds.ts';
import { queries } from '../cypher/registry.ts';
import { addExisting, addMerged } from '../dataset/lookup.ts';
import type { DatasetIssue } from '../dataset/errors.ts';
import type { SourceFile } from '../dataset/parse.ts';
import type { ActorRecord, ClaimRecord, RelationshipRecord } from '../dataset/schema.ts';
import {
  canonicalIn,
  mentionsOf,
  resolveRelationship,
  vocabularyOf,
  type ExistingNode,
  type ResolvedRelationship,
} from '../dataset/resolve.ts';
import { invalidRequest, pointer, ProblemError, type ProblemIssue } from '../api/problem.ts';
import {
  readRelationship,
  identityOf,
  type NodeSnapshot,
  type Props,
  type RelationshipSnapshot,
} from './state.ts';

/** A request body seen as a dataset source: issues carry paths, not lines. */
function bodySource(data: unknown): SourceFile {
  return { file: 'request body', dir: '', data, locate: () => undefined };
}

/** `relationship.quote` or `actors[0].id` → `/body/relationship/quote`, `/body/actors/0/id`. */
export function issuePointer(issue: DatasetIssue, base: (string | number)[] = ['body']): ProblemIssue {
  const segments = issue.path
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return { pointer: pointer(...base, ...segments), detail: issue.message };
}

/** What the graph holds for some ids, read in the write's own transaction. */
export async function lookupIds(tx: ManagedTransaction, ids: string[]): Promise<Map<string, ExistingNode>> {
  const found = new Map<string, ExistingNode>();
  if (ids.length === 0) return found;
  const { records } = await tx.run(queries['existing-ids'], { ids, withText: true });
  for (const record of records) addExisting(found, record);
  await addMerged((query, params) => tx.run(query, params), ids, found);
  return found;
}

export const conflict = (detail: string, at: string) =>
  new ProblemError({
    type: '/problems/conflict',
    title: 'Conflict',
    status: 409,
    detail,
    errors: [{ pointer: at, detail }],
  });

export interface ResolvedWrite {
  relationship: RelationshipSnapshot;
  /** New actors and claims the request defines. */
  nodes: NodeSnapshot[];
  /** The MENTIONS the relationship's provenance implies that the graph does not hold yet. */
  mentions: RelationshipSnapshot[];
}

/** A resolved relationship as a snapshot: the properties the loader would store. */
export function snapshotOf(rel: ResolvedRelationship): RelationshipSnapshot {
  const props: Props = {};
  for (const [key, value] of Object.entries(rel)) {
    if (value === undefined || ['type', 'from', 'to', 'keyed'].includes(key)) continue;
    props[key] = value as Props[string];
  }
  return { type: rel.type, from: rel.from, to: rel.to, props };
}

/**
 * Checks one relationship (and the new actors and claims it brings) as the loader would, against
 * the graph as this transaction sees it. Throws a 400 naming every field at fault.
 */
export async function resolveWrite(
  tx: ManagedTransaction,
  input: { relationship: RelationshipRecord; actors?: ActorRecord[]; claims?: ClaimRecord[] },
  at: (string | number)[] = ['relationship'],
  options: { allowExisting?: RelationshipSnapshot } = {},
): Promise<ResolvedWrite> {
  const issues: DatasetIssue[] = [];
  const source = bodySource(input);
  const defined = new Map<string, NodeSnapshot>();
  (['actors', 'claims'] as const).forEach((section) => {
    (input[section] ?? []).forEach((record, index) => {
      const kind = kindOfId(record.id)!;
      if (defined.has(record.id)) {
        issues.push({
          file: source.file,
          path: `${section}[${index}].id`,
          message: `"${record.id}" is defined twice`,
        });
      }
      defined.set(record.id, { id: record.id, kind, props: { ...(record as unknown as Props) } });
    });
  });
  const rel = input.relationship;
  const ids = [
    ...new Set(
      [rel.from, rel.to, rel.doc, rel.onBehalfOf, ...defined.keys()].filter((id) => id !== undefined),
    ),
  ];
  const existing = await lookupIds(tx, ids as string[]);
  (['actors', 'claims'] as const).forEach((section) => {
    (input[section] ?? []).forEach((record, index) => {
      if (existing.has(record.id))
        issues.push({
          file: source.file,
          path: `${section}[${index}].id`,
          message: `"${record.id}" is already in the graph; refer to it, or choose a new id`,
        });
    });
  });
  const kindOf = (id: string): NodeKind | undefined => defined.get(id)?.kind ?? existing.get(id)?.kind;
  const located = { source, path: at };
  const vocabulary = vocabularyOf(rel, located, issues);
  const resolved = vocabulary
    ? resolveRelationship(rel, vocabulary, located, issues, {
        kindOf,
        documentOf: (id) => {
          const doc = existing.get(id);
          return doc?.kind === 'Document' && doc.text !== undefined
            ? { text: doc.text, published: doc.published ?? '' }
            : undefined;
        },
        complete: true,
        canonicalId: canonicalIn(existing),
      })
    : undefined;
  if (issues.length > 0 || !resolved) throw invalidRequest(issues.map((issue) => issuePointer(issue)));

  const relationship = snapshotOf(resolved);
  const same = await readRelationship(tx, identityOf(relationship));
  const allowed = options.allowExisting;
  if (
    same &&
    !(allowed && JSON.stringify(identityOf(allowed)) === JSON.stringify(identityOf(relationship)))
  ) {
    throw conflict(
      `the same ${rel.type} from ${rel.from} to ${rel.to}${resolved.keyed ? ` at ${rel.doc}:${resolved.start}` : ''} is coded already`,
      pointer('body', ...at, resolved.keyed ? 'start' : 'to'),
    );
  }
  const mentions: RelationshipSnapshot[] = [];
  for (const mention of mentionsOf(resolved, kindOf)) {
    const snapshot = snapshotOf(mention);
    if (!(await readRelationship(tx, identityOf(snapshot)))) mentions.push(snapshot);
  }
  return { relationship, nodes: [...defined.values()], mentions };
}
