// GET /api/nodes/:id (a node, all its properties, what it is connected to) and
// GET /api/nodes/:id/neighborhood (its neighbourhood as a graph, filtered and limited).

import type { Transaction } from 'neo4j-driver';
import { z } from 'zod';
import { kindOfLabels } from '../../../model/kinds.ts';
import { toPlain } from '../../neo4j/values.ts';
import { queries } from '../../cypher/registry.ts';
import { readTransaction } from '../db.ts';
import { nodeLabel } from '../../graph/graph-payload.ts';
import {
  checkWindow,
  depthParam,
  kindsParam,
  limitParam,
  nodeId,
  typesParam,
  windowShape,
} from '../../../model/params.ts';
import { invalidRequest, notFound, pointer } from '../problem.ts';
import { toFilters } from '../../graph/filters.ts';
import { defineRoute, type HandlerContext } from '../route.ts';
import {
  NODE_TEXT_MAX,
  nodeDetailsSchema,
  problemSchema,
  wireGraphSchema,
  type TextRange,
} from '../../../model/api.ts';
import { buildSubgraph, edgeBudget, findNodes, selectNeighborhood } from '../../graph/subgraph.ts';
import { toNumber } from '../../neo4j/values.ts';

const params = z.strictObject({ id: nodeId });

const nodeQuery = z.strictObject({
  textOffset: z.coerce.number().int('expected a whole number').min(0, 'expected 0 or more').optional().meta({
    description:
      "Where the piece of a document's text starts, in UTF-16 code units (as the quotes' `start` and `end` count). Default 0.",
  }),
  textLength: z.coerce
    .number()
    .int('expected a whole number')
    .min(1, 'expected 1 or more')
    .max(NODE_TEXT_MAX, `expected at most ${NODE_TEXT_MAX} (the longest piece sent)`)
    .optional()
    .meta({
      description: `How long the piece of a document's text is, in UTF-16 code units; default and maximum ${NODE_TEXT_MAX}. The answer's \`textRange\` says what was sent and how long the whole text is.`,
    }),
});

/**
 * The piece of `text` asked for (the whole when it is short): a long text is never sent whole.
 * The slice is cut in UTF-16 code units: Neo4j's substring() counts code points, the quotes do not.
 */
function textPiece(
  text: string,
  offset: number | undefined,
  length: number | undefined,
): { text: string; range: TextRange } {
  const start = offset ?? 0;
  if (start > text.length) {
    throw invalidRequest([
      {
        pointer: pointer('query', 'textOffset'),
        detail: `expected at most ${text.length}, the length of the text (UTF-16 code units)`,
      },
    ]);
  }
  const piece = text.slice(start, start + (length ?? NODE_TEXT_MAX));
  return { text: piece, range: { offset: start, length: piece.length, total: text.length } };
}

/**
 * For an id merged into another node (POST /api/merges): a 307 to the same URL of the node it
 * became, so that links and scripts that use the old id keep working. Else the 404.
 */
async function redirectMerged(tx: Transaction, id: string, { req, res }: HandlerContext): Promise<void> {
  const { records } = await tx.run(queries['merged-ids'], { ids: [id] });
  const into = records[0]?.get('into') as string | undefined;
  if (!into) throw notFound('node', id, pointer('params', 'id'));
  const [pathPart, search] = req.originalUrl.split(/\?(.*)/s, 2);
  const location = pathPart!.replace(/\/api\/nodes\/[^/]+/, `/api/nodes/${encodeURI(into)}`);
  res.redirect(307, search ? `${location}?${search}` : location);
}

export const neighborhoodQuery = z
  .strictObject({
    depth: depthParam,
    kinds: kindsParam.optional(),
    types: typesParam.optional(),
    ...windowShape,
    limit: limitParam(
      100,
      1000,
      'How many nodes the expansion may add (1 to 1000); the answer says how many it left out.',
    ),
  })
  .superRefine(checkWindow);

