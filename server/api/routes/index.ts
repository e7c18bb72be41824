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
];
