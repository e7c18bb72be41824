// The write log: GET /api/changes (who wrote what, when, before and after) and
// POST /api/changes/:id/undo, which applies a change the other way round when what it wrote is
// still as it left it (else 409: a later write changed it).

import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { queries } from '../../cypher/registry.ts';
import { toPlain } from '../../neo4j/values.ts';
import { defineWriteRoute } from '../../write/route.ts';
import { changeSchema, writeAnswerSchema } from '../../write/schemas.ts';
import { readState, sameState, type GraphState } from '../../write/state.ts';
import { conflict } from '../../write/validate.ts';
import { readQuery } from '../db.ts';
import { notFound, pointer } from '../problem.ts';
import { defineRoute } from '../route.ts';
import { problemSchema } from '../../../model/api.ts';
import { rememberRejection } from './write-suggestions.ts';

const parseChange = (value: unknown) => {
  const change = toPlain(value) as Record<string, unknown>;
  return {
    id: String(change.id),
    at: String(change.at),
    who: String(change.who),
    action: String(change.action),
    summary: String(change.summary),
    before: JSON.parse(String(change.before)) as GraphState,
    after: JSON.parse(String(change.after)) as GraphState,
    undoneBy: (change.undoneBy as string | null) ?? null,
    undoes: (change.undoes as string | null) ?? null,
  };
};

export const changeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/changes',
    operationId: 'listChanges',
    tag: 'write',
    summary: 'The write log, newest first: who, when, what, the state before and after.',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
    responses: { 200: { description: 'The changes.', schema: z.object({ changes: z.array(changeSchema) }) } },
    async handle({ query }, { app, signal }) {
      const records = await readQuery(
        app.db,
        'write-changes-list',
        { id: null, limit: neo4j.int(query.limit) },
        { timeoutMs: app.api.queryTimeoutMs, signal },
      );
      return { changes: records.map((record) => parseChange(record.get('change'))) };
    },
  }),
  defineWriteRoute({
    method: 'post',
    path: '/api/changes/:id/undo',
    operationId: 'undoChange',
    tag: 'write',
    summary: 'Undo a change: what it wrote goes back to what was there before.',
    params: z.strictObject({ id: z.string().uuid('expected a change id') }),
    responses: {
      200: { description: 'Undone (itself a change).', schema: writeAnswerSchema },
      404: { description: 'No such change.', schema: problemSchema },
      409: { description: 'Undone already, or changed since.', schema: problemSchema },
    },
    async plan({ params }, { tx }) {
      const { records } = await tx.run(queries['write-changes-list'], { id: params.id, limit: neo4j.int(1) });
      if (!records[0]) throw notFound('change', params.id, pointer('params', 'id'));
      const change = parseChange(records[0].get('change'));
      if (change.undoneBy) throw conflict(`undone already (by ${change.undoneBy})`, pointer('params', 'id'));
      const now = await readState(tx, change.after);
      if (!sameState(now, change.after))
        throw conflict(
          'what this change wrote has been changed since; undo the later changes first',
          pointer('params', 'id'),
        );
      return {
        status: 200,
        body: { undone: params.id },
        action: 'undo',
        summary: `undid: ${change.summary}`,
        undoes: params.id,
        before: change.after,
        after: change.before,
        async also(t, id) {
          await t.run(queries['write-change-mark-undone'], { id: params.id, by: id });
          if (change.action === 'reject-suggestion') {
            for (const rel of change.before.relationships) await rememberRejection(t, rel, false);
          }
        },
      };
    },
  }),
];
