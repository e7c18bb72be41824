// CSV in a zip: nodes.csv and edges.csv (RFC 4180, UTF-8), one column per declared attribute
// (lists as JSON text; the relationship type in a `relationship` column); Gephi's spreadsheet
// import reads both. The zip streams: the nodes entry is
// written while the relationships wait, then the relationships entry.

import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { nodeLabel } from '../graph/graph-payload.ts';
import { edgeAttributes, nodeAttributes, type AttributeDef, type AttributeValue } from './attributes.ts';
import type { ExportContext, Exporter } from './exporter.ts';
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

const csvLine = (fields: string[]) => `${fields.join(',')}\r\n`;

function row(
  defs: AttributeDef[],
  fixed: (AttributeValue | undefined)[],
  values: [AttributeDef, AttributeValue][],
): string {
  const byName = new Map(values.map(([def, value]) => [def.name, value]));
  return csvLine([...fixed.map(csvField), ...defs.map((def) => csvField(byName.get(def.name)))]);
}

export const csvExporter: Exporter = {
  extension: 'zip',
  contentType: 'application/zip',
  description: 'nodes.csv and edges.csv in a zip (one column per property; lists as JSON text).',
  async write(subgraph, out, context) {
    const zip = new ZipFile();
    const nodesEntry = new PassThrough();
    const edgesEntry = new PassThrough();
    const mtime = context.generatedAt;
    zip.addReadStream(nodesEntry, 'nodes.csv', { mtime });
    zip.addReadStream(edgesEntry, 'edges.csv', { mtime });
    zip.end();
    const piped = pipeline(zip.outputStream, out);
    // When the download fails (the client went away), the entries stop too, and so do the reads.
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

async function* nodesCsv(subgraph: Subgraph, context: ExportContext): AsyncGenerator<string> {
  const defs = context.attributes.node;
  yield csvLine(['id', 'label', 'labels', ...defs.map((d) => d.name)]);
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
  yield csvLine([
    'key',
    'source',
    'target',
    ...defs.map((d) => (d.name === 'type' ? 'relationship' : d.name)),
  ]);
  for await (const edge of subgraph.edges()) {
    yield row(defs, [edge.key, edge.source, edge.target], edgeAttributes(context.attributes, edge));
  }
}