export const nodeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/nodes/:id',
    operationId: 'getNode',
    tag: 'explore',
    summary:
      'A node: its kind, labels, properties (a document with its text, or a piece of a long one) and relationship counts.',
    description: `A document's text comes whole up to ${NODE_TEXT_MAX} UTF-16 code units; a longer one comes as its first ${NODE_TEXT_MAX}, and \`textOffset\` and \`textLength\` ask for any other piece. \`textRange\` says which piece \`properties.text\` holds and how long the whole text is.`,
    params,
    query: nodeQuery,
    responses: {
      200: { description: 'The node.', schema: nodeDetailsSchema },
      307: { description: 'The id was merged into another node: its URL is in `Location`.' },
      400: {
        description:
          'A malformed id, or a text range that does not fit (past the end, or a node without text).',
        schema: problemSchema,
      },
      404: { description: 'No node has this id.', schema: problemSchema },
    },
    async handle({ params: { id }, query: { textOffset, textLength } }, ctx) {
      const { app } = ctx;
      return readTransaction(app.db, { timeoutMs: app.api.queryTimeoutMs }, async (tx) => {
        const found = (await findNodes(tx, [id])).get(id);
        if (!found) return redirectMerged(tx, id, ctx);
        const counts = await tx.run(queries['node-relationship-counts'], { elementId: found.elementId });
        const { node } = found;
        const { text, ...others } = node.properties as Record<string, unknown>;
        const piece = typeof text === 'string' ? textPiece(text, textOffset, textLength) : undefined;
        if (!piece && (textOffset !== undefined || textLength !== undefined)) {
          throw invalidRequest([
            {
              pointer: pointer('query', textOffset !== undefined ? 'textOffset' : 'textLength'),
              detail: `node "${id}" has no text`,
            },
          ]);
        }
        return {
          id,
          kind: kindOfLabels(node.labels) ?? node.labels[0],
          labels: [...node.labels],
          label: nodeLabel(node.properties, id),
          properties: toPlain(piece ? { ...others, text: piece.text } : node.properties),
          ...(piece ? { textRange: piece.range } : {}),
          degree: found.degree,
          relationships: counts.records.map((r) => ({
            type: r.get('type') as string,
            direction: r.get('direction') as 'out' | 'in',
            count: toNumber(r.get('count')),
          })),
        };
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/nodes/:id/neighborhood',
    operationId: 'getNeighborhood',
    tag: 'explore',
    summary:
      'The neighbourhood of a node as a graph, by depth, node kinds, relationship types and a date window.',
    description:
      "Breadth-first in the filtered graph: only nodes of `kinds`, reached through relationships of `types` dated inside the window (undated ones pass), count. The node itself is always there. `limit` caps the nodes the expansion adds, most connected first; graph attributes `truncated` and `omitted` say what it left out. Parallel relationships of one type travel as one edge with their `count` (GET /api/edges pages through them). Of the edges among the nodes at most 3 per node (at least 300) in all are sent: the centre's first, then one for each node with fewer than 3, most relationships first; `edgesTotal` and `omittedEdges` say how many there were and how many were left out.",
    params,
    query: neighborhoodQuery,
    responses: {
      200: {
        description:
          'The neighbourhood (graph attributes: center, depth, limit, truncated, omitted, edgesTotal, omittedEdges).',
        schema: wireGraphSchema,
      },
      307: { description: 'The id was merged into another node: its URL is in `Location`.' },
      400: { description: 'Bad parameters.', schema: problemSchema },
      404: { description: 'No node has this id.', schema: problemSchema },
    },
    async handle({ params: { id }, query: q }, ctx) {
      const { app } = ctx;
      const filters = toFilters(q);
      return readTransaction(app.db, { timeoutMs: app.api.queryTimeoutMs }, async (tx) => {
        const centre = (await findNodes(tx, [id])).get(id);
        if (!centre) return redirectMerged(tx, id, ctx);
        const selection = await selectNeighborhood(tx, [centre], q.depth, filters, q.limit);
        return buildSubgraph(
          tx,
          selection.nodes,
          filters,
          {
            center: id,
            depth: q.depth,
            limit: q.limit,
            truncated: selection.omitted > 0,
            omitted: selection.omitted,
          },
          { budget: edgeBudget(selection.nodes.length), centres: new Set([id]) },
        );
      });
    },
  }),
];
