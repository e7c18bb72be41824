// The client benchmark's baseline: sigma with its default settings and programs drawing the same
// graph (GET /api/graph) at the positions the client settled on (GET /bench/positions.json), with
// the client's sizes, colours and labels baked into the attributes. No layout, reducers or events.
// The container takes the size of the client's canvas (?w=&h=).

import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import type { WireGraph } from '../../../model/wire.ts';
import {
  edgeColor,
  edgeThickness,
  nodeColor,
  nodeSize,
  shortLabel,
} from '../../../client/src/core/appearance/index.ts';

const params = new URLSearchParams(window.location.search);
const container = document.getElementById('graph')!;
container.style.width = `${params.get('w') ?? 800}px`;
container.style.height = `${params.get('h') ?? 600}px`;

const [wire, positions] = await Promise.all([
  fetch('/api/graph').then((response) => response.json() as Promise<WireGraph>),
  fetch('/bench/positions.json').then(
    (response) => response.json() as Promise<Record<string, [number, number]>>,
  ),
]);
const graph = new MultiDirectedGraph({ allowSelfLoops: true });
graph.import(wire);
graph.updateEachNodeAttributes((node, attributes) => {
  const [x, y] = positions[node] ?? [0, 0];
  return {
    x,
    y,
    size: nodeSize(graph.degree(node)),
    color: nodeColor(attributes.kind),
    label: shortLabel(attributes.label),
  };
});
graph.updateEachEdgeAttributes((_edge, attributes) => ({
  color: edgeColor(attributes.type),
  size: edgeThickness(attributes.type),
}));
new Sigma(graph, container, { defaultEdgeType: 'arrow' });
