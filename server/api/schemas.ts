// The shapes of the API's answers, as zod schemas: they document the responses in the OpenAPI
// document and the tests parse real answers with them, so the two cannot disagree.

import { z } from 'zod';
import { FAMILIES } from '../../model/vocabulary.ts';
import { nodeKind } from './params.ts';

const json = z.unknown();

export const wireNodeSchema = z.object({
  key: z.string(),
  attributes: z.looseObject({ label: z.string(), kind: z.string() }),
});

export const wireEdgeSchema = z.object({
  key: z.string(),
  source: z.string(),
  target: z.string(),
  attributes: z.looseObject({
    type: z.string(),
    family: z.enum(FAMILIES),
    polarity: z.union([z.literal(1), z.literal(-1), z.literal(0), z.null()]),
  }),
});

export const wireGraphSchema = z
  .object({
    attributes: z.record(z.string(), json),
    options: z.object({
      type: z.literal('directed'),
      multi: z.literal(true),
      allowSelfLoops: z.literal(true),
    }),
    nodes: z.array(wireNodeSchema),
    edges: z.array(wireEdgeSchema),
  })
  .meta({ description: 'A graphology SerializedGraph (model/wire.ts): pass it to `graph.import()`.' });

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ description: 'RFC 9457 problem details (application/problem+json).' });

export const healthSchema = z.object({
  status: z.literal('ok'),
  neo4j: z.object({
    reachable: z.literal(true),
    version: z.string(),
    edition: z.string(),
    database: z.string().nullable(),
  }),
  server: z.object({ version: z.string(), uptimeSeconds: z.number() }),
});

export const nodeRefSchema = z.object({ id: z.string(), kind: z.string(), label: z.string() });

export const searchResultSchema = z.object({
  query: z.string(),
  words: z.array(z.string()),
  results: z.array(nodeRefSchema.extend({ score: z.number(), title: z.string().optional() })),
});

export const nodeDetailsSchema = z.object({
  id: z.string(),
  kind: nodeKind,
  labels: z.array(z.string()),
  label: z.string(),
  properties: z.record(z.string(), json),
  degree: z.number().int(),
  relationships: z.array(
    z.object({ type: z.string(), direction: z.enum(['out', 'in']), count: z.number().int() }),
  ),
});
