// An exporter turns the visible view into a file. Each lives in its own file and registers in
// ./index.ts; the export menu lists the registry.

import type Sigma from 'sigma';
import type { DownloadedFile, NetworkExportSource } from '../api/types.ts';
import type { EdgeAttributes, NodeAttributes } from '../dataset/types.ts';
import type { Filters } from '../filters/types.ts';

export interface ExportContext {
  sigma: Sigma<NodeAttributes, EdgeAttributes>;
  /** The ids of the nodes visible on the canvas (after filters and hiding). */
  visibleNodes(): string[];
  /** The relationship types of the edges visible on the canvas. */
  visibleTypes(): string[];
  filters(): Filters;
  /** Where the canvas draws each node, in graph coordinates. */
  position(id: string): { x: number; y: number } | null;
  /** In the agreement view, the network it shows (the API's `network` source); else null. */
  network(): NetworkExportSource | null;
}

export interface Exporter {
  id: string;
  label: string;
  description: string;
  run(context: ExportContext): Promise<DownloadedFile>;
}
