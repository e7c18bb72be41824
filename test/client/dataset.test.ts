// The canvas as a union of contributions: expanding merges, collapsing takes back exactly what an
// expansion added and nothing that another part of the canvas still holds.

import { describe, expect, it } from 'vitest';
import {
  clear,
  collapse,
  expansionSource,
  indexParallelEdges,
  merge,
} from '../../client/src/core/dataset/index.ts';
import { edge, merged, node, wire } from './_graphs.ts';

const A = 'person:a';
const B = 'person:b';
const C = 'claim:c';
const D = 'claim:d';

describe('merging and collapsing expansions', () => {
  it('adds only what is new and keeps the place of what was there', () => {
    const { graph, contributions } = merged([
      'overview',
      wire([node(A), node(C)], [edge(A, 'DEMANDS', C)]),
      () => ({ x: 1, y: 2 }),
    ]);
    const expansion = wire([node(A, { label: 'A, renamed' }), node(D)], [edge(A, 'REJECTS', D)]);
    const result = merge(graph, contributions, expansionSource(A), expansion, () => ({ x: 9, y: 9 }));
    expect(result.addedNodes).toEqual([D]);
    expect(result.addedEdges).toEqual([`${A}|REJECTS|${D}`]);
    expect(graph.getNodeAttributes(A)).toMatchObject({ x: 1, y: 2, label: 'A, renamed' });
    expect(graph.getNodeAttributes(D)).toMatchObject({ x: 9, y: 9 });
    expect(graph.order).toBe(3);
    expect(result.contributions.get(expansionSource(A))?.nodes).toEqual(new Set([A, D]));
  });

  it('collapses an expansion back to the graph before it', () => {
    const { graph, contributions } = merged(
      ['overview', wire([node(A), node(C)], [edge(A, 'DEMANDS', C)])],
      [expansionSource(A), wire([node(A), node(C), node(D)], [edge(A, 'DEMANDS', C), edge(A, 'REJECTS', D)])],
    );
    const result = collapse(graph, contributions, expansionSource(A));
    expect(result.removedNodes).toEqual([D]);
    expect(result.removedEdges).toEqual([`${A}|REJECTS|${D}`]);
    expect(graph.nodes().sort()).toEqual([C, A]);
    expect(graph.edges()).toEqual([`${A}|DEMANDS|${C}`]);
    expect([...result.contributions.keys()]).toEqual(['overview']);
  });

  it('keeps what another expansion still holds', () => {
    const { graph, contributions } = merged(
      [expansionSource(A), wire([node(A), node(C)], [edge(A, 'DEMANDS', C)])],
      [expansionSource(B), wire([node(B), node(C)], [edge(B, 'REJECTS', C)])],
    );
    collapse(graph, contributions, expansionSource(A));
    expect(graph.nodes().sort()).toEqual([C, B]);
    expect(graph.edges()).toEqual([`${B}|REJECTS|${C}`]);
  });

  it('drops an edge held elsewhere when its endpoint goes', () => {
    const { graph, contributions } = merged(
      ['overview', wire([node(A)])],
      [expansionSource(C), wire([node(C)])],
      ['query', wire([], [edge(A, 'DEMANDS', C)])],
    );
    expect(graph.size).toBe(1);
    const result = collapse(graph, contributions, expansionSource(C));
    expect(result.removedNodes).toEqual([C]);
    expect(result.removedEdges).toEqual([`${A}|DEMANDS|${C}`]);
    expect(graph.size).toBe(0);
  });

  it('skips edges whose endpoints are nowhere and ignores collapsing what was never merged', () => {
    const { graph, contributions } = merged(['overview', wire([node(A)], [edge(A, 'DEMANDS', C)])]);
    expect(graph.size).toBe(0);
    expect(collapse(graph, contributions, expansionSource(B)).contributions).toBe(contributions);
    expect(clear(graph).size).toBe(0);
    expect(graph.order).toBe(0);
  });
});

describe('marking parallel relationships', () => {
  const marks = (graph: ReturnType<typeof merged>['graph']) =>
    graph.mapEdges((key, a) => [key, a.parallelIndex ?? null, a.parallelMaxIndex ?? null]);

  it('marks as @sigma/edge-curve does: none when alone, a centred fan one way, a side each when both ways', () => {
    const { graph } = merged([
      'overview',
      wire(
        [node(A), node(B), node(C), node(D)],
        [
          edge(A, 'DEMANDS', C),
          edge(A, 'DEMANDS', D, { start: 1 }),
          edge(A, 'DEMANDS', D, { start: 2 }),
          edge(A, 'DEMANDS', D, { start: 3 }),
          edge(A, 'MEETS', B, { start: 1 }),
          edge(A, 'MEETS', B, { start: 2 }),
          edge(B, 'MEETS', A),
        ],
      ),
    ]);
    indexParallelEdges(graph);
    expect(marks(graph)).toEqual([
      [`${A}|DEMANDS|${C}`, null, null],
      [`${A}|DEMANDS|${D}|doc|1`, -1, 1],
      [`${A}|DEMANDS|${D}|doc|2`, 0, 1],
      [`${A}|DEMANDS|${D}|doc|3`, 1, 1],
      [`${A}|MEETS|${B}|doc|1`, 1, 2],
      [`${A}|MEETS|${B}|doc|2`, 2, 2],
      [`${B}|MEETS|${A}`, 1, 1],
    ]);
  });

  it('writes only the marks that change, so an expansion does not rewrite every relationship', () => {
    const { graph, contributions } = merged([
      'overview',
      wire([node(A), node(C), node(D)], [edge(A, 'DEMANDS', C), edge(A, 'REJECTS', D)]),
    ]);
    indexParallelEdges(graph);
    const writes: string[] = [];
    graph.on('edgeAttributesUpdated', ({ key }) => writes.push(key));
    merge(
      graph,
      contributions,
      expansionSource(A),
      wire([node(A), node(C)], [edge(A, 'DEMANDS', C, { start: 5 })]),
      () => ({ x: 0, y: 0 }),
    );
    indexParallelEdges(graph);
    // The two DEMANDS between A and C become a fan; REJECTS is left alone.
    expect([...new Set(writes)].sort()).toEqual([`${A}|DEMANDS|${C}`, `${A}|DEMANDS|${C}|doc|5`]);
  });
});
