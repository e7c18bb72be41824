// From the API's answers to what the panels list: claim positions and actor stances become
// PositionEntry lists with the canvas key of each stance's edge (model/wire.ts edgeKey), so the
// panel can select the edge when it is on the canvas.

import { edgeKey } from '../../../../model/wire.ts';
import type { PositionEntry, PositionsAnswer, StancesAnswer } from './types.ts';

type Stance = PositionsAnswer['for'][number]['stances'][number];

function entry(
  stance: Stance,
  actor: string,
  claim: string,
  other: PositionEntry['other'],
  direction: 'out' | 'in',
): PositionEntry {
  const doc = stance.source?.id ?? null;
  return {
    type: stance.type,
    polarity: stance.polarity,
    other,
    quote: stance.quote,
    doc,
    docTitle: stance.source?.title ?? doc,
    date: stance.date,
    modality: stance.modality,
    edge: edgeKey(actor, stance.type, claim, doc ?? undefined, stance.start ?? undefined),
    group: edgeKey(actor, stance.type, claim),
    direction,
  };
}

/** Every position on a claim, for and against, one entry per stance. */
export function claimPositionEntries(answer: PositionsAnswer): PositionEntry[] {
  const claim = answer.claim.id;
  return [...answer.for, ...answer.against].flatMap(({ actor, stances }) =>
    stances.map((stance) => entry(stance, actor.id, claim, actor, 'in')),
  );
}

/** An actor's stances, one entry per stance, pointing at the claim. */
export function actorStanceEntries(answer: StancesAnswer): PositionEntry[] {
  const actor = answer.actor.id;
  return answer.stances.map((stance) => entry(stance, actor, stance.claim.id, stance.claim, 'out'));
}
