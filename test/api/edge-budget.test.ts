// Which edges a neighbourhood sends when the nodes have more among them than the canvas draws
// (server/graph/subgraph.ts keepEdges): the centre's first, then every node gets some, then the
// edges standing for the most relationships. GET /api/nodes/:id/neighborhood says how many it
// left out (explore.test.ts; the end-to-end test shows the client saying it).

import { describe, expect, test } from 'vitest';
import { aggregatedEdge } from '../../server/graph/graph-payload.ts';
import { EDGES_PER_NODE, edgeBudget, keepEdges, MIN_EDGE_BUDGET } from '../../server/graph/subgraph.ts';

const row = (source: string, target: string, count: number) => ({
  source,
  target,
  count,
  edge: aggregatedEdge(source, 'SUPPORTS', target, count, null, null),
});

describe('the edge budget of a neighbourhood', () => {
  test('is about three edges a node, at least 300', () => {
    expect(edgeBudget(10)).toBe(MIN_EDGE_BUDGET);
    expect(edgeBudget(1000)).toBe(1000 * EDGES_PER_NODE);
  });

  test('keeps every edge when they fit', () => {
    const rows = [row('a', 'b', 1), row('b', 'c', 5)];
    expect(keepEdges(rows, new Set(['a']), 2)).toEqual(rows.map((r) => r.edge));
  });

  test("keeps the centre's edges first, then an edge for each node before a second for any", () => {
    const rows = [
      row('a', 'b', 100),
      row('a', 'c', 90),
      row('a', 'd', 80),
      row('b', 'c', 70),
      row('b', 'd', 60),
      row('c', 'd', 50),
      row('lonely', 'a', 2),
      row('centre', 'd', 1),
    ];
    const keys = (budget: number) =>
      keepEdges(rows, new Set(['centre']), budget).map((e) => `${e.source}-${e.target}`);
    expect(keys(1)).toEqual(['centre-d']);
    // Heaviest first, but lonely gets its only edge before b and c get a second.
    expect(keys(5)).toEqual(['a-b', 'a-c', 'a-d', 'lonely-a', 'centre-d']);
    expect(keys(6)).toEqual(['a-b', 'a-c', 'a-d', 'b-c', 'lonely-a', 'centre-d']);
    expect(keys(8)).toHaveLength(8);
  });
});
