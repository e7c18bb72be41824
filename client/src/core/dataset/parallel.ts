// Parallel relationships (several between the same two nodes) are drawn as a fan of curves. This
// marks them with the attributes and values of @sigma/edge-curve's indexParallelEdgesIndex
// (parallelIndex, parallelMinIndex, parallelMaxIndex), which the reducers read, but writes only
// the attributes whose value changes: the canvas's renderer answers every write with work, and
// after an expansion nearly every relationship keeps its marks.

import type { StanceGraph } from './types.ts';

type Mark = 'parallelIndex' | 'parallelMinIndex' | 'parallelMaxIndex';

export function indexParallelEdges(graph: StanceGraph): void {
  // The relationships from each source to each target, in the graph's order.
  const groups = new Map<string, Map<string, string[]>>();
  graph.forEachEdge((edge, _attributes, source, target) => {
    let bySource = groups.get(source);
    if (!bySource) groups.set(source, (bySource = new Map()));
    const edges = bySource.get(target);
    if (edges) edges.push(edge);
    else bySource.set(target, [edge]);
  });
  const set = (edge: string, mark: Mark, value: number | null) => {
    // Unset and null mean the same: not parallel.
    if ((graph.getEdgeAttribute(edge, mark) ?? null) !== value) graph.setEdgeAttribute(edge, mark, value);
  };
  for (const [source, bySource] of groups) {
    for (const [target, edges] of bySource) {
      const count = edges.length;
      const opposite = source === target ? 0 : (groups.get(target)?.get(source)?.length ?? 0);
      if (count === 1 && opposite === 0) {
        set(edges[0]!, 'parallelIndex', null);
        set(edges[0]!, 'parallelMaxIndex', null);
      } else if (count === 1) {
        // Alone in its direction, with relationships the other way: bends to its side.
        set(edges[0]!, 'parallelIndex', 1);
        set(edges[0]!, 'parallelMaxIndex', 1);
      } else if (opposite === 0) {
        // All in one direction: a fan centred on the straight line.
        const max = (count - 1) / 2;
        edges.forEach((edge, i) => {
          set(edge, 'parallelIndex', i - max);
          set(edge, 'parallelMinIndex', -max);
          set(edge, 'parallelMaxIndex', max);
        });
      } else {
        // Both directions: each direction fans out on its own side.
        edges.forEach((edge, i) => {
          set(edge, 'parallelIndex', i + 1);
          set(edge, 'parallelMaxIndex', count);
        });
      }
    }
  }
}
