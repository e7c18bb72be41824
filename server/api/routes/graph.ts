// GET /api/graph: an overview subgraph: the most connected nodes of the kept kinds and the
// relationships among them, cut at `limit` nodes.

import { z } from 'zod';
import { NODE_KINDS } from '../../../model/kinds.ts';
import { readTransaction } from '../db.ts';
import { checkWindow, kindsParam, limitParam, typesParam, windowShape } from '../../../model/params.ts';
import { toFilters } from '../../graph/filters.ts';
import { defineRoute } from '../route.ts';
import { problemSchema, wireGraphSchema } from '../../../model/api.ts';
import { buildSubgraph, OVERVIEW_KINDS, selectOverview } from '../../graph/subgraph.ts';

export const overviewShape = {
  kinds: kindsParam.optional().meta({
    description: `Node kinds to show, comma-separated (default: all but Document): ${NODE_KINDS.join(', ')}.`,
  }),
  types: typesParam.optional(),
  ...windowShape,
};

const query = z
  .strictObject({
    ...overviewShape,
    limit: limitParam(500, 5000, 'How many nodes at most (1 to 5000), the most connected first.'),
  })
  .superRefine(checkWindow);

export const graphRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/graph',
    operationId: 'getGraph',
    tag: 'explore',
    summary: 'An overview subgraph: the most connected nodes first when it must be cut.',
    description:
      'Nodes of `kinds` ranked by how many relationships they have that pass the filters; with `types` or a window, nodes left without any are dropped. Graph attributes: truncated, total (nodes that qualified), limit.',
    query,
    responses: {
      200: { description: 'The overview.', schema: wireGraphSchema },
      400: { description: 'Bad parameters.', schema: problemSchema },
    },
    async handle({ query: q }, { app }) {
      const filters = { ...toFilters(q), kinds: q.kinds ?? OVERVIEW_KINDS };
      return readTransaction(app.db, { timeoutMs: app.api.queryTimeoutMs }, async (tx) => {
        const selection = await selectOverview(tx, filters, q.limit);
        return buildSubgraph(tx, selection.nodes, filters, {
          truncated: selection.total > selection.nodes.length,
          total: selection.total,
          limit: q.limit,
        });
      });
    },
  }),
];
