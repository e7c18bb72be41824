// Visual state through the reducers: filters hide, hover and selection highlight a neighbourhood
// and dim the rest, parallel relationships curve; the graph itself never changes.

import { describe, expect, it } from 'vitest';
import { curvature, DIMMED_NODE, nodeColor } from '../../client/src/core/appearance/index.ts';
import { computeVisibility, DEFAULT_FILTERS } from '../../client/src/core/filters/index.ts';
import { indexParallelEdges } from '../../client/src/core/dataset/index.ts';
import { createReducers, MAX_FAN } from '../../client/src/core/reducers/index.ts';
import { edge, foundingGraph, merged, node, wire } from './_graphs.ts';

describe('reducers', () => {
  it('hide what the filters hide', () => {
    const graph = foundingGraph();
    const visibility = computeVisibility(graph, { ...DEFAULT_FILTERS, kinds: ['Person', 'Claim'] });
    const { node: reduceNode, edge: reduceEdge } = createReducers(graph, {
      visibility,
      selection: null,
      hovered: null,
    });
    expect(
      reduceNode('topic:nato-enlargement', graph.getNodeAttributes('topic:nato-enlargement')).hidden,
    ).toBe(true);
    const about = graph.edges().find((e) => e.includes('|ABOUT|'))!;
    expect(reduceEdge(about, graph.getEdgeAttributes(about)).hidden).toBe(true);
    expect(
      reduceNode('person:sergei-ryabkov', graph.getNodeAttributes('person:sergei-ryabkov')),
    ).toMatchObject({
      color: nodeColor('Person'),
      type: 'shape',
      shape: 'circle',
    });
  });

  it('highlight the hovered node and its neighbours and dim the rest, without touching the graph', () => {
    const graph = foundingGraph();
    const before = JSON.stringify(graph.export());
    const visibility = computeVisibility(graph, DEFAULT_FILTERS);
    const { node: reduceNode, edge: reduceEdge } = createReducers(graph, {
      visibility,
      selection: null,
      hovered: 'person:sergei-ryabkov',
    });
    const at = (id: string) => reduceNode(id, graph.getNodeAttributes(id));
    expect(at('person:sergei-ryabkov')).toMatchObject({ highlighted: true, forceLabel: true });
    expect(at('claim:nato-non-expansion-guarantee').color).toBe(nodeColor('Claim'));
    expect(at('person:julianne-smith')).toMatchObject({ color: DIMMED_NODE, label: null });
    const demands = graph.edges().find((e) => e.includes('|DEMANDS|'))!;
    expect(reduceEdge(demands, graph.getEdgeAttributes(demands)).label).toBe('demands');
    expect(JSON.stringify(graph.export())).toBe(before);
  });

  it('draw parallel relationships as curves and single ones straight', () => {
    const { graph } = merged([
      'overview',
      wire(
        [node('person:a'), node('claim:b'), node('claim:c')],
        [
          edge('person:a', 'DEMANDS', 'claim:b', { start: 1 }),
          edge('person:a', 'DEMANDS', 'claim:b', { start: 2 }),
          edge('person:a', 'REJECTS', 'claim:c'),
        ],
      ),
    ]);
    indexParallelEdges(graph);
    const { edge: reduceEdge } = createReducers(graph, {
      visibility: computeVisibility(graph, DEFAULT_FILTERS),
      selection: null,
      hovered: null,
    });
    const shapes = graph.mapEdges((key, attributes) => reduceEdge(key, attributes));
    expect(shapes.map((s) => s.type)).toEqual(['curvedArrow', 'curvedArrow', 'arrow']);
    expect(shapes[0]!.curvature).toBeLessThan(0);
    expect(shapes[1]!.curvature).toBeGreaterThan(0);
  });

  it('fan out at most 2 × MAX_FAN + 1 parallel relationships between two nodes, and draw a selected one', () => {
    const reports = Array.from({ length: 20 }, (_, i) =>
      edge('person:a', 'DEMANDS', 'claim:b', { start: i }),
    );
    const { graph } = merged(['overview', wire([node('person:a'), node('claim:b')], reports)]);
    indexParallelEdges(graph);
    const state = { visibility: computeVisibility(graph, DEFAULT_FILTERS), selection: null, hovered: null };
    const shapes = graph.mapEdges((key, attributes) => createReducers(graph, state).edge(key, attributes));
    const drawn = shapes.filter((s) => !s.hidden);
    expect(drawn).toHaveLength(2 * MAX_FAN);
    expect(Math.max(...drawn.map((s) => Math.abs(s.curvature!)))).toBeLessThanOrEqual(
      curvature(MAX_FAN, MAX_FAN),
    );
    // The counts and the filters still see all twenty.
    expect(state.visibility.edges.size).toBe(20);
    const last = graph.edges().at(-1)!;
    const selected = createReducers(graph, { ...state, selection: { type: 'edge', id: last } });
    expect(selected.edge(last, graph.getEdgeAttributes(last)).hidden).toBeFalsy();
  });
});
