// GET /api/claims/:id/positions (who is for and who is against a claim, with quotes, sources and
// dates) and GET /api/actors/:id/stances (an actor's positions over time).

import type { Node } from 'neo4j-driver';
import { z } from 'zod';
import { isActorKind, kindOfId } from '../../../model/kinds.ts';
import { readQuery } from '../db.ts';
import { nodeSummary } from '../../graph/graph-payload.ts';
import { checkWindow, includeSuggestedParam, nodeId, windowShape } from '../../../model/params.ts';
import { notFound, pointer } from '../problem.ts';
import { toFilters } from '../../graph/filters.ts';
import { defineRoute } from '../route.ts';
import { positionsSchema, problemSchema, stancesSchema, type StanceView } from '../../../model/api.ts';
import { STANCE_TYPES, stanceView } from '../stances.ts';

const claimParams = z.strictObject({
  id: nodeId.refine((id) => kindOfId(id) === 'Claim', 'expected a claim id (claim:…)'),
});
const actorParams = z.strictObject({
  id: nodeId.refine((id) => {
    const kind = kindOfId(id);
    return kind !== undefined && isActorKind(kind);
  }, 'expected an actor id (person:…, institution:… or country:…)'),
});

const stancesQuery = z
  .strictObject({ ...windowShape, includeSuggested: includeSuggestedParam })
  .superRefine(checkWindow);
const positionsQuery = z.strictObject({ includeSuggested: includeSuggestedParam });

type Side = { actor: ReturnType<typeof nodeSummary>; stances: StanceView[] }[];

function addTo(side: Side, actor: Node, stance: StanceView): void {
  const summary = nodeSummary(actor.properties, actor.labels);
  const entry = side.find((e) => e.actor.id === summary.id);
  if (entry) entry.stances.push(stance);
  else side.push({ actor: summary, stances: [stance] });
}

export const positionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/claims/:id/positions',
    operationId: 'getClaimPositions',
    tag: 'views',
    summary: 'Who is for and who is against a claim, each stance with its quote, source and date.',
    params: claimParams,
    query: positionsQuery,
    responses: {
      200: {
        description: 'The positions, by actor; an actor may be on both sides.',
        schema: positionsSchema,
      },
      400: { description: 'Not a claim id.', schema: problemSchema },
      404: { description: 'No claim has this id.', schema: problemSchema },
    },
    async handle({ params: { id }, query }, { app }) {
      const records = await readQuery(
        app.db,
        'claim-positions',
        { id, stanceTypes: STANCE_TYPES, includeSuggested: query.includeSuggested },
        { timeoutMs: app.api.queryTimeoutMs },
      );
      if (records.length === 0) throw notFound('claim', id, pointer('params', 'id'));
      const claim = records[0]!.get('claim') as Node;
      const result = {
        claim: {
          ...nodeSummary(claim.properties, claim.labels),
          text: String(claim.properties.text ?? ''),
          aliases: (claim.properties.aliases as string[] | undefined) ?? [],
          about: (records[0]!.get('about') as Node[]).map((n) => nodeSummary(n.properties, n.labels)),
        },
        for: [] as Side,
        against: [] as Side,
      };
      for (const record of records) {
        const actor = record.get('actor') as Node | null;
        if (!actor) continue;
        const stance = stanceView(record.get('type'), record.get('stance'), record.get('source'));
        addTo(stance.polarity === 1 ? result.for : result.against, actor, stance);
      }
      return result;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/actors/:id/stances',
    operationId: 'getActorStances',
    tag: 'views',
    summary: "An actor's stances over time (a timeline), with claims, topics, quotes and sources.",
    params: actorParams,
    query: stancesQuery,
    responses: {
      200: { description: 'The stances, oldest first (undated ones last).', schema: stancesSchema },
      400: { description: 'Not an actor id, or a bad window.', schema: problemSchema },
      404: { description: 'No actor has this id.', schema: problemSchema },
    },
    async handle({ params: { id }, query }, { app }) {
      const { from, to } = toFilters(query);
      const records = await readQuery(
        app.db,
        'actor-stances',
        { id, stanceTypes: STANCE_TYPES, from, to, includeSuggested: query.includeSuggested },
        { timeoutMs: app.api.queryTimeoutMs },
      );
      if (records.length === 0) throw notFound('actor', id, pointer('params', 'id'));
      const actor = records[0]!.get('actor') as Node;
      return {
        actor: {
          ...nodeSummary(actor.properties, actor.labels),
          title: (actor.properties.title as string | undefined) ?? null,
        },
        window: { from, to },
        stances: records
          .filter((record) => record.get('claim') !== null)
          .map((record) => {
            const claim = record.get('claim') as Node;
            return {
              ...stanceView(record.get('type'), record.get('stance'), record.get('source')),
              claim: nodeSummary(claim.properties, claim.labels),
              topics: record.get('topics') as { id: string; name: string }[],
            };
          }),
      };
    },
  }),
];
