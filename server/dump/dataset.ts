// `stancegraph dump`: the graph (or one document's coding) back in the dataset format, so that
// coding done in the browser can be versioned and shared as files. Loading a dump into an empty
// database gives the same graph, property by property (the same graph checksum).

import neo4j, { type Driver } from 'neo4j-driver';
import { stringify } from 'yaml';
import { kindOfId, kindOfLabels, type NodeKind } from '../../model/kinds.ts';
import { needsProvenance, relationshipType } from '../../model/vocabulary.ts';
import { queries } from '../cypher/registry.ts';
import {
  actorSchema,
  claimSchema,
  documentSchema,
  eventSchema,
  FORMAT_VERSION,
  relationshipSchema,
  topicSchema,
} from '../dataset/schema.ts';
import { toPlain, type Plain } from '../neo4j/values.ts';

type Row = Record<string, Plain>;

/** A dataset as the files hold it (zod input: defaults may be left out). */
export interface DumpedDataset {
  stancegraph: typeof FORMAT_VERSION;
  documents: Row[];
  actors: Row[];
  claims: Row[];
  topics: Row[];
  events: Row[];
  relationships: Row[];
}

export interface DumpResult {
  dataset: DumpedDataset;
  /** What the dataset format cannot hold and the dump left out (properties, nodes without an id). */
  skipped: string[];
}

interface GraphNode {
  key: string;
  labels: string[];
  properties: Row;
}
interface GraphRelationship {
  source: string;
  type: string;
  target: string;
  properties: Row;
}

const SECTION: Record<NodeKind, Exclude<keyof DumpedDataset, 'stancegraph' | 'relationships'>> = {
  Person: 'actors',
  Institution: 'actors',
  Country: 'actors',
  Claim: 'claims',
  Topic: 'topics',
  Event: 'events',
  Document: 'documents',
};

/** Field order of each record, from the schema (the files read like hand-written ones). */
const FIELDS: Record<keyof Omit<DumpedDataset, 'stancegraph'>, string[]> = {
  documents: Object.keys(documentSchema.shape).filter((key) => key !== 'textFile'),
  actors: Object.keys(actorSchema.shape),
  claims: Object.keys(claimSchema.shape),
  topics: Object.keys(topicSchema.shape),
  events: Object.keys(eventSchema.shape),
  relationships: Object.keys(relationshipSchema.shape),
};

/** Values the loader fills in when a field is left out; the dump leaves them out too. */
const RELATIONSHIP_DEFAULTS: Row = {
  method: 'manual',
  confidence: 1,
  modality: 'asserted',
  status: 'accepted',
};

/** Keeps the fields of the format in its order; names what the format cannot hold. */
function pick(properties: Row, fields: string[], what: string, skipped: string[]): Row {
  const row: Row = {};
  for (const field of fields) {
    const value = properties[field];
    if (value !== undefined && value !== null) row[field] = value;
  }
  for (const key of Object.keys(properties)) {
    if (!fields.includes(key)) skipped.push(`${what}: property \`${key}\` (not in the dataset format)`);
  }
  return row;
}

