// Every route of the API, in the order the OpenAPI document lists them.

import type { ApiRoute } from '../route.ts';
import { cypherRoutes } from './cypher.ts';
import { edgeRoutes } from './edges.ts';
import { exportRoutes } from './export.ts';
import { graphRoutes } from './graph.ts';
import { healthRoutes } from './health.ts';
import { networkRoutes } from './networks.ts';
import { nodeRoutes } from './nodes.ts';
import { openApiRoutes } from './openapi.ts';
import { positionRoutes } from './positions.ts';
import { searchRoutes } from './search.ts';
import { authRoutes } from './write-auth.ts';
import { changeRoutes } from './write-changes.ts';
import { documentRoutes } from './write-documents.ts';
import { extractionRoutes } from './write-extractions.ts';
import { mergeRoutes } from './write-merges.ts';
import { writeRelationshipRoutes } from './write-relationships.ts';
import { suggestionRoutes } from './write-suggestions.ts';

export const API_ROUTES: ApiRoute[] = [
  ...healthRoutes,
  ...openApiRoutes(() => API_ROUTES),
  ...searchRoutes,
  ...nodeRoutes,
  ...edgeRoutes,
  ...graphRoutes,
  ...positionRoutes,
  ...networkRoutes,
  ...cypherRoutes,
  ...exportRoutes,
  // coding and review (writes need the token: server/write)
  ...authRoutes,
  ...documentRoutes,
  ...extractionRoutes,
  ...writeRelationshipRoutes,
  ...suggestionRoutes,
  ...mergeRoutes,
  ...changeRoutes,
];
