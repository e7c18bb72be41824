// The filters decide what the canvas shows, what the test hook reports and what is exported.

import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../../model/kinds.ts';
import { RELATIONSHIP_TYPES } from '../../model/vocabulary.ts';
import { createStanceGraph } from '../../client/src/core/dataset/index.ts';
import {
  computeVisibility,
  DEFAULT_FILTERS,
  EDGE_POLARITIES,
  setWindow,
  timeDomain,
  toggle,
  type Filters,
} from '../../client/src/core/filters/index.ts';
import { foundingGraph } from './_graphs.ts';

const ALL: Filters = {
  kinds: [...NODE_KINDS],
  types: [...RELATIONSHIP_TYPES],
  polarities: [...EDGE_POLARITIES],
  from: null,
  to: null,
};

describe('filters', () => {
  it('show everything but documents and their MENTIONS by default', () => {
    expect(DEFAULT_FILTERS.kinds).not.toContain('Document');
    expect(DEFAULT_FILTERS.types).not.toContain('MENTIONS');
    expect(DEFAULT_FILTERS.types).toContain('DEMANDS');
  });

  it('hide the nodes of an unchecked kind and every edge that touches them', () => {
    const visible = computeVisibility(foundingGraph(), {
      ...ALL,
      kinds: toggle(ALL.kinds, 'Topic', NODE_KINDS),
    });
    expect(visible.nodes.has('topic:nato-enlargement')).toBe(false);
    expect([...visible.edges].some((edge) => edge.includes('|ABOUT|'))).toBe(false);
    expect(visible.edges.size).toBe(2);
  });

  it('hide relationships by type and by polarity', () => {
    const graph = foundingGraph();
    const noDemands = computeVisibility(graph, {
      ...ALL,
      types: toggle(ALL.types, 'DEMANDS', RELATIONSHIP_TYPES),
    });
    expect([...noDemands.edges].map((e) => e.split('|')[1])).toEqual(['REJECTS', 'ABOUT']);
    const onlyAgainst = computeVisibility(graph, { ...ALL, polarities: ['reject'] });
    expect([...onlyAgainst.edges].map((e) => e.split('|')[1])).toEqual(['REJECTS']);
    expect(onlyAgainst.nodes.size).toBe(5);
  });

  it('keep undated relationships in any time window and drop dated ones outside it', () => {
    const visible = computeVisibility(foundingGraph(), { ...ALL, from: '2022-01-12', to: null });
    expect([...visible.edges].map((e) => e.split('|')[1])).toEqual(['REJECTS', 'ABOUT']);
  });

  it('hide events whose date lies outside the window', () => {
    const graph = foundingGraph();
    expect(
      computeVisibility(graph, { ...ALL, to: '2022-01-11' }).nodes.has(
        'event:russia-nato-council-2022-01-12',
      ),
    ).toBe(false);
    expect(
      computeVisibility(graph, { ...ALL, from: '2022-01-12', to: '2022-01-12' }).nodes.has(
        'event:russia-nato-council-2022-01-12',
      ),
    ).toBe(true);
  });

  it('hide hidden nodes with their edges', () => {
    const visible = computeVisibility(foundingGraph(), ALL, new Set(['person:sergei-ryabkov']));
    expect(visible.nodes.has('person:sergei-ryabkov')).toBe(false);
    expect([...visible.edges].some((e) => e.startsWith('person:sergei-ryabkov'))).toBe(false);
  });

  it('give the time slider the dates the graph holds, with how much happens on each', () => {
    expect(timeDomain(foundingGraph())).toEqual({
      min: '2022-01-11',
      max: '2022-01-13',
      dates: [
        { date: '2022-01-11', count: 1 },
        { date: '2022-01-12', count: 1 },
        { date: '2022-01-13', count: 1 },
      ],
    });
    expect(timeDomain(createStanceGraph())).toBeNull();
  });

  it('keep the window ordered and leave a bound open at the edge of the domain', () => {
    const domain = timeDomain(foundingGraph())!;
    expect(setWindow(ALL, '2022-01-13', '2022-01-12', domain)).toMatchObject({
      from: '2022-01-12',
      to: null,
    });
    expect(setWindow(ALL, '2022-01-11', '2022-01-12', domain)).toMatchObject({
      from: null,
      to: '2022-01-12',
    });
    expect(setWindow(ALL, '2022-01-12', '2022-01-12')).toMatchObject({
      from: '2022-01-12',
      to: '2022-01-12',
    });
  });

  it('toggle a value in or out while keeping the canonical order', () => {
    expect(toggle(['Claim', 'Person'], 'Country', NODE_KINDS)).toEqual(['Person', 'Country', 'Claim']);
    expect(toggle(['Person', 'Claim'], 'Person', NODE_KINDS)).toEqual(['Claim']);
  });
});
