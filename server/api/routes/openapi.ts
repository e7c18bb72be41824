// GET /api/openapi.json: the OpenAPI 3.1 document of every route, this one included.

import { z } from 'zod';
import { openApiDocument } from '../openapi.ts';
import { defineRoute, type ApiRoute } from '../route.ts';

export function openApiRoutes(routes: () => ApiRoute[]): ApiRoute[] {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return [
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'getOpenApi',
      tag: 'server',
      summary: 'This API as an OpenAPI 3.1 document, generated from the zod schemas that validate requests.',
      responses: {
        200: { description: 'The OpenAPI document.', schema: z.looseObject({ openapi: z.literal('3.1.0') }) },
      },
      async handle(_input, { app }) {
        document ??= openApiDocument(routes(), app.version);
        return document;
      },
    }),
  ];
}
