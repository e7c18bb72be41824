// The view in the URL's query string and back. Only what differs from the default is written, so
// a fresh view has a bare URL; reading never throws: what it cannot use it reports and skips.

import { NODE_KINDS, ID_PATTERN } from '../../../../model/kinds.ts';
import {
  AGGREGATIONS,
  DNA_DEFAULTS,
  DUPLICATES,
  invalidCombination,
  NETWORK_TYPES,
  NORMALIZATIONS,
  VARIABLES1,
  type DnaOptions,
} from '../../../../model/networks.ts';
import { RELATIONSHIP_TYPES, type RelationshipTypeName } from '../../../../model/vocabulary.ts';
import { DEFAULT_FILTERS, EDGE_POLARITIES, isIsoDate, type Filters } from '../filters/index.ts';
import { DEFAULT_VIEW, MODES, QUERY_TARGETS, type Selection, type ViewState } from '../view/index.ts';

export const PARAMS = {
  mode: 'mode',
  node: 'node',
  edge: 'edge',
  kinds: 'kinds',
  types: 'types',
  polarities: 'pol',
  from: 'from',
  to: 'to',
  expanded: 'expand',
  hidden: 'hide',
  query: 'q',
  target: 'qv',
} as const;

/** DNA's options go in the URL under rDNA's names, as the API takes them. */
const NETWORK_OPTIONS = {
  networkType: NETWORK_TYPES,
  variable1: VARIABLES1,
  qualifierAggregation: AGGREGATIONS,
  normalization: NORMALIZATIONS,
  duplicates: DUPLICATES,
} as const satisfies Record<keyof DnaOptions, readonly string[]>;

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

export function toSearchParams(view: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  const { filters } = view;
  if (view.mode !== DEFAULT_VIEW.mode) params.set(PARAMS.mode, view.mode);
  if (view.selection)
    params.set(view.selection.type === 'node' ? PARAMS.node : PARAMS.edge, view.selection.id);
  if (!sameList(filters.kinds, DEFAULT_FILTERS.kinds)) params.set(PARAMS.kinds, filters.kinds.join(','));
  if (!sameList(filters.types, DEFAULT_FILTERS.types)) params.set(PARAMS.types, filters.types.join(','));
  if (!sameList(filters.polarities, DEFAULT_FILTERS.polarities))
    params.set(PARAMS.polarities, filters.polarities.join(','));
  if (filters.from) params.set(PARAMS.from, filters.from);
  if (filters.to) params.set(PARAMS.to, filters.to);
  if (view.expanded.length) params.set(PARAMS.expanded, view.expanded.join(','));
  if (view.hidden.length) params.set(PARAMS.hidden, view.hidden.join(','));
  if (view.query) {
    params.set(PARAMS.query, view.query.text);
    if (view.query.target) params.set(PARAMS.target, view.query.target);
  }
  if (view.network)
    for (const key of Object.keys(NETWORK_OPTIONS) as (keyof DnaOptions)[])
      params.set(key, view.network[key]);
  return params;
}

export interface ParsedView {
  view: ViewState;
  /** What the URL held that could not be used, said for people. */
  problems: string[];
}

export function fromSearchParams(params: URLSearchParams): ParsedView {
  const problems: string[] = [];

  function list<T extends string>(name: string, allowed: readonly T[], fallback: T[]): T[] {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const values = raw === '' ? [] : raw.split(',');
    const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
    if (unknown.length)
      problems.push(`URL: ignored unknown ${name} ${unknown.map((v) => `"${v}"`).join(', ')}.`);
    return allowed.filter((value) => values.includes(value));
  }

  function date(name: string): string | null {
    const raw = params.get(name);
    if (raw === null || raw === '') return null;
    if (isIsoDate(raw)) return raw;
    problems.push(`URL: ignored ${name}="${raw}": expected a date such as 2022-01-11.`);
    return null;
  }

  function ids(name: string): string[] {
    const raw = params.get(name);
    if (!raw) return [];
    const values = raw.split(',');
    const bad = values.filter((id) => !ID_PATTERN.test(id));
    if (bad.length)
      problems.push(`URL: ignored malformed ${name} id ${bad.map((v) => `"${v}"`).join(', ')}.`);
    return [...new Set(values.filter((id) => ID_PATTERN.test(id)))];
  }

  function oneOf<T extends string>(name: string, allowed: readonly T[]): T | null {
    const raw = params.get(name);
    if (raw === null) return null;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`URL: ignored ${name}="${raw}": expected one of ${allowed.join(', ')}.`);
    return null;
  }

  const filters: Filters = {
    kinds: list(PARAMS.kinds, NODE_KINDS, DEFAULT_FILTERS.kinds),
    types: list<RelationshipTypeName>(PARAMS.types, RELATIONSHIP_TYPES, DEFAULT_FILTERS.types),
    polarities: list(PARAMS.polarities, EDGE_POLARITIES, DEFAULT_FILTERS.polarities),
    from: date(PARAMS.from),
    to: date(PARAMS.to),
  };

  const node = params.get(PARAMS.node);
  const edge = params.get(PARAMS.edge);
  let selection: Selection | null = null;
  if (node && ID_PATTERN.test(node)) selection = { type: 'node', id: node };
  else if (node) problems.push(`URL: ignored malformed node id "${node}".`);
  else if (edge) selection = { type: 'edge', id: edge };

  const network = (Object.keys(NETWORK_OPTIONS) as (keyof DnaOptions)[]).some((key) => params.has(key))
    ? (Object.fromEntries(
        (Object.keys(NETWORK_OPTIONS) as (keyof DnaOptions)[]).map((key) => [
          key,
          oneOf(key, NETWORK_OPTIONS[key]) ?? DNA_DEFAULTS[key],
        ]),
      ) as unknown as DnaOptions)
    : undefined;
  const invalid = network ? invalidCombination(network) : undefined;
  if (invalid) problems.push(`URL: ignored the network options: ${invalid.field}: ${invalid.message}.`);

  const text = params.get(PARAMS.query);
  const view: ViewState = {
    mode: oneOf(PARAMS.mode, MODES) ?? DEFAULT_VIEW.mode,
    selection,
    filters,
    expanded: ids(PARAMS.expanded),
    hidden: ids(PARAMS.hidden),
    query: text ? { text, target: oneOf(PARAMS.target, QUERY_TARGETS) } : null,
    ...(network && !invalid ? { network } : {}),
  };
  return { view, problems };
}
