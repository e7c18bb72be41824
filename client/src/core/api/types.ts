// What the API answers, typed from the server's own zod schemas (type-only imports: nothing of the
// server reaches the bundle), so that a change of the contract fails the client's typecheck. Below
// them, the shapes the client works with after ./mapping.ts.

import type { z } from 'zod';
import type { NodeKind } from '../../../../model/kinds.ts';
import type { WireEdgeAttributes, WireGraph } from '../../../../model/wire.ts';
import type { consoleResultSchema } from '../../../../server/api/routes/cypher.ts';
import type { edgePageSchema } from '../../../../server/api/routes/edges.ts';
import type { NETWORK_KINDS } from '../../../../server/api/routes/networks.ts';
import type { positionsSchema, stancesSchema } from '../../../../server/api/routes/positions.ts';
import type { nodeDetailsSchema, searchResultSchema } from '../../../../server/api/schemas.ts';
import type { EXPORT_FORMATS } from '../../../../server/exports/index.ts';

export type SearchAnswer = z.infer<typeof searchResultSchema>;
export type NodeDetails = z.infer<typeof nodeDetailsSchema>;
export type PositionsAnswer = z.infer<typeof positionsSchema>;
export type StancesAnswer = z.infer<typeof stancesSchema>;
export type CypherResult = z.infer<typeof consoleResultSchema> & { graph: WireGraph };
/** A page of the relationships behind one edge of a graph view (GET /api/edges). */
export type EdgePage = z.infer<typeof edgePageSchema>;
export type AgreementKind = (typeof NETWORK_KINDS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type SearchHit = SearchAnswer['results'][number];

/** A neighbourhood: the subgraph plus how many neighbours the limit left out. */
export interface Neighborhood {
  graph: WireGraph;
  leftOut: number;
}

export interface NodeRef {
  id: string;
  kind: NodeKind | string;
  label: string;
}

/** One relationship of a node as the panels list it: positions from the API, or edges from the canvas. */
export interface PositionEntry {
  type: string;
  polarity: 1 | -1 | 0 | null;
  /** The other end: the actor on a claim's positions, the claim on an actor's stances. */
  other: NodeRef;
  quote?: string | null | undefined;
  doc?: string | null | undefined;
  docTitle?: string | null | undefined;
  date?: string | null | undefined;
  modality?: string | null | undefined;
  /** The edge key on the canvas (model/wire.ts edgeKey), to select it there. */
  edge?: string | undefined;
  /** Whether the relationship leaves the node the panel shows (out) or reaches it (in). */
  direction?: 'out' | 'in';
}

export interface ExportSource {
  type: 'ids';
  ids: string[];
  depth: 0;
  kinds?: string[];
  types?: string[];
  from?: string;
  to?: string;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  contentType: string;
}

export type { WireEdgeAttributes };
