// What the console offers to complete and to start from: the graph's labels, relationship types
// and property names (from the model, like everything else), Cypher's keywords, and a few example
// queries for someone who has never written Cypher.

import { ID_LABELS } from '../../../../model/kinds.ts';
import { RELATIONSHIP_TYPES } from '../../../../model/vocabulary.ts';

// prettier-ignore
export const CYPHER_KEYWORDS = [
  'MATCH', 'OPTIONAL MATCH', 'WHERE', 'RETURN', 'WITH', 'UNWIND', 'ORDER BY', 'LIMIT', 'SKIP', 'DISTINCT',
  'AS', 'AND', 'OR', 'NOT', 'IN', 'IS NULL', 'IS NOT NULL', 'CONTAINS', 'STARTS WITH', 'ENDS WITH',
  'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CALL', 'UNION', 'EXISTS', 'COUNT', 'collect', 'count', 'size',
  'date', 'labels', 'type', 'nodes', 'relationships', 'coalesce', 'toLower',
] as const;

// prettier-ignore
export const PROPERTY_NAMES = [
  'id', 'name', 'aliases', 'title', 'description', 'text', 'wikidata', 'iso3', 'date', 'start', 'end',
  'place', 'published', 'publisher', 'url', 'language', 'doc', 'quote', 'method', 'confidence', 'modality', 'note',
] as const;

export interface Completion {
  label: string;
  type: 'keyword' | 'type' | 'property' | 'class';
  detail: string;
}

export function completions(): Completion[] {
  return [
    ...ID_LABELS.map((label) => ({ label, type: 'class' as const, detail: 'label' })),
    ...RELATIONSHIP_TYPES.map((label) => ({ label, type: 'type' as const, detail: 'relationship type' })),
    ...PROPERTY_NAMES.map((label) => ({ label, type: 'property' as const, detail: 'property' })),
    ...CYPHER_KEYWORDS.map((label) => ({ label, type: 'keyword' as const, detail: 'Cypher' })),
  ];
}

export const EXAMPLE_QUERIES: { title: string; query: string }[] = [
  {
    title: 'Who is for and against a claim',
    query: "MATCH (a:Actor)-[r]->(c:Claim {id: 'claim:nato-non-expansion-guarantee'})\nRETURN a, r, c",
  },
  {
    title: "An actor's positions",
    query: "MATCH (p:Person {id: 'person:sergei-ryabkov'})-[r]->(c:Claim)\nRETURN p, r, c",
  },
  {
    title: 'Rejections, with their quotes',
    query:
      'MATCH (a:Actor)-[r:REJECTS]->(c:Claim)\nRETURN a.name AS actor, c.text AS claim, r.quote AS quote, r.date AS date\nORDER BY date',
  },
  {
    title: 'Actors on opposite sides of a claim',
    query:
      'MATCH (a:Actor)-[r1]->(c:Claim)<-[r2]-(b:Actor)\nWHERE type(r1) IN ["DEMANDS", "PROPOSES", "COMMITS_TO", "SUPPORTS"]\n  AND type(r2) IN ["REJECTS", "OPPOSES"]\nRETURN a, r1, c, r2, b',
  },
  { title: 'Claims by topic', query: 'MATCH (c:Claim)-[r:ABOUT]->(t:Topic)\nRETURN c, r, t' },
];
