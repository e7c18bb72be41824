// Validates datasets as a whole before anything is written: the shape (zod), then what needs the
// whole input and the graph: duplicate ids, relationship types and endpoint kinds, references that
// resolve neither in the input nor in the graph, provenance, quotes against their offsets (or
// their unique position when offsets are omitted), document text files. Every issue is collected;
// the result is either all issues or a resolved dataset ready to write.

import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { KINDS, kindOfId, type NodeKind } from '../../model/kinds.ts';
import {
  needsProvenance,
  relationshipType,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from '../../model/vocabulary.ts';
import { canonicalJson } from '../neo4j/checksum.ts';
import type { Plain } from '../neo4j/values.ts';
import { pathToString, type DatasetIssue } from './errors.ts';
import { decodeUtf8, readSourceFile, type SourceFile } from './parse.ts';
import {
  datasetSchema,
  type ActorRecord,
  type ClaimRecord,
  type Dataset,
  type DocumentRecord,
  type EventRecord,
  type RelationshipRecord,
  type TopicRecord,
} from './schema.ts';

export type EntityRecord =
  ActorRecord | ClaimRecord | TopicRecord | EventRecord | (DocumentRecord & { text: string });

export interface ResolvedNode {
  id: string;
  kind: NodeKind;
  record: EntityRecord;
}

export interface ResolvedRelationship extends RelationshipRecord {
  /** Derived from the vocabulary: provenance relationships are keyed by (doc, start) too. */
  keyed: boolean;
  /** The label of each endpoint that MERGE matches on (Actor for every actor kind). */
  date?: string;
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
}
export type LookupExisting = (ids: string[]) => Promise<Map<string, ExistingNode>>;

type Section = 'documents' | 'actors' | 'claims' | 'topics' | 'events';
const SECTIONS: Section[] = ['documents', 'actors', 'claims', 'topics', 'events'];

export interface Located {
  source: SourceFile;
  path: (string | number)[];
}

export function issueAt(at: Located, message: string, field?: string, key?: string): DatasetIssue {
  const fullPath = field ? [...at.path, field] : at.path;
  const pos = at.source.locate(fullPath, key ? { key } : {});
  return {
    file: at.source.file,
    line: pos?.line,
    column: pos?.column,
    path: pathToString(fullPath),
    message,
  };
}

export function zodIssues(source: SourceFile, error: z.ZodError): DatasetIssue[] {
  return error.issues.map((issue) => {
    const at: Located = { source, path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))) };
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys;
      return issueAt(
        at,
        `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `\`${k}\``).join(', ')}`,
        undefined,
        keys[0],
      );
    }
    if (issue.code === 'invalid_type') {
      const missing = issue.input === undefined;
      return issueAt(
        at,
        missing
          ? `missing; expected ${issue.expected}`
          : `expected ${issue.expected}, got ${describe(issue.input)}`,
      );
    }
    if (issue.code === 'invalid_value' && issue.path.length === 1 && issue.path[0] === 'stancegraph') {
      return issueAt(at, 'expected `stancegraph: 1` (the dataset format version)');
    }
    return issueAt(at, issue.message.replace(/^Invalid (input|option): /, ''));
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

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
  const actors = ['Person', 'Institution', 'Country'];
  if (actors.every((k) => kinds.includes(k as NodeKind))) {
    const rest = kinds.filter((k) => !actors.includes(k));
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

/** Reads and validates dataset files. Returns every issue, or the resolved dataset when there are none. */
export async function validateFiles(
  files: string[],
  lookupExisting: LookupExisting,
): Promise<{ issues: DatasetIssue[]; dataset?: ResolvedDataset }> {
  const issues: DatasetIssue[] = [];
  const parsed: { source: SourceFile; dataset: Dataset }[] = [];
  let complete = true;
  for (const file of files) {
    const read = readSourceFile(file);
    if ('issues' in read) {
      issues.push(...read.issues);
      complete = false;
      continue;
    }
    const result = datasetSchema.safeParse(read.source.data, { reportInput: true });
    if (!result.success) {
      issues.push(...zodIssues(read.source, result.error));
      complete = false;
      continue;
    }
    parsed.push({ source: read.source, dataset: result.data });
  }

  // Entities, across files: an id defined twice must be defined the same way.
  const entities = new Map<string, { node: ResolvedNode; at: Located }>();
  /** Documents defined but whose text could not be read: already reported, not dangling. */
  const unreadable = new Set<string>();
  for (const { source, dataset } of parsed) {
    for (const section of SECTIONS) {
      dataset[section].forEach((record, index) => {
        const at: Located = { source, path: [section, index] };
        const kind = kindOfId(record.id)!;
        let entity = record as EntityRecord;
        if (section === 'documents') {
          const doc = record as DocumentRecord;
          const text = doc.text ?? readTextFile(doc, at, issues);
          if (text === undefined) {
            unreadable.add(doc.id);
            return;
          }
          const { textFile: _textFile, ...rest } = doc;
          entity = { ...rest, text };
        }
        const previous = entities.get(record.id);
        if (previous) {
          if (
            canonicalJson(previous.node.record as unknown as Plain) !==
            canonicalJson(entity as unknown as Plain)
          ) {
            const first = previous.at.source.locate(previous.at.path);
            const differing = Object.keys({ ...previous.node.record, ...entity }).filter(
              (key) =>
                JSON.stringify((previous.node.record as Record<string, unknown>)[key]) !==
                JSON.stringify((entity as Record<string, unknown>)[key]),
            );
            issues.push(
              issueAt(
                at,
                `duplicate id "${record.id}" with conflicting ${differing.map((k) => `\`${k}\``).join(', ')} ` +
                  `(first defined at ${previous.at.source.file}:${first?.line ?? '?'}); expected one definition, or identical ones`,
                'id',
              ),
            );
          }
          return;
        }
        entities.set(record.id, { node: { id: record.id, kind, record: entity }, at });
      });
    }
  }

  // References the input does not define may already be in the graph.
  const referenced = new Set<string>();
  for (const { dataset } of parsed) {
    for (const rel of dataset.relationships) {
      for (const id of [rel.from, rel.to, rel.doc]) if (id && !entities.has(id)) referenced.add(id);
    }
  }
  const existing =
    referenced.size > 0 ? await lookupExisting([...referenced]) : new Map<string, ExistingNode>();
  const kindOf = (id: string) =>
    entities.get(id)?.node.kind ?? existing.get(id)?.kind ?? (unreadable.has(id) ? 'Document' : undefined);
  const documentOf = (id: string): { text: string; published: string } | undefined => {
    const defined = entities.get(id)?.node.record as (DocumentRecord & { text: string }) | undefined;
    if (defined && entities.get(id)?.node.kind === 'Document')
      return { text: defined.text, published: defined.published };
    const found = existing.get(id);
    return found?.kind === 'Document' && found.text !== undefined
      ? { text: found.text, published: found.published ?? '' }
      : undefined;
  };

  const relationships = new Map<string, { rel: ResolvedRelationship; at: Located }>();
  for (const { source, dataset } of parsed) {
    dataset.relationships.forEach((record, index) => {
      const at: Located = { source, path: ['relationships', index] };
      const vocabulary = relationshipType(record.type);
      if (!vocabulary) {
        const suggestion = nearest(record.type, RELATIONSHIP_TYPES);
        issues.push(
          issueAt(
            at,
            `unknown relationship type "${record.type}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; expected one of ${RELATIONSHIP_TYPES.join(', ')}`,
            'type',
          ),
        );
        return;
      }
      const rel = resolveRelationship(record, vocabulary, at, issues, { kindOf, documentOf, complete });
      if (!rel) return;
      const key = relationshipKey(rel);
      const previous = relationships.get(key);
      if (previous) {
        if (canonicalJson(previous.rel as unknown as Plain) !== canonicalJson(rel as unknown as Plain)) {
          const first = previous.at.source.locate(previous.at.path);
          issues.push(
            issueAt(
              at,
              `the same ${rel.type} from ${rel.from} to ${rel.to}${rel.keyed ? ` at ${rel.doc}:${rel.start}` : ''} is coded twice with different properties (first at ${previous.at.source.file}:${first?.line ?? '?'})`,
            ),
          );
        }
        return;
      }
      relationships.set(key, { rel, at });
    });
  }

  if (issues.length > 0) return { issues };

  // Every document mentions the actors, claims and events it has quotes about.
  let derivedMentions = 0;
  for (const { rel } of [...relationships.values()]) {
    for (const derived of mentionsOf(rel, kindOf)) {
      const key = relationshipKey(derived);
      if (!relationships.has(key)) {
        relationships.set(key, { rel: derived, at: { source: parsed[0]!.source, path: [] } });
        derivedMentions++;
      }
    }
  }

  return {
    issues: [],
    dataset: {
      nodes: [...entities.values()].map((entry) => entry.node),
      relationships: [...relationships.values()].map((entry) => entry.rel),
      derivedMentions,
    },
  };
}

