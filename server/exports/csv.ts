// CSV in a zip: nodes.csv and edges.csv (RFC 4180, UTF-8), one column per declared attribute
// (lists as JSON text; the relationship type in a `relationship` column); Gephi's spreadsheet
// import reads both. A network adds matrix.csv (DNA's matrix, labelled) and options.csv. The zip streams: the nodes entry is
// written while the relationships wait, then the relationships entry.

import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { nodeLabel } from '../graph/graph-payload.ts';
import { edgeAttributes, nodeAttributes, type AttributeDef, type AttributeValue } from './attributes.ts';
import { optionRows, type ExportContext, type Exporter } from './exporter.ts';
import type { DnaMatrix } from '../networks/dna.ts';
import { streamText } from './sink.ts';
import type { Subgraph } from './source.ts';

/** What a spreadsheet reads as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field, RFC 4180 quoted when needed. A text that a spreadsheet would take for a formula
 * (`=HYPERLINK(…)`, `+1`, `-2+3`, `@SUM(…)`, or a tab or CR first) gets a leading `'`, as OWASP
 * recommends, and is quoted: it then shows as text. Numbers stay numbers (`-1` is a polarity).
 */
export function csvField(value: AttributeValue | undefined): string {
  if (value === undefined) return '';
  const raw = Array.isArray(value) ? JSON.stringify(value) : String(value);
  const formula = typeof value === 'string' && FORMULA_START.test(raw);
  const text = formula ? `'${raw}` : raw;
  return formula || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (fields: (AttributeValue | undefined)[]) => `${fields.map(csvField).join(',')}\r\n`;

function row(
  defs: AttributeDef[],
  fixed: (AttributeValue | undefined)[],
  values: [AttributeDef, AttributeValue][],
): string {
  const byName = new Map(values.map(([def, value]) => [def.name, value]));
  return csvLine([...fixed, ...defs.map((def) => byName.get(def.name))]);
}

export const csvExporter: Exporter = {
  extension: 'zip',
  contentType: 'application/zip',
  description:
    'nodes.csv and edges.csv in a zip (one column per property; lists as JSON text); a network adds matrix.csv and options.csv.',
  async write(subgraph, out, context) {
    const zip = new ZipFile();
    const nodesEntry = new PassThrough();
    const edgesEntry = new PassThrough();
    const mtime = context.generatedAt;
    zip.addReadStream(nodesEntry, 'nodes.csv', { mtime });
    zip.addReadStream(edgesEntry, 'edges.csv', { mtime });
    // A network's: DNA's matrix as format=matrix gives it, and the options used.
    const network = subgraph.network;
    if (network?.matrix)
      zip.addBuffer(Buffer.from(matrixCsv(network.matrix), 'utf8'), 'matrix.csv', { mtime });
    if (network)
      zip.addBuffer(
        Buffer.from([['option', 'value'], ...optionRows(network.options)].map(csvLine).join(''), 'utf8'),
        'options.csv',
        { mtime },
      );
    zip.end();
    const piped = pipeline(zip.outputStream, out);
    // When the download fails (the client went away), the entries stop too, and so do the reads.
    // The edges entry has no reader yet then: without a listener its 'error' event would end the
    // process (the failure is reported once, through `piped`).
    for (const entry of [nodesEntry, edgesEntry]) entry.on('error', () => {});
    piped.catch((error: unknown) => {
      const reason = error instanceof Error ? error : new Error(String(error));
      nodesEntry.destroy(reason);
      edgesEntry.destroy(reason);
    });
    const entries = async () => {
      await streamText(nodesEntry, nodesCsv(subgraph, context));
      await streamText(edgesEntry, edgesCsv(subgraph, context));
    };
    await Promise.all([piped, entries()]);
  },
};

/**
 * The header: the fixed columns, then one per attribute. An attribute named like a fixed column
 * (a relationship's `source` property, the dataset of an imported record, beside the `source`
 * column, the start node) is written as `property:<name>`, so that each column has one name.
 */
function header(fixed: string[], defs: AttributeDef[], rename: (name: string) => string = (n) => n): string {
  const names = defs.map((d) => rename(d.name));
  return csvLine([...fixed, ...names.map((name) => (fixed.includes(name) ? `property:${name}` : name))]);
}

async function* nodesCsv(subgraph: Subgraph, context: ExportContext): AsyncGenerator<string> {
  const defs = context.attributes.node;
  yield header(['id', 'label', 'labels'], defs);
  for await (const node of subgraph.nodes()) {
    yield row(
      defs,
      [node.key, nodeLabel(node.properties, node.key), node.labels.join(':')],
      nodeAttributes(context.attributes, node),
    );
  }
}

async function* edgesCsv(subgraph: Subgraph, context: ExportContext): AsyncGenerator<string> {
  const defs = context.attributes.edge;
  // `relationship`, not `type`: Gephi's spreadsheet import reads a Type column as directed/undirected.
  yield header(['key', 'source', 'target'], defs, (name) => (name === 'type' ? 'relationship' : name));
  for await (const edge of subgraph.edges()) {
    yield row(defs, [edge.key, edge.source, edge.target], edgeAttributes(context.attributes, edge));
  }
}

/** A labelled matrix: a header of column labels after an empty corner, then a label and its cells per row. */
export function matrixCsv(matrix: DnaMatrix): string {
  return [['', ...matrix.columns], ...matrix.rows.map((row, i) => [row, ...matrix.matrix[i]!])]
    .map(csvLine)
    .join('');
}