function sortById(rows: Row[]): Row[] {
  return rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/** Turns nodes and relationships read from the graph into a dataset. */
export function toDataset(nodes: GraphNode[], relationships: GraphRelationship[]): DumpResult {
  const skipped: string[] = [];
  const dataset: DumpedDataset = {
    stancegraph: FORMAT_VERSION,
    documents: [],
    actors: [],
    claims: [],
    topics: [],
    events: [],
    relationships: [],
  };
  const published = new Map<string, Plain>();
  const kinds = new Map<string, NodeKind>();
  for (const node of nodes) {
    const kind = kindOfLabels(node.labels);
    if (!kind || kindOfId(node.key) !== kind) {
      skipped.push(`a node labelled ${node.labels.join(':') || '(none)'} (not a kind of the model)`);
      continue;
    }
    kinds.set(node.key, kind);
    const section = SECTION[kind];
    const fields = FIELDS[section].filter((field) => field !== 'iso3' || kind === 'Country');
    dataset[section].push(pick(node.properties, fields, node.key, skipped));
    if (kind === 'Document') published.set(node.key, node.properties.published ?? null);
  }

  // MENTIONS that the loader derives from provenance are left out: loading the stances makes them.
  const derived = new Set<string>();
  for (const rel of relationships) {
    const doc = rel.properties.doc;
    if (typeof doc === 'string' && rel.type !== 'MENTIONS') {
      derived.add(`${doc}|${rel.source}`).add(`${doc}|${rel.target}`);
    }
  }
  const isDerived = (rel: GraphRelationship) =>
    rel.type === 'MENTIONS' &&
    derived.has(`${rel.source}|${rel.target}`) &&
    Object.keys(rel.properties).length === 4 &&
    rel.properties.method === 'rule' &&
    rel.properties.confidence === 1 &&
    rel.properties.modality === 'asserted' &&
    rel.properties.status === 'accepted';

  for (const rel of relationships) {
    const what = `${rel.type} ${rel.source} → ${rel.target}`;
    if (!relationshipType(rel.type) || !kinds.has(rel.source) || !kinds.has(rel.target)) {
      skipped.push(`${what} (its type or an endpoint is not in the model)`);
      continue;
    }
    if (isDerived(rel)) continue;
    const row: Row = { type: rel.type, from: rel.source, to: rel.target };
    const props = pick(rel.properties, FIELDS.relationships, what, skipped);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'type' || key === 'from' || key === 'to') continue;
      if (RELATIONSHIP_DEFAULTS[key] === value) continue;
      // The loader dates a statement by its document when the file gives no date.
      if (key === 'date' && typeof props.doc === 'string' && published.get(props.doc) === value) continue;
      row[key] = value;
    }
    dataset.relationships.push(row);
  }

  for (const section of ['documents', 'actors', 'claims', 'topics', 'events'] as const)
    sortById(dataset[section]);
  const provenanceFirst = (row: Row) => (needsProvenance(relationshipType(String(row.type))!.family) ? 0 : 1);
  dataset.relationships.sort(
    (a, b) =>
      String(a.doc ?? '').localeCompare(String(b.doc ?? '')) ||
      provenanceFirst(a) - provenanceFirst(b) ||
      Number(a.start ?? 0) - Number(b.start ?? 0) ||
      String(a.from).localeCompare(String(b.from)) ||
      String(a.type).localeCompare(String(b.type)) ||
      String(a.to).localeCompare(String(b.to)),
  );
  return { dataset, skipped };
}

/** Reads the whole graph, or one document's coding, as a dataset. */
export async function dumpDataset(
  driver: Driver,
  options: { doc?: string; database?: string } = {},
): Promise<DumpResult> {
  const run = { database: options.database, routing: neo4j.routing.READ };
  const plain = <T>(value: unknown) => toPlain(value) as unknown as T;
  if (options.doc !== undefined) {
    const { records } = await driver.executeQuery(queries['dump-document'], { id: options.doc }, run);
    const record = records[0];
    if (!record) throw new Error(`dump: no document "${options.doc}" in the graph`);
    return toDataset(
      plain<GraphNode[]>(record.get('nodes')),
      plain<GraphRelationship[]>(record.get('relationships')),
    );
  }
  const nodes = await driver.executeQuery(queries['graph-dump-nodes'], {}, run);
  const rels = await driver.executeQuery(queries['graph-dump-relationships'], {}, run);
  return toDataset(
    nodes.records.map((r) => plain<GraphNode>(r.toObject())),
    rels.records.map((r) => plain<GraphRelationship>(r.toObject())),
  );
}

/** The dataset as a YAML file, with the schema comment editors use. */
export function datasetYaml(dataset: DumpedDataset, header: string): string {
  const body = stringify(dataset, { lineWidth: 0, blockQuote: 'literal' });
  return `# yaml-language-server: $schema=https://stancegraph.dev/schema/dataset-v1.json\n${header
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n')}\n${body}`;
}
