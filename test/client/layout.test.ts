// Where nodes start before ForceAtlas2 runs (core/layout): near their neighbours, so that the
// first picture shows clusters and relationships start short.

import { describe, expect, it } from 'vitest';
import { NEIGHBOUR_SPREAD, placeNearNeighbours, seededPosition } from '../../client/src/core/layout/index.ts';
import { edge, merged, node, wire } from './_graphs.ts';

describe('starting places', () => {
  it('puts nodes near their neighbours and keeps the best-connected node where its seed puts it', () => {
    const actors = ['person:a', 'person:b', 'person:c'];
    const claims = Array.from({ length: 40 }, (_, i) => `claim:${i}`);
    const edges = claims.flatMap((claim, i) => [
      edge(actors[i % 3]!, 'DEMANDS', claim),
      edge(actors[(i + 1) % 3]!, 'REJECTS', claim),
    ]);
    const { graph } = merged([
      'overview',
      wire(
        [...actors, ...claims].map((id) => node(id)),
        edges,
      ),
      (id) => seededPosition(id),
    ]);
    const length = () =>
      graph.reduceEdges((sum, _e, _a, _s, _t, s, t) => sum + Math.hypot(s.x - t.x, s.y - t.y), 0) /
      graph.size;
    const before = length();
    placeNearNeighbours(graph, graph.nodes());
    // The best-connected actor stays; every claim is within reach of one of its actors.
    const hub = actors.reduce((best, id) => (graph.degree(id) > graph.degree(best) ? id : best));
    expect(graph.getNodeAttributes(hub)).toMatchObject(seededPosition(hub));
    expect(length()).toBeLessThan(before / 3);
    graph.forEachNode((_id, at) => {
      expect(Number.isFinite(at.x) && Number.isFinite(at.y)).toBe(true);
    });
    for (const claim of claims) {
      const nearest = Math.min(
        ...graph.mapNeighbors(claim, (_n, at) =>
          Math.hypot(at.x - graph.getNodeAttribute(claim, 'x'), at.y - graph.getNodeAttribute(claim, 'y')),
        ),
      );
      expect(nearest).toBeLessThanOrEqual(NEIGHBOUR_SPREAD * 3);
    }
  });

  it('leaves nodes without neighbours, and nodes not named, where they are', () => {
    const { graph } = merged([
      'overview',
      wire(
        [node('person:lonely'), node('person:a'), node('claim:c')],
        [edge('person:a', 'DEMANDS', 'claim:c')],
      ),
      () => ({ x: 5, y: 5 }),
    ]);
    placeNearNeighbours(graph, ['claim:c', 'person:lonely']);
    expect(graph.getNodeAttributes('person:lonely')).toMatchObject({ x: 5, y: 5 });
    expect(graph.getNodeAttributes('person:a')).toMatchObject({ x: 5, y: 5 });
    const c = graph.getNodeAttributes('claim:c');
    expect(Math.hypot(c.x - 5, c.y - 5)).toBeLessThanOrEqual(NEIGHBOUR_SPREAD);
  });
});
