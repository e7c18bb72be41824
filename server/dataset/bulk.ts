// The bulk format: a folder of JSON Lines files, one per record type (documents.jsonl,
// actors.jsonl, claims.jsonl, topics.jsonl, events.jsonl, relationships.jsonl), each line one
// record with the same fields, checked by the same zod schemas, as in a YAML dataset. It streams:
// a first pass validates everything (errors name file:line) while keeping only ids and their kinds;
// documents' texts go to a spool file (spool.ts) and are read back by offset to check quotes and
// to write; relationship keys go to a typed-array hash table (key-table.ts), 16 bytes a slot. A
// second pass reads the files again and writes batches. Memory grows with the number of ids, and
// with the number of relationships only by the key table's ~22 bytes each.

import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { isActorKind, kindOfId, type NodeKind } from '../../model/kinds.ts';
import { relationshipType } from '../../model/vocabulary.ts';
import type { DatasetIssue } from './errors.ts';
import { issueAt, zodIssues } from './issues.ts';
import {
  endpointLabel,
  nodeProperties,
  NODE_QUERY,
  relationshipGroup,
  relationshipQueryOf,
  relationshipRow,
} from './plan.ts';
import { normaliser, type Normalise } from './normalise.ts';
import type { SourceFile } from './parse.ts';
import { KeyTable } from './key-table.ts';
import { pointedAtSurvivors } from './merged.ts';
import { TextSpool } from './spool.ts';
import { lineBatches } from './text-lines.ts';
import { documentText } from './text-file.ts';
import {
  actorSchema,
  claimSchema,
  documentSchema,
  eventSchema,
  relationshipSchema,
  topicSchema,
  type DocumentRecord,
  type RelationshipRecord,
} from './schema.ts';
import {
  mentionsOf,
  relationshipKey,
  canonicalIn,
  resolveRelationship,
  vocabularyOf,
  type EntityRecord,
  type ExistingNode,
  type LookupExisting,
  type ResolvedNode,
  type ResolvedRelationship,
  type Resolvers,
} from './resolve.ts';
import { TRANSACTION_TEXT, type Batch } from './writer.ts';

export const BULK_SECTIONS = ['documents', 'actors', 'claims', 'topics', 'events', 'relationships'] as const;
type Section = (typeof BULK_SECTIONS)[number];

/** The schema each file's lines are checked with: the YAML format's, section by section. */
export const BULK_SCHEMAS = {
  documents: documentSchema,
  actors: actorSchema,
  claims: claimSchema,
  topics: topicSchema,
  events: eventSchema,
  relationships: relationshipSchema,
} as const satisfies Record<Section, z.ZodType>;

type NodeSection = Exclude<Section, 'relationships'>;

/** What the schemas make of lines the validation pass accepted, for the write pass. */
const NORMALISE = Object.fromEntries(
  Object.entries(BULK_SCHEMAS).map(([section, schema]) => [section, normaliser(schema as z.ZodType)]),
) as Record<NodeSection, Normalise<EntityRecord>> & { relationships: Normalise<RelationshipRecord> };

/** A folder holding at least one `<section>.jsonl`. */
export function isBulkFolder(input: string): boolean {
  return (
    fs.existsSync(input) &&
    fs.statSync(input).isDirectory() &&
    BULK_SECTIONS.some((section) => fs.existsSync(path.join(input, `${section}.jsonl`)))
  );
}

/** A file's size and modification time, or "missing". */
type Stamp = string;

