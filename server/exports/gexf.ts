// GEXF 1.3 (gexf.net), for Gephi: node kinds, colours, sizes, shapes and positions as `viz:`
// data, every property as a declared attribute (lists as liststring), stance and interaction
// dates as GEXF time (a dynamic graph with timestamps), provenance on every edge.

import { relationshipType } from '../../model/vocabulary.ts';
import { nodeLabel } from '../graph/graph-payload.ts';
import { toPlain } from '../neo4j/values.ts';
import {
  edgeAttributes,
  edgeStyle,
  nodeAttributes,
  nodeStyle,
  type AttributeDef,
  type AttributeValue,
} from './attributes.ts';
import { optionList, positionOf, type ExportContext, type Exporter } from './exporter.ts';
import { streamText } from './sink.ts';
import type { Subgraph } from './source.ts';
import { xmlAttr, xmlText } from './xml.ts';

/** A liststring value: `["a","b"]`, quoted and backslash-escaped (Gephi and graphology read it back). */
function listString(items: string[]): string {
  const quoted = items.map(
    (item) =>
      `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`,
  );
  return `[${quoted.join(',')}]`;
}

function valueText(value: AttributeValue): string {
  return Array.isArray(value) ? listString(value) : String(value);
}

function declarations(cls: 'node' | 'edge', defs: AttributeDef[]): string {
  const lines = defs.map(
    (def) => `      <attribute id="${xmlAttr(def.name)}" title="${xmlAttr(def.name)}" type="${def.type}"/>\n`,
  );
  return `    <attributes class="${cls}">\n${lines.join('')}    </attributes>\n`;
}

function attvalues(values: [AttributeDef, AttributeValue][]): string {
  if (values.length === 0) return '';
  const lines = values.map(
    ([def, value]) =>
      `          <attvalue for="${xmlAttr(def.name)}" value="${xmlAttr(valueText(value))}"/>\n`,
  );
  return `        <attvalues>\n${lines.join('')}        </attvalues>\n`;
}

const color = (c: { r: number; g: number; b: number }) => `<viz:color r="${c.r}" g="${c.g}" b="${c.b}"/>`;

export const gexfExporter: Exporter = {
  extension: 'gexf',
  contentType: 'application/gexf+xml; charset=utf-8',
  description: 'GEXF 1.3 with viz: colours, sizes, shapes, positions, and stance dates as GEXF time (Gephi).',
  write: (subgraph, out, context) => streamText(out, gexfText(subgraph, context)),
};

async function* gexfText(subgraph: Subgraph, context: ExportContext): AsyncGenerator<string> {
  const day = context.generatedAt.toISOString().slice(0, 10);
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n' +
    `  <meta lastmodifieddate="${day}">\n    <creator>Stancegraph</creator>\n` +
    (subgraph.network ? `    <keywords>${xmlText(optionList(subgraph.network.options))}</keywords>\n` : '') +
    `    <description>${xmlText(subgraph.description)}</description>\n  </meta>\n` +
    `  <graph defaultedgetype="${subgraph.network?.undirected ? 'undirected' : 'directed'}" mode="dynamic" timeformat="date" timerepresentation="timestamp">\n` +
    declarations('node', context.attributes.node) +
    declarations('edge', context.attributes.edge) +
    '    <nodes>\n'
  );
  let index = 0;
  for await (const node of subgraph.nodes()) {
    const style = nodeStyle(node);
    const { x, y } = positionOf(context, node.key, index++);
    yield (
      `      <node id="${xmlAttr(node.key)}" label="${xmlAttr(nodeLabel(node.properties, node.key))}">\n` +
      attvalues(nodeAttributes(context.attributes, node)) +
      `        ${color(style.color)}\n` +
      `        <viz:position x="${x}" y="${y}" z="0"/>\n` +
      `        <viz:size value="${style.size}"/>\n` +
      `        <viz:shape value="${style.shape}"/>\n` +
      '      </node>\n'
    );
  }
  yield '    </nodes>\n    <edges>\n';
  for await (const edge of subgraph.edges()) {
    const style = edgeStyle(edge);
    const date = toPlain(edge.properties.date);
    const dated =
      relationshipType(edge.type) !== undefined &&
      typeof date === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(date);
    // A network's tie weighs its weight (Gephi reads GEXF's own edge weight).
    const weight = toPlain(edge.properties.weight);
    yield (
      `      <edge id="${xmlAttr(edge.key)}" source="${xmlAttr(edge.source)}" target="${xmlAttr(edge.target)}" label="${xmlAttr(style.label)}"${dated ? ` timestamp="${date}"` : ''}${typeof weight === 'number' ? ` weight="${weight}"` : ''}>\n` +
      attvalues(edgeAttributes(context.attributes, edge)) +
      `        ${color(style.color)}\n` +
      `        <viz:thickness value="${style.thickness}"/>\n` +
      '      </edge>\n'
    );
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}
