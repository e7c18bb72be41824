// GraphML (graphml.graphdrawing.org), for yEd, Cytoscape, NetworkX, Gephi: every property as a
// declared key (GraphML has no list type: lists are JSON text), `label`, Gephi's drawing keys
// (r, g, b, x, y, size) on nodes and colours on edges, provenance on every edge. Edge ids are
// e0, e1, … (GraphML ids are XML name tokens; our edge keys are not).

import { nodeLabel } from '../graph/graph-payload.ts';
import {
  edgeAttributes,
  edgeStyle,
  nodeAttributes,
  nodeStyle,
  type AttributeDef,
  type AttributeType,
  type AttributeValue,
} from './attributes.ts';
import { optionRows, positionOf, type ExportContext, type Exporter } from './exporter.ts';
import { streamText } from './sink.ts';
import type { Subgraph } from './source.ts';
import { xmlAttr, xmlText } from './xml.ts';

const GRAPHML_TYPE: Record<AttributeType, string> = {
  string: 'string',
  liststring: 'string',
  integer: 'int',
  long: 'long',
  double: 'double',
  boolean: 'boolean',
};

interface Key {
  id: string;
  name: string;
  type: string;
}

/** Keys of one class: the drawing keys first, then the attributes. */
function keysFor(
  prefix: 'n' | 'e' | 'g',
  drawing: [string, string][],
  defs: AttributeDef[],
): Map<string, Key> {
  const keys = new Map<string, Key>();
  for (const [name, type] of [
    ...drawing,
    ...defs.map((d): [string, string] => [d.name, GRAPHML_TYPE[d.type]]),
  ]) {
    if (!keys.has(name)) keys.set(name, { id: `${prefix}${keys.size}`, name, type });
  }
  return keys;
}

function keyLines(cls: 'node' | 'edge' | 'graph', keys: Map<string, Key>): string {
  return [...keys.values()]
    .map((k) => `  <key id="${k.id}" for="${cls}" attr.name="${xmlAttr(k.name)}" attr.type="${k.type}"/>\n`)
    .join('');
}

function data(keys: Map<string, Key>, values: [string, AttributeValue][]): string {
  return values
    .map(([name, value]) => {
      const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
      return `      <data key="${keys.get(name)!.id}">${xmlText(text)}</data>\n`;
    })
    .join('');
}

const attributePairs = (values: [AttributeDef, AttributeValue][]): [string, AttributeValue][] =>
  values.map(([def, value]) => [def.name, value]);

export const graphmlExporter: Exporter = {
  extension: 'graphml',
  contentType: 'application/graphml+xml; charset=utf-8',
  description:
    'GraphML with typed keys (lists as JSON text) and Gephi drawing keys (yEd, Cytoscape, NetworkX, Gephi).',
  write: (subgraph, out, context) => streamText(out, graphmlText(subgraph, context)),
};

async function* graphmlText(subgraph: Subgraph, context: ExportContext): AsyncGenerator<string> {
  const nodeKeys = keysFor(
    'n',
    [
      ['label', 'string'],
      ['r', 'int'],
      ['g', 'int'],
      ['b', 'int'],
      ['x', 'double'],
      ['y', 'double'],
      ['size', 'double'],
    ],
    context.attributes.node,
  );
  const edgeKeys = keysFor(
    'e',
    [
      ['label', 'string'],
      ['r', 'int'],
      ['g', 'int'],
      ['b', 'int'],
    ],
    context.attributes.edge,
  );
  // A network's options, as graph data (`networkType`, `qualifierAggregation`, `from`, …).
  const graphValues = optionRows(subgraph.network?.options ?? {});
  const graphKeys = keysFor(
    'g',
    graphValues.map(([name]): [string, string] => [name, 'string']),
    [],
  );
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
    `  <desc>${xmlText(subgraph.description)}</desc>\n` +
    keyLines('node', nodeKeys) +
    keyLines('edge', edgeKeys) +
    keyLines('graph', graphKeys) +
    `  <graph id="stancegraph" edgedefault="${subgraph.network?.undirected ? 'undirected' : 'directed'}">\n` +
    data(graphKeys, graphValues)
  );
  let index = 0;
  for await (const node of subgraph.nodes()) {
    const style = nodeStyle(node);
    const { x, y } = positionOf(context, node.key, index++);
    const values: [string, AttributeValue][] = [
      ['label', nodeLabel(node.properties, node.key)],
      ['r', style.color.r],
      ['g', style.color.g],
      ['b', style.color.b],
      ['x', x],
      ['y', y],
      ['size', style.size],
      ...attributePairs(nodeAttributes(context.attributes, node)),
    ];
    yield `    <node id="${xmlAttr(node.key)}">\n${data(nodeKeys, values)}    </node>\n`;
  }
  let edgeIndex = 0;
  for await (const edge of subgraph.edges()) {
    const style = edgeStyle(edge);
    const values: [string, AttributeValue][] = [
      ['label', style.label],
      ['r', style.color.r],
      ['g', style.color.g],
      ['b', style.color.b],
      ...attributePairs(edgeAttributes(context.attributes, edge)),
    ];
    yield `    <edge id="e${edgeIndex++}" source="${xmlAttr(edge.source)}" target="${xmlAttr(edge.target)}">\n${data(edgeKeys, values)}    </edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}
