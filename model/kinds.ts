// The node kinds of the domain model (DESIGN.md): their Neo4j labels, the id prefix that names
// them, and how the client draws them. Shared by the loader, the API, the exports and the client.

export const ACTOR_KINDS = ['Person', 'Institution', 'Country'] as const;
export const NODE_KINDS = [...ACTOR_KINDS, 'Claim', 'Topic', 'Event', 'Document'] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];
export type NodeKind = (typeof NODE_KINDS)[number];

export interface KindInfo {
  /** Neo4j labels, most specific first (`Person:Actor`). */
  labels: readonly string[];
  /** Id prefix: every id is `prefix:slug`. */
  prefix: string;
  color: string;
  /** Sigma node program the client uses for this kind. */
  shape: 'circle' | 'square' | 'diamond' | 'triangle';
  plural: string;
}

export const KINDS: Record<NodeKind, KindInfo> = {
  Person: {
    labels: ['Person', 'Actor'],
    prefix: 'person',
    color: '#4e79a7',
    shape: 'circle',
    plural: 'people',
  },
  Institution: {
    labels: ['Institution', 'Actor'],
    prefix: 'institution',
    color: '#f28e2b',
    shape: 'circle',
    plural: 'institutions',
  },
  Country: {
    labels: ['Country', 'Actor'],
    prefix: 'country',
    color: '#59a14f',
    shape: 'circle',
    plural: 'countries',
  },
  Claim: { labels: ['Claim'], prefix: 'claim', color: '#b07aa1', shape: 'square', plural: 'claims' },
  Topic: { labels: ['Topic'], prefix: 'topic', color: '#9c755f', shape: 'diamond', plural: 'topics' },
  Event: { labels: ['Event'], prefix: 'event', color: '#edc948', shape: 'triangle', plural: 'events' },
  Document: {
    labels: ['Document'],
    prefix: 'document',
    color: '#bab0ac',
    shape: 'square',
    plural: 'documents',
  },
};

/** Every label that carries a uniqueness constraint on `id`. */
export const ID_LABELS = ['Actor', ...NODE_KINDS] as const;

const KIND_BY_PREFIX = new Map<string, NodeKind>(NODE_KINDS.map((kind) => [KINDS[kind].prefix, kind]));

export const ID_PATTERN = /^([a-z]+):([a-z0-9][a-z0-9._-]*)$/;

/** The kind an id names by its prefix, or undefined when the id is malformed or the prefix unknown. */
export function kindOfId(id: string): NodeKind | undefined {
  const match = ID_PATTERN.exec(id);
  return match ? KIND_BY_PREFIX.get(match[1]!) : undefined;
}

export function isActorKind(kind: NodeKind): kind is ActorKind {
  return (ACTOR_KINDS as readonly string[]).includes(kind);
}

/** The kind of a node read back from Neo4j, from its labels. */
export function kindOfLabels(labels: readonly string[]): NodeKind | undefined {
  return NODE_KINDS.find((kind) => labels.includes(kind));
}