function stampOf(file: string): Stamp {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.size} bytes, modified ${stat.mtime.toISOString()} (${stat.mtimeMs})` : 'missing';
}

const sectionFile = (dir: string, section: Section) => path.join(dir, `${section}.jsonl`);

/** The line of `fd` that starts at byte `offset` (without its line break). */
export function lineAt(fd: number, offset: number): string {
  const chunks: Buffer[] = [];
  let at = offset;
  for (;;) {
    const buffer = Buffer.allocUnsafe(chunks.length === 0 ? 4096 : 1 << 16);
    const n = fs.readSync(fd, buffer, 0, buffer.length, at);
    const end = buffer.subarray(0, n).indexOf(0x0a);
    chunks.push(buffer.subarray(0, end === -1 ? n : end));
    if (end !== -1 || n === 0) break;
    at += n;
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface ParsedLine<T> {
  at: { source: SourceFile; path: (string | number)[] };
  offset: number;
  record?: T;
}

/**
 * Parses each line as JSON and then with `schema`; reports issues into `issues`. Without a schema,
 * lines are only parsed as JSON (for a quick pass over lines another pass checks).
 */
async function* records<T>(
  dir: string,
  section: Section,
  schema: z.ZodType | null,
  issues: DatasetIssue[],
): AsyncGenerator<ParsedLine<T>> {
  const file = sectionFile(dir, section);
  if (!fs.existsSync(file)) return;
  try {
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
    for await (const batch of lineBatches(stream))
      for (const { line, offset, text } of batch) {
        if (text.trim() === '') continue;
        const source: SourceFile = { file, dir, data: undefined, locate: () => ({ line, column: 1 }) };
        const at = { source, path: [] as (string | number)[] };
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          issues.push({
            file,
            line,
            column: 1,
            path: '',
            message: `invalid JSON: ${(error as Error).message}`,
          });
          yield { at, offset };
          continue;
        }
        if (!schema) {
          yield { at, offset, record: value as T };
          continue;
        }
        const parsed = schema.safeParse(value, { reportInput: true });
        if (!parsed.success) {
          issues.push(...zodIssues(source, parsed.error));
          yield { at, offset };
          continue;
        }
        yield { at, offset, record: parsed.data as T };
      }
  } catch (error) {
    issues.push({
      file,
      line: (error as { line?: number }).line,
      path: '',
      message: (error as Error).message,
    });
  }
}

export interface BulkIndex {
  dir: string;
  kinds: Map<string, NodeKind>;
  /** The folder's documents with a text: its handle in `texts`, and their date. */
  documents: Map<string, { text: number; published: string }>;
  /** The documents' texts, spooled to a temporary file. */
  texts: TextSpool;
  existing: Map<string, ExistingNode>;
  /** `from|to` of the MENTIONS the input states itself (derived ones must not repeat them). */
  explicitMentions: Set<string>;
  /** Rows the write pass will send, derived MENTIONS included. */
  totalRows: number;
  derivedMentions: number;
  /** Each file as the validation pass found it before reading it: the write pass reads the same. */
  stamps: Record<Section, Stamp>;
  /** Releases the spool file: call once the write pass is done (or abandoned). */
  close(): void;
}

const MAX_ISSUES = 500;

/** The write pass holds at most this many batches' worth of relationship rows in its buffers. */
const BUFFERED_BATCHES = 3;

export interface ValidateBulkOptions {
  /**
   * Called once the node files have passed, with every id they define, while the relationships
   * are still being checked: the loader looks them up in the graph meanwhile.
   */
  onNodeIds?: (ids: string[]) => void;
  /** The largest document text (text-file.ts). */
  maxTextBytes?: number;
  /** Where the document texts are spooled (default: the system's temporary folder). */
  spoolDir?: string;
  /** For tests: the relationship keys' hash (key-table.ts), to make different keys collide. */
  keyHash?: (key: string) => number;
  /**
   * The graph is known to be empty (`load --initial`): every reference must be in the folder, and
   * the pass over the relationships that collects references to look up is skipped.
   */
  emptyGraph?: boolean;
  /**
   * Called with each record as it is accepted, nodes first, relationships in file order, each
   * followed by the MENTIONS it derives (the first time in its document's run of lines), as long
   * as no issue has been found: `load --initial` writes its CSV files in this one pass, and deletes
   * them if an issue turns up later. Nothing is written to the graph.
   */
  onAccepted?: (accepted: AcceptedRecord) => void;
}

export type AcceptedRecord =
  { node: ResolvedNode } | { relationship: ResolvedRelationship; derived: boolean };

/** Kinds and documents for resolveRelationship, from the folder's index and the graph's answers. */
function resolvers(
  index: Pick<BulkIndex, 'kinds' | 'documents' | 'texts' | 'existing'>,
): Omit<Resolvers, 'complete'> {
  return {
    kindOf: (id) => index.kinds.get(id) ?? index.existing.get(id)?.kind,
    documentOf: (id) => {
      const defined = index.documents.get(id);
      if (defined) return { text: index.texts.get(defined.text), published: defined.published };
      const found = index.existing.get(id);
      return found?.text !== undefined ? { text: found.text, published: found.published ?? '' } : undefined;
    },
  };
}

/** First pass: validates every file of the folder; returns every issue, or the index the write pass needs. */
export async function validateBulk(
  dir: string,
  lookupExisting: LookupExisting,
  options: ValidateBulkOptions = {},
): Promise<{ issues: DatasetIssue[]; index?: BulkIndex }> {
  const texts = new TextSpool(options.spoolDir);
  try {
    const result = await validateInto(dir, lookupExisting, options, texts);
    if (!result.index) texts.close();
    return result;
  } catch (error) {
    texts.close();
    throw error;
  }
}

async function validateInto(
  dir: string,
  lookupExisting: LookupExisting,
  options: ValidateBulkOptions,
  texts: TextSpool,
): Promise<{ issues: DatasetIssue[]; index?: BulkIndex }> {
  const issues: DatasetIssue[] = [];
  const { onAccepted } = options;
  const stamps = Object.fromEntries(
    BULK_SECTIONS.map((section) => [section, stampOf(sectionFile(dir, section))]),
  ) as Record<Section, Stamp>;
  const kinds = new Map<string, NodeKind>();
  const definedAt = new Map<string, string>();
  const documents = new Map<string, { text: number; published: string }>();
  let totalRows = 0;

  for (const section of BULK_SECTIONS) {
    if (section === 'relationships') continue;
    for await (const { at, record } of records<{ id: string }>(dir, section, BULK_SCHEMAS[section], issues)) {
      if (issues.length > MAX_ISSUES) break;
      if (!record) continue;
      const where = `${path.basename(at.source.file)}:${at.source.locate([])!.line}`;
      const first = definedAt.get(record.id);
      if (first) {
        issues.push(
          issueAt(
            at,
            `duplicate id "${record.id}" (first defined at ${first}); expected each id once in a bulk load`,
            'id',
          ),
        );
        continue;
      }
      definedAt.set(record.id, where);
      const kind = kindOfId(record.id)!;
      kinds.set(record.id, kind);
      let entity = record as unknown as EntityRecord;
      if (section === 'documents') {
        const doc = record as unknown as DocumentRecord;
        const before = issues.length;
        const text = documentText(doc, at, issues, options.maxTextBytes);
        if (text !== undefined) documents.set(doc.id, { text: texts.add(text), published: doc.published });
        if (onAccepted && issues.length === before) {
          const { textFile: _textFile, ...rest } = doc;
          entity = text !== undefined ? { ...rest, text } : rest;
        }
      }
      if (onAccepted && issues.length === 0) onAccepted({ node: { id: record.id, kind, record: entity } });
      totalRows++;
    }
  }
  definedAt.clear();
  if (issues.length === 0) options.onNodeIds?.([...kinds.keys()]);

  // References the folder does not define may be in the graph: collect them first, look them up
  // once. Only JSON here: the pass below checks each line with the schema and reports what is wrong.
  const referenced = new Set<string>();
  const references = options.emptyGraph
    ? []
    : records<Partial<Record<string, unknown>>>(dir, 'relationships', null, []);
  for await (const { record } of references) {
    if (typeof record !== 'object' || record === null) continue;
    for (const id of [record.from, record.to, record.doc, record.onBehalfOf])
      if (typeof id === 'string' && id && !kinds.has(id)) referenced.add(id);
  }
  const existing =
    referenced.size > 0 ? await lookupExisting([...referenced]) : new Map<string, ExistingNode>();
  referenced.clear();
  const { kindOf, documentOf } = resolvers({ kinds, documents, texts, existing });

  /** The key of a relationship line this pass accepted, read again (to confirm a duplicate). */
  const relationshipsFile = sectionFile(dir, 'relationships');
  let fd: number | undefined;
  const keyAt = (offset: number): string | undefined => {
    fd ??= fs.openSync(relationshipsFile, 'r');
    const record = relationshipSchema.safeParse(JSON.parse(lineAt(fd, offset)));
    if (!record.success) return undefined;
    const at = {
      source: { file: relationshipsFile, dir, data: undefined, locate: () => undefined },
      path: [],
    };
    const rel = resolveRelationship(record.data, relationshipType(record.data.type)!, at, [], {
      kindOf,
      documentOf,
      complete: true,
    });
    return rel && relationshipKey(rel);
  };
  const seen = new KeyTable({ sameKey: (key, offset) => keyAt(offset) === key, hash: options.keyHash });
  const explicitMentions = new Set<string>();
  let derivedMentions = 0;
  let mentionedInDoc = new Set<string>();
  let currentDoc: string | undefined;
  try {
    for await (const { at, offset, record } of records<RelationshipRecord>(
      dir,
      'relationships',
      relationshipSchema,
      issues,
    )) {
      if (issues.length > MAX_ISSUES) break;
      if (!record) continue;
      const vocabulary = vocabularyOf(record, at, issues);
      if (!vocabulary) continue;
      const rel = resolveRelationship(record, vocabulary, at, issues, {
        kindOf,
        documentOf,
        complete: true,
        canonicalId: canonicalIn(existing),
      });
      if (!rel) continue;
      const line = at.source.locate([])!.line;
      const firstLine = seen.add(relationshipKey(rel), line, offset);
      if (firstLine !== undefined) {
        issues.push(
          issueAt(
            at,
            `the same ${rel.type} from ${rel.from} to ${rel.to} appears twice (first at line ${firstLine}); expected it once`,
          ),
        );
        continue;
      }
      if (rel.type === 'MENTIONS') explicitMentions.add(`${rel.from}|${rel.to}`);
      totalRows++;
      const accept = issues.length === 0 ? onAccepted : undefined;
      accept?.({ relationship: rel, derived: false });
      if (rel.doc !== currentDoc) [currentDoc, mentionedInDoc] = [rel.doc, new Set()];
      for (const mention of mentionsOf(rel, kindOf)) {
        if (mentionedInDoc.has(mention.to)) continue;
        mentionedInDoc.add(mention.to);
        derivedMentions++;
        totalRows++;
        accept?.({ relationship: mention, derived: true });
      }
    }
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (issues.length > MAX_ISSUES) {
    issues.push({ file: dir, path: '', message: `more than ${MAX_ISSUES} errors; stopped checking` });
  }
  if (issues.length > 0) return { issues };
  return {
    issues: [],
    index: {
      dir,
      kinds,
      documents,
      texts,
      existing,
      explicitMentions,
      totalRows,
      derivedMentions,
      stamps,
      close: () => texts.close(),
    },
  };
}

/**
 * The write pass reads each file again and trusts what the validation pass checked: a file edited
 * in between is refused (the writer then undoes what the load had written), never half-loaded.
 */
function assertUnchanged(index: BulkIndex, section: Section): void {
  if (stampOf(sectionFile(index.dir, section)) !== index.stamps[section]) throw changed(index, section);
}

function changed(index: BulkIndex, section: Section): Error {
  const file = sectionFile(index.dir, section);
  return new Error(
    `${file} changed after it was validated (then ${index.stamps[section]}; now ${stampOf(file)}); load the folder again once it is complete`,
  );
}

/** Second pass: streams the folder again as batches for writeBatches, in dependency order. */
export async function* bulkBatches(
  index: BulkIndex,
  batchSize: number,
  fresh: Set<string>,
  /** Ids the graph knows as merged into another node: not written; relationships go to that node (merged.ts). */
  merged: ReadonlyMap<string, string> = new Map(),
): AsyncGenerator<Batch> {
  // The validation pass checked every line: here lines are only parsed as JSON and normalised.
  const ignored: DatasetIssue[] = [];
  for (const section of BULK_SECTIONS) {
    if (section === 'relationships') continue;
    const normalise = NORMALISE[section];
    // New nodes are CREATEd (create-nodes), the others MERGEd by their kind's load query.
    type NodeBuffer = { batch: Omit<Batch, 'rows'>; rows: Record<string, unknown>[]; text: number };
    const buffers = new Map<string, NodeBuffer>();
    // A batch of documents also ends at a quarter of a transaction's text (writer.ts TRANSACTION_TEXT).
    const flush = (buffer: NodeBuffer) => {
      const batch = {
        ...buffer.batch,
        rows: buffer.rows.splice(0),
        ...(buffer.text ? { text: buffer.text } : {}),
      };
      buffer.text = 0;
      return batch;
    };
    assertUnchanged(index, section);
    for await (const { record: line } of records(index.dir, section, null, ignored)) {
      if (line === undefined) throw changed(index, section);
      const record = normalise(line);
      if (merged.has(record.id)) continue;
      const kind = index.kinds.get(record.id)!;
      let entity = record;
      let text = 0;
      if (kind === 'Document') {
        const { textFile: _textFile, ...rest } = record as DocumentRecord;
        const handle = index.documents.get(record.id)?.text;
        const content = handle !== undefined ? index.texts.get(handle) : undefined;
        entity = content !== undefined ? { ...rest, text: content } : rest;
        text = content?.length ?? 0;
      }
      const isNew = fresh.has(record.id);
      const key = `${kind}|${isNew}`;
      let buffer = buffers.get(key);
      if (!buffer) {
        const batch: Omit<Batch, 'rows'> = isNew
          ? { query: 'create-nodes', label: endpointLabel(record.id), bucket: { nodes: kind } }
          : { query: NODE_QUERY[kind], bucket: { nodes: kind } };
        buffers.set(key, (buffer = { batch, rows: [], text: 0 }));
      }
      buffer.rows.push({
        id: record.id,
        ...(isActorKind(kind) ? { kind } : {}),
        props: nodeProperties({ id: record.id, kind, record: entity }),
      });
      buffer.text += text;
      if (buffer.rows.length >= batchSize || buffer.text >= TRANSACTION_TEXT / 4) yield flush(buffer);
    }
    assertUnchanged(index, section);
    for (const buffer of buffers.values()) if (buffer.rows.length > 0) yield flush(buffer);
  }

  const { kindOf, documentOf } = resolvers(index);
  /** Rows by relationship group; the group's first relationship names its query. */
  const buffers = new Map<string, Record<string, unknown>[]>();
  /**
   * Rows waiting in all the groups' buffers together. There are dozens of groups (type, endpoint
   * labels, fresh or not): each waiting for a full batch held 400k rows at once in a 1M load. Past
   * this bound, the largest buffer goes as a smaller batch.
   */
  let buffered = 0;
  const maxBuffered = batchSize * BUFFERED_BATCHES;
  const firsts = new Map<string, { rel: ResolvedRelationship; fresh: boolean }>();
  let mentionedInDoc = new Set<string>();
  let currentDoc: string | undefined;
  const pending: Batch[] = [];
  /** Sends a group's buffered rows as one batch. */
  const send = (group: string) => {
    const buffer = buffers.get(group)!;
    const first = firsts.get(group)!;
    buffered -= buffer.length;
    pending.push({ ...relationshipQueryOf(first.rel, first.fresh), rows: buffer.splice(0) });
  };
  /** Documents whose run of relationships has ended: a document seen again may repeat a MENTIONS. */
  const closedDocs = new Set<string>();
  const push = (rel: ResolvedRelationship, derived = false) => {
    // A relationship with a new endpoint cannot exist yet: CREATE it, unless this input may hold
    // it twice: MENTIONS the input states (rare) always MERGE, and so do derived MENTIONS of a
    // document seen before or that the input also states.
    const canRepeat =
      rel.type === 'MENTIONS' &&
      (!derived || closedDocs.has(rel.from) || index.explicitMentions.has(`${rel.from}|${rel.to}`));
    if (canRepeat) {
      // Its twin may still wait in a CREATE buffer: send those first, so MERGE finds it.
      for (const [group, buffer] of buffers) {
        const first = firsts.get(group)!;
        if (first.fresh && first.rel.type === 'MENTIONS' && buffer.length > 0) send(group);
      }
    }
    const isFresh = !canRepeat && (fresh.has(rel.from) || fresh.has(rel.to));
    const group = relationshipGroup(rel, isFresh);
    if (!firsts.has(group)) firsts.set(group, { rel, fresh: isFresh });
    const buffer = buffers.get(group) ?? [];
    buffers.set(group, buffer);
    buffer.push(relationshipRow(rel));
    buffered++;
    if (buffer.length >= batchSize) send(group);
    else if (buffered > maxBuffered) {
      // Sending early is always safe: every node is written, and a MERGE never precedes its twin's CREATE.
      let largest = group;
      for (const [other, rows] of buffers) if (rows.length > buffers.get(largest)!.length) largest = other;
      send(largest);
    }
  };
  assertUnchanged(index, 'relationships');
  for await (const { at, record: line } of records(index.dir, 'relationships', null, ignored)) {
    if (line === undefined) throw changed(index, 'relationships');
    const record = NORMALISE.relationships(line);
    const rel = resolveRelationship(record, relationshipType(record.type)!, at, ignored, {
      kindOf,
      documentOf,
      complete: true,
      canonicalId: canonicalIn(index.existing),
    })!;
    const pointed = pointedAtSurvivors(rel, merged);
    if (pointed) push(pointed);
    if (rel.doc !== currentDoc) {
      if (currentDoc !== undefined) closedDocs.add(currentDoc);
      [currentDoc, mentionedInDoc] = [rel.doc, new Set()];
    }
    for (const derived of mentionsOf(rel, kindOf)) {
      const mention = pointedAtSurvivors(derived, merged)!;
      if (mentionedInDoc.has(mention.to)) continue;
      mentionedInDoc.add(mention.to);
      push(mention, true);
    }
    yield* pending.splice(0);
  }
  assertUnchanged(index, 'relationships');
  for (const [group, buffer] of buffers) if (buffer.length > 0) send(group);
  yield* pending.splice(0);
}
