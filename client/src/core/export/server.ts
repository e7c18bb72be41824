// The graph formats the API writes (GEXF, GraphML, JSON, CSV, Cypher). The client asks for the
// visible nodes and the relationships among them that pass the filters: the API's `ids` source
// with depth 0, the time window, and the relationship types that are both visible on the canvas
// and let through by the type and polarity filters. (The API takes node ids, not edge keys: a
// relationship of a visible type between two visible nodes that the canvas never loaded is
// exported too.) In the agreement view, the network it shows: the API's `network` source with the
// view's window and DNA options, so the file carries the weights and the options.

import { VOCABULARY } from '../../../../model/vocabulary.ts';
import { api, type ExportFormat, type ExportSource } from '../api/index.ts';
import { edgePolarity, type Filters } from '../filters/index.ts';
import type { DnaOptions } from '../../../../model/networks.ts';
import type { NetworkExportSource } from '../api/types.ts';
import type { ExportContext, Exporter } from './types.ts';

/** The API's largest `ids` source. */
export const MAX_EXPORT_IDS = 1000;

export function exportSource(ids: string[], filters: Filters, visibleTypes: readonly string[]): ExportSource {
  const types = VOCABULARY.filter(
    (row) =>
      visibleTypes.includes(row.type) &&
      (filters.types as string[]).includes(row.type) &&
      filters.polarities.includes(edgePolarity(row.polarity)),
  ).map((row) => row.type);
  return {
    type: 'ids',
    ids,
    depth: 0,
    types,
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

export function serverExporter(format: ExportFormat, label: string, description: string): Exporter {
  return {
    id: format,
    label,
    description,
    run: async (context) => {
      // The agreement view exports its network as computed: every edge with its weight.
      const network = context.network();
      if (network) {
        if (format === 'cypher')
          throw new Error(
            'Export: the agreement network is computed, not stored; expecting GEXF, GraphML, JSON or CSV.',
          );
        return api.export(format, network, positionsOf(context, context.visibleNodes()));
      }
      const ids = context.visibleNodes();
      if (ids.length === 0)
        throw new Error('Export: nothing is visible on the canvas. Expecting at least one visible node.');
      if (ids.length > MAX_EXPORT_IDS) {
        throw new Error(
          `Export: ${ids.length} nodes are visible. Expecting at most ${MAX_EXPORT_IDS}; filter or hide some first.`,
        );
      }
      return api.export(
        format,
        exportSource(ids, context.filters(), context.visibleTypes()),
        positionsOf(context, ids),
      );
    },
  };
}

/** Where the canvas draws these nodes, rounded to hundredths. */
function positionsOf(context: ExportContext, ids: string[]): Record<string, { x: number; y: number }> {
  const positions: Record<string, { x: number; y: number }> = {};
  for (const id of ids) {
    const position = context.position(id);
    if (position)
      positions[id] = { x: Math.round(position.x * 100) / 100, y: Math.round(position.y * 100) / 100 };
  }
  return positions;
}

/** The agreement view's network as the API's export source: the same parameters as its request. */
export function networkSource(view: {
  filters: { from: string | null; to: string | null };
  network?: DnaOptions | undefined;
}): NetworkExportSource {
  return {
    type: 'network',
    ...(view.filters.from ? { from: view.filters.from } : {}),
    ...(view.filters.to ? { to: view.filters.to } : {}),
    ...(view.network ?? { kind: 'both' }),
  };
}
