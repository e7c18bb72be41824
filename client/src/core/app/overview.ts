// What the overview asks the API for, shared by the controller and the entry point (which sends
// the same request before the rest of the app has loaded).

import { NODE_KINDS } from '../../../../model/kinds.ts';
import type { Filters } from '../filters/index.ts';

/** How many nodes the overview asks for. */
export const OVERVIEW_LIMIT = 500;

/**
 * GET /api/graph's options for the overview under `filters`: the API leaves documents out unless
 * asked (they link to everything they mention), so they are asked for only while the Document
 * kind is shown.
 */
export function overviewRequest(filters: Filters): { limit: number; kinds?: readonly string[] } {
  return filters.kinds.includes('Document')
    ? { limit: OVERVIEW_LIMIT, kinds: NODE_KINDS }
    : { limit: OVERVIEW_LIMIT };
}
