// The OpenAPI 3.1 document, generated from the routes themselves: their zod schemas (JSON Schema
// draft 2020-12, which OpenAPI 3.1 uses) for parameters, bodies and responses. Nothing here is
// written by hand twice.

import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';
import type { ApiRoute, ResponseSpec } from './route.ts';
import { problemSchema } from '../../model/api.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(where: 'path' | 'query', schema: z.ZodType | undefined) {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(rest.type === 'array' ? { style: 'form', explode: false } : {}),
    };
  });
}

function response(status: number, spec: ResponseSpec) {
  if (spec.contentTypes) {
    return {
      description: spec.description,
      content: Object.fromEntries(
        spec.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
      ),
    };
  }
  const type = status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json';
  return {
    description: spec.description,
    ...(spec.schema ? { content: { [type]: { schema: jsonSchema(spec.schema, 'output') } } } : {}),
  };
}

const UNAVAILABLE: ResponseSpec = {
  description: 'Neo4j is unavailable (Retry-After).',
  schema: problemSchema,
};

export function openApiDocument(routes: ApiRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec } of routes) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      parameters: [...parameters('path', spec.params), ...parameters('query', spec.query)],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries({ 503: UNAVAILABLE, ...spec.responses }).map(([status, r]) => [
          status,
          response(Number(status), r),
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stancegraph API',
      version,
      description:
        'Who takes which position on what: explore the graph, read positions and networks, query it read-only with Cypher, export subgraphs. Errors are RFC 9457 problem+json. See docs/API.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'server', description: 'Health.' },
      {
        name: 'explore',
        description: 'Search, nodes, neighbourhoods, overviews (graphs as graphology SerializedGraphs).',
      },
      {
        name: 'views',
        description: 'Derived views: positions on a claim, actor timelines, agreement networks.',
      },
      { name: 'console', description: 'The read-only Cypher console.' },
      { name: 'export', description: 'Subgraphs as files.' },
      {
        name: 'write',
        description:
          'Coding and review: documents, relationships, suggestions, merges, the write log. Writes need the token (Authorization: Bearer, or the session cookie from the sign-in URL) and an Origin/Host of this server.',
      },
    ],
    paths,
  };
}
