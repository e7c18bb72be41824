// POST /api/merges: two nodes that are the same actor (or claim) become one. The node that stays
// gets the other's names as aliases and its id in `mergedIds`; every relationship moves over with
// its provenance, unless the node that stays holds the same one already (then its own stays).
// Recorded like every write, so POST /api/changes/:id/undo splits them again.

import { isActorKind } from '../../../model/kinds.ts';
import { strings, unitedAliases } from '../../dataset/merged.ts';
import { defineWriteRoute } from '../../write/route.ts';
import { mergeBody, writeAnswerSchema } from '../../write/schemas.ts';
import {
  identityOf,
  readNode,
  readRelationship,
  type NodeSnapshot,
  type RelationshipSnapshot,
} from '../../write/state.ts';
import { invalidRequest, notFound, pointer } from '../problem.ts';
import { problemSchema } from '../../../model/api.ts';

/** The node that stays, with the merged one's names and id. */
function united(into: NodeSnapshot, from: NodeSnapshot): NodeSnapshot {
  const aliases = unitedAliases({ ...into.props, id: into.id }, { ...from.props, id: from.id });
  const mergedIds = [
    ...new Set([...strings(into.props.mergedIds), from.id, ...strings(from.props.mergedIds)]),
  ];
  return { ...into, props: { ...into.props, aliases, mergedIds } };
}

export const mergeRoutes = [
  defineWriteRoute({
    method: 'post',
    path: '/api/merges',
    operationId: 'mergeNodes',
    tag: 'write',
    summary: 'Merge two actors (or two claims): aliases united, relationships moved with their provenance.',
    description:
      'The merged id is kept in `mergedIds` of the node that stays (and its name among the aliases). Undo with POST /api/changes/:id/undo.',
    body: mergeBody,
    responses: {
      200: { description: 'Merged.', schema: writeAnswerSchema },
      400: { description: 'Not two actors, or not two claims.', schema: problemSchema },
      404: { description: 'No such node.', schema: problemSchema },
    },
    async plan({ body }, { tx }) {
      if (body.into === body.from)
        throw invalidRequest([{ pointer: pointer('body', 'from'), detail: 'expected two different nodes' }]);
      const into = await readNode(tx, body.into);
      if (!into) throw notFound('node', body.into, pointer('body', 'into'));
      const from = await readNode(tx, body.from);
      if (!from) throw notFound('node', body.from, pointer('body', 'from'));
      const bothActors = isActorKind(into.node.kind) && isActorKind(from.node.kind);
      const bothClaims = into.node.kind === 'Claim' && from.node.kind === 'Claim';
      if (!bothActors && !bothClaims) {
        throw invalidRequest([
          {
            pointer: pointer('body', 'from'),
            detail: `expected two actors or two claims; got ${into.node.kind} ${body.into} and ${from.node.kind} ${body.from}`,
          },
        ]);
      }
      const rename = (id: string) => (id === body.from ? body.into : id);
      const moved: RelationshipSnapshot[] = [];
      let held = 0;
      for (const rel of from.relationships) {
        const next = { ...rel, from: rename(rel.from), to: rename(rel.to) };
        if (next.from === next.to) continue; // a tie between the two becomes none
        // The node that stays may hold the same relationship already (an affiliation both had, a
        // span both were coded on): its own stays as it is, the merged node's goes with that node.
        // The loader follows the same rule when a dataset names the merged id again (dataset/merged.ts
        // withoutMerged), so loading that dataset again changes nothing.
        if (await readRelationship(tx, identityOf(next))) {
          held++;
          continue;
        }
        moved.push(next);
      }
      const loops = from.relationships.filter((rel) => rename(rel.from) === rename(rel.to));
      const dropped = [
        ...(held ? [`${held} it held already kept as they were`] : []),
        ...(loops.length ? [`${loops.length} between them dropped`] : []),
      ];
      return {
        status: 200,
        body: { into: body.into, from: body.from, moved: moved.length },
        action: 'merge',
        summary: `merged ${body.from} into ${body.into} (${moved.length} relationship(s) moved${dropped.map((part) => `, ${part}`).join('')})`,
        before: { nodes: [into.node, from.node], relationships: from.relationships },
        after: { nodes: [united(into.node, from.node)], relationships: moved },
      };
    },
  }),
];