export function readTextFile(doc: DocumentRecord, at: Located, issues: DatasetIssue[]): string | undefined {
  const file = path.resolve(at.source.dir, doc.textFile!);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    issues.push(
      issueAt(
        at,
        `cannot read text file ${doc.textFile} (${(error as NodeJS.ErrnoException).code}); expected a UTF-8 text file next to the dataset`,
        'textFile',
      ),
    );
    return undefined;
  }
  const decoded = decodeUtf8(bytes, doc.textFile!);
  if ('issue' in decoded) {
    issues.push(issueAt(at, `text file ${doc.textFile} is ${decoded.issue.message}`, 'textFile'));
    return undefined;
  }
  if (decoded.text.trim() === '') {
    issues.push(issueAt(at, `text file ${doc.textFile} is empty; expected the document's text`, 'textFile'));
    return undefined;
  }
  return decoded.text;
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
  rel: Pick<ResolvedRelationship, 'from' | 'type' | 'to' | 'doc' | 'start' | 'keyed'>,
): string {
  return rel.keyed
    ? `${rel.from}|${rel.type}|${rel.to}|${rel.doc}|${rel.start}`
    : `${rel.from}|${rel.type}|${rel.to}`;
}

export interface Resolvers {
  kindOf(id: string): NodeKind | undefined;
  documentOf(id: string): { text: string; published: string } | undefined;
  /** False when some file failed to parse: then unresolved references may be defined there. */
  complete: boolean;
}

export function resolveRelationship(
  record: RelationshipRecord,
  vocabulary: RelationshipType,
  at: Located,
  issues: DatasetIssue[],
  { kindOf, documentOf, complete }: Resolvers,
): ResolvedRelationship | undefined {
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
  if (provenance) {
    const missing = (['doc', 'quote'] as const).filter((field) => record[field] === undefined);
    if (missing.length > 0) {
      issues.push(
        issueAt(
          at,
          `a ${record.type} (${vocabulary.family}) needs provenance: missing ${missing.map((f) => `\`${f}\``).join(' and ')}; expected the document id and the exact quote`,
          missing[0] === 'doc' ? undefined : undefined,
        ),
      );
    }
  }
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
  if (kind === 'Person' || kind === 'Institution' || kind === 'Country') return '`actors`';
  return `\`${KINDS[kind].plural}\``;
}
