// A Cypher script that recreates the subgraph in an empty Neo4j (cypher-shell -f, or statement
// by statement: each ends with `;` at the end of a line, and no string holds a raw line break).
// Values keep their Neo4j types (integers stay integers, floats floats, dates dates); nodes are
// created in batches by label set, relationships in batches by type and endpoint labels, matched
// by `id` under the label that carries its uniqueness constraint.

import neo4j from 'neo4j-driver';
import { ID_LABELS, kindOfId, KINDS } from '../../model/kinds.ts';
import type { ExportContext, Exporter } from './exporter.ts';
import type { ExportEdge, Subgraph } from './source.ts';
import { streamText } from './sink.ts';

const BATCH = 500;

/** A Cypher string literal; control characters escaped so that a statement stays on its lines. */
export function cypherString(value: string): string {
  let out = "'";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === "'") out += "\\'";
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}'`;
}

function cypherFloat(value: number): string {
  if (Number.isNaN(value)) return "toFloat('NaN')";
  if (!Number.isFinite(value)) return value > 0 ? "toFloat('Infinity')" : "toFloat('-Infinity')";
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

const TEMPORALS: [(v: unknown) => boolean, string][] = [
  [neo4j.isDate, 'date'],
  [neo4j.isDateTime, 'datetime'],
  [neo4j.isLocalDateTime, 'localdatetime'],
  [neo4j.isTime, 'time'],
  [neo4j.isLocalTime, 'localtime'],
  [neo4j.isDuration, 'duration'],
];

/** A Neo4j property value as a Cypher literal of the same type. */
export function cypherLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return cypherString(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return cypherFloat(value);
  if (typeof value === 'bigint') return value.toString();
  if (neo4j.isInt(value)) return (value as neo4j.Integer).toString();
  for (const [is, fn] of TEMPORALS) if (is(value)) return `${fn}(${cypherString(String(value))})`;
  if (neo4j.isPoint(value)) {
    const p = value as neo4j.Point;
    const z = p.z !== undefined ? `, z: ${cypherFloat(p.z)}` : '';
    return `point({srid: ${Number(p.srid)}, x: ${cypherFloat(p.x)}, y: ${cypherFloat(p.y)}${z}})`;
  }
  if (Array.isArray(value)) return `[${value.map(cypherLiteral).join(', ')}]`;
  throw new Error(`Cypher export: cannot write a ${Object.prototype.toString.call(value)} property value.`);
}

/** A backtick-quoted name (labels, types, property keys). */
export function cypherName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function mapLiteral(properties: Record<string, unknown>): string {
  return `{${Object.entries(properties)
    .map(([k, v]) => `${cypherName(k)}: ${cypherLiteral(v)}`)
    .join(', ')}}`;
}

/** The label whose uniqueness constraint on `id` finds a node by its id (Actor for every actor). */
function idLabel(key: string): string | undefined {
  const kind = kindOfId(key);
  return kind ? KINDS[kind].labels[KINDS[kind].labels.length - 1] : undefined;
}

function endpoint(variable: string, label: string | undefined, id: string): string {
  return `MATCH (${variable}${label ? `:${cypherName(label)}` : ''} {id: row.${id}})`;
}

/** Buffers rows by statement shape and gives a statement per full batch. */
class Batches {
  private readonly groups = new Map<string, { tail: string; rows: string[] }>();

  /** `tail` is what follows `UNWIND [...] AS row`; rows of one `tail` share statements. */
  add(tail: string, row: string): string {
    let group = this.groups.get(tail);
    if (!group) this.groups.set(tail, (group = { tail, rows: [] }));
    group.rows.push(row);
    return group.rows.length >= BATCH ? this.flushGroup(group) : '';
  }

  private flushGroup(group: { tail: string; rows: string[] }): string {
    if (group.rows.length === 0) return '';
    const statement = `UNWIND [\n  ${group.rows.join(',\n  ')}\n] AS row\n${group.tail};\n`;
    group.rows = [];
    return statement;
  }

  flush(): string {
    return [...this.groups.values()].map((group) => this.flushGroup(group)).join('');
  }
}

function relationshipRow(edge: ExportEdge): string {
  return `{s: ${cypherString(edge.source)}, t: ${cypherString(edge.target)}, p: ${mapLiteral(edge.properties)}}`;
}

export const cypherExporter: Exporter = {
  extension: 'cypher',
  contentType: 'text/plain; charset=utf-8',
  description: 'A Cypher script that recreates the subgraph in an empty Neo4j (cypher-shell -f file.cypher).',
  write: (subgraph, out, context) => streamText(out, cypherText(subgraph, context)),
};

async function* cypherText(subgraph: Subgraph, context: ExportContext): AsyncGenerator<string> {
  yield (
    `// Stancegraph export, ${context.generatedAt.toISOString()}\n` +
    `// ${subgraph.description.replace(/\n/g, ' ')}\n` +
    '// Recreates the subgraph in an empty Neo4j 5: cypher-shell -f this-file.cypher\n' +
    '// The uniqueness constraints on `id` come first (the names of cypher/schema/V001), so that MATCH by id is fast.\n'
  );
  for (const label of ID_LABELS) {
    yield `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE;\n`;
  }
  yield '// Nodes\n';
  const batches = new Batches();
  for await (const node of subgraph.nodes()) {
    const labels = node.labels.map(cypherName).join(':');
    yield batches.add(`CREATE (n${labels ? `:${labels}` : ''})\nSET n = row`, mapLiteral(node.properties));
  }
  yield batches.flush();
  yield '// Relationships\n';
  for await (const edge of subgraph.edges()) {
    const a = idLabel(edge.source);
    const b = idLabel(edge.target);
    const tail = `${endpoint('a', a, 's')}\n${endpoint('b', b, 't')}\nCREATE (a)-[r:${cypherName(edge.type)}]->(b)\nSET r = row.p`;
    yield batches.add(tail, relationshipRow(edge));
  }
  yield batches.flush();
}
