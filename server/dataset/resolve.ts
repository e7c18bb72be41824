// Reference resolution, shared by the YAML/JSON validator (validate.ts) and the bulk validator
// (bulk.ts): a relationship's type against the vocabulary, its endpoints' kinds, references to the
// input or the graph, provenance and quotes against their document; the one relationship key and
// the one MENTIONS derivation both paths use.

import { ACTOR_KINDS, isActorKind, KINDS, kindOfId, type NodeKind } from '../../model/kinds.ts';
import {
  needsProvenance,
  relationshipType,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from '../../model/vocabulary.ts';
import type { DatasetIssue } from './errors.ts';
import { issueAt, type Located } from './issues.ts';
import { checkProvenance, recordKey } from './provenance.ts';
import type {
  ActorRecord,
  ClaimRecord,
  DocumentRecord,
  EventRecord,
  RelationshipRecord,
  TopicRecord,
} from './schema.ts';

export type EntityRecord =
  ActorRecord | ClaimRecord | TopicRecord | EventRecord | (DocumentRecord & { text?: string });

export interface ResolvedNode {
  id: string;
  kind: NodeKind;
  record: EntityRecord;
}

export interface ResolvedRelationship extends RelationshipRecord {
  /** Derived from the vocabulary: provenance relationships are keyed by (doc, start) too. */
  keyed: boolean;
  /** The relationship's date: its own, else its document's publication date. */
  date?: string;
  /**
   * A relationship of a merged id, pointed at the node it became (withoutMerged): added when that
   * node does not hold it yet, but never changes one it holds (POST /api/merges's rule).
   */
  keepExisting?: true;
}

export interface ResolvedDataset {
  nodes: ResolvedNode[];
  relationships: ResolvedRelationship[];
  /** How many MENTIONS relationships were derived from provenance. */
  derivedMentions: number;
}

/** What the graph already holds for ids the input references but does not define. */
export interface ExistingNode {
  kind: NodeKind;
  /** For documents: their text and date, to check quotes and default dates. */
  text?: string;
  published?: string;
  /** For an id merged into another node (POST /api/merges): the id of the node it now names. */
  mergedInto?: string;
}
export type LookupExisting = (ids: string[]) => Promise<Map<string, ExistingNode>>;

function nearest(word: string, options: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    const d = distance(word.toUpperCase(), option);
    if (d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best;
}

function kindList(kinds: readonly NodeKind[]): string {
  if (ACTOR_KINDS.every((k) => kinds.includes(k))) {
    const rest = kinds.filter((k) => !isActorKind(k));
    return ['an Actor', ...rest.map((k) => `a ${k}`)].join(' or ');
  }
  return kinds.map((k) => `a ${k}`).join(' or ');
}

/** Finds every position of `quote` in `text`. */
function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

const snippet = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);

/**
 * The relationship type a record names, from the vocabulary; an unknown one is an issue that lists
 * the types and suggests the nearest ("did you mean …"), the same for YAML and bulk input.
 */
export function vocabularyOf(
  record: Pick<RelationshipRecord, 'type'>,
  at: Located,
  issues: DatasetIssue[],
): RelationshipType | undefined {
  const vocabulary = relationshipType(record.type);
  if (vocabulary) return vocabulary;
  const suggestion = nearest(record.type, RELATIONSHIP_TYPES);
  issues.push(
    issueAt(
      at,
      `unknown relationship type "${record.type}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; expected one of ${RELATIONSHIP_TYPES.join(', ')}`,
      'type',
    ),
  );
  return undefined;
}

const MENTIONS = relationshipType('MENTIONS')!;

/** The MENTIONS a relationship's provenance implies: its document mentions both endpoints. */
export function mentionsOf(
  rel: Pick<ResolvedRelationship, 'type' | 'from' | 'to' | 'doc'>,
  kindOf: (id: string) => NodeKind | undefined,
): ResolvedRelationship[] {
  if (!rel.doc || rel.type === 'MENTIONS') return [];
  return [rel.from, rel.to]
    .filter((id) => (MENTIONS.to as readonly string[]).includes(kindOf(id) ?? ''))
    .map((id) => ({
      type: 'MENTIONS',
      from: rel.doc!,
      to: id,
      keyed: false,
      method: 'rule' as const,
      confidence: 1,
      modality: 'asserted' as const,
      status: 'accepted' as const,
    }));
}

export function relationshipKey(
  rel: Pick<ResolvedRelationship, 'from' | 'type' | 'to' | 'doc' | 'start' | 'keyed' | 'source' | 'record'>,
): string {
  const byRecord = recordKey(rel);
  if (byRecord !== undefined) return byRecord;
  return rel.keyed
    ? `${rel.from}|${rel.type}|${rel.to}|${rel.doc}|${rel.start}`
    : `${rel.from}|${rel.type}|${rel.to}`;
}

export interface Resolvers {
  kindOf(id: string): NodeKind | undefined;
  documentOf(id: string): { text: string; published: string } | undefined;
  /** False when some file failed to parse: then unresolved references may be defined there. */
  complete: boolean;
  /** The id a reference names now: a merged id becomes the id of the node it was merged into. */
  canonicalId?(id: string): string;
}

/** The canonical id of references the graph knows as merged (ExistingNode.mergedInto). */
export const canonicalIn =
  (existing: ReadonlyMap<string, ExistingNode>) =>
  (id: string): string =>
    existing.get(id)?.mergedInto ?? id;

export function resolveRelationship(
  given: RelationshipRecord,
  vocabulary: RelationshipType,
  at: Located,
  issues: DatasetIssue[],
  { kindOf, documentOf, complete, canonicalId }: Resolvers,
): ResolvedRelationship | undefined {
  const record: RelationshipRecord = canonicalId
    ? {
        ...given,
        from: canonicalId(given.from),
        to: canonicalId(given.to),
        ...(given.onBehalfOf !== undefined && { onBehalfOf: canonicalId(given.onBehalfOf) }),
      }
    : given;
  const before = issues.length;
  for (const end of ['from', 'to'] as const) {
    const id = record[end];
    const declared = kindOfId(id)!;
    const allowed = vocabulary[end] as readonly NodeKind[];
    if (!allowed.includes(declared)) {
      issues.push(
        issueAt(
          at,
          `${record.type} goes from ${kindList(vocabulary.from as readonly NodeKind[])} to ${kindList(vocabulary.to as readonly NodeKind[])}; ` +
            `got ${/^[AEIOU]/.test(declared) ? 'an' : 'a'} ${declared} (${id}) as \`${end}\``,
          end,
        ),
      );
    } else if (!kindOf(id) && complete) {
      issues.push(
        issueAt(
          at,
          `dangling reference: no ${KINDS[declared].prefix} "${id}" in this input or in the graph; expected an id defined under ${sectionOf(declared)}`,
          end,
        ),
      );
    }
  }

  if (record.onBehalfOf !== undefined && !kindOf(record.onBehalfOf) && complete) {
    issues.push(
      issueAt(
        at,
        `dangling reference: no actor "${record.onBehalfOf}" in this input or in the graph; expected an id defined under actors`,
        'onBehalfOf',
      ),
    );
  }

  const provenance = needsProvenance(vocabulary.family);
  checkProvenance(record, vocabulary, provenance, {
    kindOf,
    hasText: (id) => (documentOf(id) ? true : kindOf(id) === 'Document' ? false : undefined),
    issue: (message, field) => issues.push(issueAt(at, message, field)),
  });
  if (record.quote !== undefined && record.doc === undefined && !provenance) {
    issues.push(issueAt(at, 'a `quote` needs the `doc` it is quoted from', 'quote'));
  }

  let { start, end } = record;
  let date = record.date;
  if (record.doc !== undefined) {
    const doc = documentOf(record.doc);
    if (!doc) {
      if (complete && !kindOf(record.doc)) {
        issues.push(
          issueAt(at, `dangling reference: no document "${record.doc}" in this input or in the graph`, 'doc'),
        );
      }
    } else {
      date ??= doc.published;
      if (record.quote !== undefined) {
        if (start !== undefined && end !== undefined) {
          const actual = doc.text.slice(start, end);
          if (actual !== record.quote) {
            const found = occurrences(doc.text, record.quote);
            const hint =
              found.length === 1
                ? ` (the quote is at start: ${found[0]}, end: ${found[0]! + record.quote.length})`
                : found.length === 0
                  ? ' (and the quote occurs nowhere in the document)'
                  : ` (the quote occurs ${found.length} times, at ${found.join(', ')})`;
            issues.push(
              issueAt(
                at,
                `quote does not match the document text at [${start}, ${end}): the text there is ${snippet(actual)}; expected text.slice(start, end) === quote${hint}`,
                'quote',
              ),
            );
          }
        } else {
          const found = occurrences(doc.text, record.quote);
          if (found.length === 0) {
            issues.push(
              issueAt(
                at,
                `quote not found in ${record.doc}: ${snippet(record.quote)}; expected the exact words of the document`,
                'quote',
              ),
            );
          } else if (found.length > 1) {
            issues.push(
              issueAt(
                at,
                `quote is ambiguous: it occurs ${found.length} times in ${record.doc} (at ${found.join(', ')}); give \`start\` and \`end\``,
                'quote',
              ),
            );
          } else {
            start = found[0]!;
            end = start + record.quote.length;
          }
        }
      } else if (start !== undefined) {
        issues.push(issueAt(at, '`start`/`end` without a `quote`; expected the quoted words too', 'quote'));
      }
    }
  }
  if (issues.length > before) return undefined;
  const keyed = provenance;
  return {
    ...record,
    ...(start !== undefined ? { start, end } : {}),
    ...(date !== undefined ? { date } : {}),
    keyed,
  };
}

function sectionOf(kind: NodeKind): string {
  if (isActorKind(kind)) return '`actors`';
  return `\`${KINDS[kind].plural}\``;
}
