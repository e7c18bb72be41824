// POST /api/relationships (code a relationship, with new actors and claims if need be),
// PATCH /api/relationships/:ref (move a span, change a field: it becomes manual coding) and
// DELETE /api/relationships/:ref, each validated by the loader's code and recorded (server/write).

import type { ManagedTransaction } from 'neo4j-driver';
import { relationshipSchema } from '../../dataset/schema.ts';
import { zodIssues } from '../../dataset/issues.ts';
import { defineWriteRoute } from '../../write/route.ts';
import {
  createRelationshipBody,
  refParams,
  updateRelationshipBody,
  writeAnswerSchema,
} from '../../write/schemas.ts';
import {
  EMPTY_STATE,
  parseRelationshipRef,
  readRelationship,
  relationshipRef,
  type RelationshipSnapshot,
} from '../../write/state.ts';
import { issuePointer, resolveWrite } from '../../write/validate.ts';
import { invalidRequest, notFound, pointer } from '../problem.ts';
import { problemSchema } from '../../../model/api.ts';

/** The relationship a ref names, or a 404 saying so. */
export async function relationshipAt(tx: ManagedTransaction, ref: string): Promise<RelationshipSnapshot> {
  const identity = parseRelationshipRef(ref);
  if (!identity)
    throw invalidRequest([
      {
        pointer: pointer('params', 'ref'),
        detail: 'not a relationship ref (the `ref` of a span or suggestion)',
      },
    ]);
  const found = await readRelationship(tx, identity);
  if (!found) throw notFound('relationship', ref, pointer('params', 'ref'));
  return found;
}

const describe = (rel: RelationshipSnapshot) =>
  `${rel.type} ${rel.from} → ${rel.to}${typeof rel.props.quote === 'string' ? `: “${rel.props.quote}”` : ''}`;

const PROBLEMS = {
  400: { description: 'Invalid: each field at fault, with what was expected.', schema: problemSchema },
  404: { description: 'No such relationship.', schema: problemSchema },
  409: { description: 'The same relationship is coded already.', schema: problemSchema },
};

export const writeRelationshipRoutes = [
  defineWriteRoute({
    method: 'post',
    path: '/api/relationships',
    operationId: 'createRelationship',
    tag: 'write',
    summary: 'Code a relationship (a stance from a document span), with new actors and claims it needs.',
    description:
      'Checked as the loader checks a dataset: ids, the vocabulary, endpoint kinds, `text.slice(start, end) === quote`. The document mentions both endpoints afterwards (MENTIONS).',
    body: createRelationshipBody,
    responses: {
      201: { description: 'Coded; `ref` names it from now on.', schema: writeAnswerSchema },
      ...PROBLEMS,
    },
    async plan({ body }, { tx }) {
      const { relationship, nodes, mentions } = await resolveWrite(tx, body);
      return {
        status: 201,
        body: { ref: relationshipRef(relationship), relationship },
        action: 'create-relationship',
        summary: `coded ${describe(relationship)}`,
        before: EMPTY_STATE,
        after: { nodes, relationships: [relationship, ...mentions] },
      };
    },
  }),
  defineWriteRoute({
    method: 'patch',
    path: '/api/relationships/:ref',
    operationId: 'updateRelationship',
    tag: 'write',
    summary: 'Edit a relationship: move its span, change its type, endpoints, modality, date or note.',
    description:
      'An edited relationship is manual coding: `method: manual`, `confidence: 1`, `status: accepted`.',
    params: refParams,
    body: updateRelationshipBody,
    responses: { 200: { description: 'Edited; its new `ref`.', schema: writeAnswerSchema }, ...PROBLEMS },
    async plan({ params, body }, { tx }) {
      const old = await relationshipAt(tx, params.ref);
      const merged: Record<string, unknown> = { type: old.type, from: old.from, to: old.to, ...old.props };
      for (const [key, value] of Object.entries(body)) {
        if (value === null) delete merged[key];
        else if (value !== undefined) merged[key] = value;
      }
      // A moved span is dated as before unless the edit says otherwise; the loader re-derives the rest.
      Object.assign(merged, { method: 'manual', confidence: 1, status: 'accepted' });
      const parsed = relationshipSchema.safeParse(merged);
      if (!parsed.success) {
        const source = { file: 'request body', dir: '', data: merged, locate: () => undefined };
        throw invalidRequest(zodIssues(source, parsed.error).map((issue) => issuePointer(issue)));
      }
      const { relationship, mentions } = await resolveWrite(tx, { relationship: parsed.data }, [], {
        allowExisting: old,
      });
      return {
        status: 200,
        body: { ref: relationshipRef(relationship), relationship },
        action: 'update-relationship',
        summary: `edited ${describe(relationship)}`,
        before: { nodes: [], relationships: [old] },
        after: { nodes: [], relationships: [relationship, ...mentions] },
      };
    },
  }),
  defineWriteRoute({
    method: 'delete',
    path: '/api/relationships/:ref',
    operationId: 'deleteRelationship',
    tag: 'write',
    summary: 'Delete a relationship (undo brings it back: POST /api/changes/:id/undo).',
    params: refParams,
    responses: { 200: { description: 'Deleted.', schema: writeAnswerSchema }, ...PROBLEMS },
    async plan({ params }, { tx }) {
      const old = await relationshipAt(tx, params.ref);
      return {
        status: 200,
        body: { deleted: params.ref },
        action: 'delete-relationship',
        summary: `deleted ${describe(old)}`,
        before: { nodes: [], relationships: [old] },
        after: EMPTY_STATE,
      };
    },
  }),
];
