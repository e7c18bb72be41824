// The filters every subgraph read takes (kinds, relationship types, a time window), as the Cypher
// queries take them. The API parses them from requests; exports and views read with them.

import type { NodeKind } from '../../model/kinds.ts';
import type { RelationshipTypeName } from '../../model/vocabulary.ts';

/** Filters as the Cypher queries take them: null where the request gave none. */
export interface GraphFilters {
  kinds: NodeKind[] | null;
  types: RelationshipTypeName[] | null;
  from: string | null;
  to: string | null;
}

export function toFilters(input: {
  kinds?: NodeKind[] | undefined;
  types?: RelationshipTypeName[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): GraphFilters {
  return {
    kinds: input.kinds ?? null,
    types: input.types ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
  };
}
