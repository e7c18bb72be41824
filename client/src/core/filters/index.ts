// The filters as pure predicates over wire attributes: the canvas reducers, the test hook and the
// exports all ask these same functions what is visible, so that what you see is what you export.

import type { AbstractGraph } from 'graphology-types';
import { NODE_KINDS } from '../../../../model/kinds.ts';
import { polarityName, RELATIONSHIP_TYPES, type Polarity } from '../../../../model/vocabulary.ts';
import type { WireEdgeAttributes, WireNodeAttributes } from '../../../../model/wire.ts';
import { EDGE_POLARITIES, type EdgePolarity, type Filters, type TimeDomain } from './types.ts';
import { isIsoDate, overlapsWindow } from './utils.ts';

export * from './types.ts';
export * from './utils.ts';

/** Everything shown but the source documents, whose MENTIONS edges would tie every node to one hub. */
export const DEFAULT_FILTERS: Filters = {
  kinds: NODE_KINDS.filter((kind) => kind !== 'Document'),
  types: RELATIONSHIP_TYPES.filter((type) => type !== 'MENTIONS'),
  polarities: [...EDGE_POLARITIES],
  from: null,
  to: null,
};

export function edgePolarity(polarity: Polarity | undefined): EdgePolarity {
  return polarity === null || polarity === undefined ? 'structural' : polarityName(polarity);
}

/** The date span a node occupies in time: events have one; other nodes are timeless (null). */
export function nodeSpan(attributes: WireNodeAttributes): { start: string; end: string } | null {
  if (attributes.kind !== 'Event') return null;
  const { date, start, end } = attributes;
  if (isIsoDate(date)) return { start: date, end: date };
  if (isIsoDate(start)) return { start, end: isIsoDate(end) ? end : start };
  return null;
}

export function nodePassesFilters(attributes: WireNodeAttributes, filters: Filters): boolean {
  if (!filters.kinds.includes(attributes.kind)) return false;
  const span = nodeSpan(attributes);
  return span === null || overlapsWindow(span.start, span.end, filters.from, filters.to);
}

export function edgePassesFilters(attributes: WireEdgeAttributes, filters: Filters): boolean {
  if (!(filters.types as string[]).includes(attributes.type)) return false;
  if (!filters.polarities.includes(edgePolarity(attributes.polarity))) return false;
  // An edge of a graph view stands for relationships from `first` to `last`: it stays while the
  // window overlaps that span (the edge panel lists those inside).
  const { date, first, last } = attributes;
  if (isIsoDate(first) && isIsoDate(last)) return overlapsWindow(first, last, filters.from, filters.to);
  return !isIsoDate(date) || overlapsWindow(date, date, filters.from, filters.to);
}

export interface Visibility {
  nodes: Set<string>;
  edges: Set<string>;
}

/** What the canvas shows: nodes that pass the filters and are not hidden; edges that pass and join two shown nodes. */
export function computeVisibility(
  graph: AbstractGraph<WireNodeAttributes, WireEdgeAttributes>,
  filters: Filters,
  hidden: ReadonlySet<string> = new Set(),
): Visibility {
  const nodes = new Set<string>();
  graph.forEachNode((node, attributes) => {
    if (!hidden.has(node) && nodePassesFilters(attributes, filters)) nodes.add(node);
  });
  const edges = new Set<string>();
  graph.forEachEdge((edge, attributes, source, target) => {
    if (nodes.has(source) && nodes.has(target) && edgePassesFilters(attributes, filters)) edges.add(edge);
  });
  return { nodes, edges };
}

/** The dates the loaded graph holds (relationship dates and event spans), for the time slider. */
export function timeDomain(graph: AbstractGraph<WireNodeAttributes, WireEdgeAttributes>): TimeDomain | null {
  const counts = new Map<string, number>();
  const count = (date: string) => counts.set(date, (counts.get(date) ?? 0) + 1);
  graph.forEachEdge((_edge, { date, first, last }) => {
    if (isIsoDate(first) && isIsoDate(last)) {
      count(first);
      if (last !== first) count(last);
    } else if (isIsoDate(date)) count(date);
  });
  graph.forEachNode((_node, attributes) => {
    const span = nodeSpan(attributes);
    if (span) {
      count(span.start);
      if (span.end !== span.start) count(span.end);
    }
  });
  const dates = [...counts]
    .map(([date, n]) => ({ date, count: n }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const first = dates[0];
  const last = dates[dates.length - 1];
  return first && last ? { min: first.date, max: last.date, dates } : null;
}

/** Toggles one value in a filter list, keeping the canonical order of `all`. */
export function toggle<T>(list: readonly T[], value: T, all: readonly T[]): T[] {
  const on = new Set(list);
  if (on.has(value)) on.delete(value);
  else on.add(value);
  return all.filter((item) => on.has(item));
}

/** Moves the window, keeping from <= to; a bound on the domain's edge is open (null). */
export function setWindow(
  filters: Filters,
  from: string | null,
  to: string | null,
  domain?: TimeDomain,
): Filters {
  let lo = from;
  let hi = to;
  if (lo !== null && hi !== null && lo > hi) [lo, hi] = [hi, lo];
  if (domain) {
    if (lo !== null && lo <= domain.min) lo = null;
    if (hi !== null && hi >= domain.max) hi = null;
  }
  return { ...filters, from: lo, to: hi };
}
