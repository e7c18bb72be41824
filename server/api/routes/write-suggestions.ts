// The review queue: GET /api/suggestions (by document, most confident first), accept (keeps the
// machine's method, sets `status: accepted`), reject (removes it and remembers it, so that
// extracting the same document again does not suggest it again), and bulk accept above a confidence.

import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { queries } from '../../cypher/registry.ts';
import { defineWriteRoute } from '../../write/route.ts';
import { bulkAcceptBody, refParams, spanSchema, writeAnswerSchema } from '../../write/schemas.ts';
import { rejectionKey } from '../../write/rejections.ts';
import { spanOf } from '../../write/spans.ts';
import { plainProps, relationshipRef, type RelationshipSnapshot } from '../../write/state.ts';
import { conflict } from '../../write/validate.ts';
import { readQuery } from '../db.ts';
import { nodeId } from '../../../model/params.ts';
import { pointer } from '../problem.ts';
import { defineRoute } from '../route.ts';
import { problemSchema } from '../../../model/api.ts';
import { relationshipAt } from './write-relationships.ts';

export async function rememberRejection(
  tx: ManagedTransaction,
  rel: RelationshipSnapshot,
  remember: boolean,
) {
  await tx.run(queries['write-rejection-set'], {
    key: rejectionKey({
      type: rel.type,
      from: rel.from,
      to: rel.to,
      doc: rel.props.doc as string | undefined,
      start: rel.props.start as number | undefined,
    }),
    remember,
    props: {
      doc: rel.props.doc ?? null,
      type: rel.type,
      from: rel.from,
      to: rel.to,
      start: rel.props.start === undefined ? null : neo4j.int(Number(rel.props.start)),
      quote: rel.props.quote ?? null,
    },
  });
}

async function suggestionAt(tx: ManagedTransaction, ref: string): Promise<RelationshipSnapshot> {
  const rel = await relationshipAt(tx, ref);
  if (rel.props.status !== 'suggested')
    throw conflict(
      'this relationship is not a suggestion (it is accepted already)',
      pointer('params', 'ref'),
    );
  return rel;
}

const accepted = (rel: RelationshipSnapshot): RelationshipSnapshot => ({
  ...rel,
  props: { ...rel.props, status: 'accepted' },
});

const PROBLEMS = {
  404: { description: 'No such relationship.', schema: problemSchema },
  409: { description: 'Not a suggestion.', schema: problemSchema },
};

export const suggestionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/suggestions',
    operationId: 'listSuggestions',
    tag: 'write',
    summary: 'The review queue: suggestions by document, the most confident first.',
    query: z.strictObject({
      doc: nodeId.optional().describe('only this document'),
      limit: z.coerce.number().int().min(1).max(5000).default(1000),
    }),
    responses: {
      200: { description: 'The suggestions.', schema: z.object({ suggestions: z.array(spanSchema) }) },
    },
    async handle({ query }, { app, signal }) {
      const records = await readQuery(
        app.db,
        'suggestions-queue',
        { doc: query.doc ?? null, limit: neo4j.int(query.limit) },
        { timeoutMs: app.api.queryTimeoutMs, signal },
      );
      return { suggestions: records.map(spanOf) };
    },
  }),
  defineWriteRoute({
    method: 'post',
    path: '/api/suggestions/:ref/accept',
    operationId: 'acceptSuggestion',
    tag: 'write',
    summary: 'Accept a suggestion: `status: accepted`, the machine’s `method` kept.',
    params: refParams,
    responses: { 200: { description: 'Accepted.', schema: writeAnswerSchema }, ...PROBLEMS },
    async plan({ params }, { tx }) {
      const rel = await suggestionAt(tx, params.ref);
      return {
        status: 200,
        body: { ref: params.ref, status: 'accepted' },
        action: 'accept-suggestion',
        summary: `accepted ${rel.type} ${rel.from} → ${rel.to}`,
        before: { nodes: [], relationships: [rel] },
        after: { nodes: [], relationships: [accepted(rel)] },
      };
    },
  }),
  defineWriteRoute({
    method: 'post',
    path: '/api/suggestions/:ref/reject',
    operationId: 'rejectSuggestion',
    tag: 'write',
    summary: 'Reject a suggestion: removed, and remembered so that extraction does not suggest it again.',
    params: refParams,
    responses: { 200: { description: 'Rejected.', schema: writeAnswerSchema }, ...PROBLEMS },
    async plan({ params }, { tx }) {
      const rel = await suggestionAt(tx, params.ref);
      return {
        status: 200,
        body: { ref: params.ref, rejected: true },
        action: 'reject-suggestion',
        summary: `rejected ${rel.type} ${rel.from} → ${rel.to}`,
        before: { nodes: [], relationships: [rel] },
        after: { nodes: [], relationships: [] },
        also: (t) => rememberRejection(t, rel, true),
      };
    },
  }),
  defineWriteRoute({
    method: 'post',
    path: '/api/suggestions/accept',
    operationId: 'acceptSuggestions',
    tag: 'write',
    summary: 'Accept every suggestion at least `minConfidence` confident (of one document, or all).',
    body: bulkAcceptBody,
    responses: { 200: { description: 'How many were accepted, and their refs.', schema: writeAnswerSchema } },
    async plan({ body }, { tx }) {
      const { records } = await tx.run(queries['suggestions-queue'], {
        doc: body.doc ?? null,
        limit: neo4j.int(100_000),
      });
      const rels: RelationshipSnapshot[] = records
        .map((record) => ({
          type: record.get('type') as string,
          from: record.get('from') as string,
          to: record.get('to') as string,
          props: plainProps(record.get('props')),
        }))
        .filter((rel) => Number(rel.props.confidence ?? 1) >= body.minConfidence);
      return {
        status: 200,
        body: { accepted: rels.length, refs: rels.map((rel) => relationshipRef(rel)) },
        action: 'accept-suggestions',
        summary: `accepted ${rels.length} suggestion(s) at confidence ≥ ${body.minConfidence}${body.doc ? ` in ${body.doc}` : ''}`,
        before: { nodes: [], relationships: rels },
        after: { nodes: [], relationships: rels.map(accepted) },
      };
    },
  }),
];
