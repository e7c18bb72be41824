// The graph both pages of the client benchmark draw: a deterministic synthetic overview of N nodes
// and about 5N relationships, shaped like scripts/generate.ts's datasets (heavy-tailed actors
// taking stances on claims grouped in topics, interactions, events) and mapped to the wire format
// exactly as the API would serve it after a load: the loader's property mapping, then the API's.

import { KINDS, type NodeKind } from '../../model/kinds.ts';
import type { WireGraph } from '../../model/wire.ts';
import { INTERACTION_TYPES, isoDate, prng, STANCE_TYPES } from '../../scripts/generate.ts';
import {
  GRAPH_OPTIONS,
  relationshipKey,
  wireEdgeAttributes,
  wireNodeAttributes,
} from '../../server/graph/graph-payload.ts';
import { wireGraphSchema } from '../../model/api.ts';
import { nodeProperties, relationshipProperties } from '../../server/dataset/plan.ts';
import type { EntityRecord, ResolvedRelationship } from '../../server/dataset/resolve.ts';

/** Relationships per node. */
export const EDGES_PER_NODE = 5;

const ISSUES = ['sanctions', 'arms control', 'energy transit', 'border security', 'grain exports'];
const ACTIONS = ['lift', 'extend', 'review', 'limit', 'guarantee', 'suspend', 'expand', 'monitor'];

/** The overview graph of `nodes` nodes (no documents: the client hides them by default). */
export function syntheticOverview(nodes: number, seed = 1): WireGraph {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const heavy = (n: number) => Math.min(n - 1, Math.floor(n * random() ** 3));

  // The generator's proportions without documents: 9% actors, 1% topics, 1% events, claims the rest.
  const nTopics = Math.max(1, Math.round(nodes * 0.01));
  const nEvents = Math.max(1, Math.round(nodes * 0.01));
  const nActors = Math.max(3, Math.round(nodes * 0.09));
  const nClaims = nodes - nTopics - nEvents - nActors;
  const nCountries = Math.max(1, Math.round(nActors * 0.1));
  const nInstitutions = Math.max(1, Math.round(nActors * 0.2));

  const wire: WireGraph = { attributes: { synthetic: true }, options: GRAPH_OPTIONS, nodes: [], edges: [] };
  const addNode = (kind: NodeKind, record: EntityRecord) => {
    const properties = nodeProperties({ id: record.id, kind, record });
    wire.nodes.push({
      key: record.id,
      attributes: wireNodeAttributes(record.id, KINDS[kind].labels, properties),
    });
  };
  const keys = new Set<string>();
  const addEdge = (rel: Omit<ResolvedRelationship, 'keyed'>) => {
    const properties = relationshipProperties({ ...rel, keyed: rel.doc !== undefined });
    let key = relationshipKey(rel.from, rel.type, rel.to, properties);
    for (let n = 2; keys.has(key); n++)
      key = `${relationshipKey(rel.from, rel.type, rel.to, properties)}#${n}`;
    keys.add(key);
    wire.edges.push({
      key,
      source: rel.from,
      target: rel.to,
      attributes: wireEdgeAttributes(rel.type, properties),
    });
  };

  const actors: string[] = [];
  for (let i = 0; i < nActors; i++) {
    const [kind, id] =
      i < nCountries
        ? (['Country', `country:c${i}`] as const)
        : i < nCountries + nInstitutions
          ? (['Institution', `institution:i${i}`] as const)
          : (['Person', `person:p${i}`] as const);
    addNode(kind, { id, name: `${kind} ${i}`, aliases: [`${kind.slice(0, 3)} ${i}`] } as EntityRecord);
    actors.push(id);
  }
  for (let t = 0; t < nTopics; t++)
    addNode('Topic', { id: `topic:t${t}`, name: `${ISSUES[t % ISSUES.length]} ${t}` } as EntityRecord);
  for (let c = 0; c < nClaims; c++) {
    const text = `Party ${c % 101} should ${pick(ACTIONS)} ${ISSUES[c % ISSUES.length]} (claim ${c})`;
    addNode('Claim', { id: `claim:k${c}`, text } as EntityRecord);
    addEdge({ type: 'ABOUT', from: `claim:k${c}`, to: `topic:t${c % nTopics}` } as ResolvedRelationship);
  }
  for (let e = 0; e < nEvents; e++) {
    const day = Math.floor(random() * 2000);
    addNode('Event', {
      id: `event:e${e}`,
      name: `Summit ${e}`,
      start: isoDate(day),
      end: isoDate(day + 1),
    } as EntityRecord);
    for (const from of new Set([0, 1, 2].map(() => actors[heavy(nActors)]!)))
      addEdge({ type: 'ATTENDS', from, to: `event:e${e}` } as ResolvedRelationship);
  }

  // The rest of the budget: statements quoted from documents, 9 stances on claims to 1 interaction.
  for (let s = 0; wire.edges.length < nodes * EDGES_PER_NODE; s++) {
    const interaction = random() < 0.1;
    const from = actors[heavy(nActors)]!;
    let to = interaction ? actors[heavy(nActors)]! : `claim:k${heavy(nClaims)}`;
    if (to === from) to = actors[(actors.indexOf(from) + 1) % nActors]!;
    const doc = Math.floor(s / 20);
    const quote = `Statement ${doc}.${s % 20}: ${from.split(':')[1]} on ${to.split(':')[1]}, “${pick(ACTIONS)}”.`;
    const start = 20 + (s % 20) * 90;
    addEdge({
      type: interaction ? pick(INTERACTION_TYPES) : pick(STANCE_TYPES),
      from,
      to,
      doc: `document:d${doc}`,
      quote,
      start,
      end: start + quote.length,
      date: isoDate(Math.floor((s / (nodes * EDGES_PER_NODE)) * 2000)),
      method: random() < 0.7 ? 'llm' : 'rule',
      confidence: Math.round((0.5 + random() / 2) * 100) / 100,
      modality: random() < 0.1 ? 'conditional' : 'asserted',
    } as ResolvedRelationship);
  }
  // The shape the API promises for GET /api/graph (its response schema), checked once here.
  wireGraphSchema.parse(wire);
  return wire;
}
