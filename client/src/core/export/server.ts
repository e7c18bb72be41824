// The graph formats the API writes (GEXF, GraphML, JSON, CSV, Cypher). The client asks for the
// visible nodes and the relationships among them that pass the filters: the API's `ids` source
// with depth 0, the time window, and the relationship types that are both visible on the canvas
// and let through by the type and polarity filters. (The API takes node ids, not edge keys: a
// relationship of a visible type between two visible nodes that the canvas never loaded is
// exported too.)

import { VOCABULARY } from '../../../../model/vocabulary.ts';
import { api, type ExportFormat, type ExportSource } from '../api/index.ts';
import { edgePolarity, type Filters } from '../filters/index.ts';
import type { Exporter } from './types.ts';

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
      const ids = context.visibleNodes();
      if (ids.length === 0)
        throw new Error('Export: nothing is visible on the canvas. Expecting at least one visible node.');
      if (ids.length > MAX_EXPORT_IDS) {
        throw new Error(
          `Export: ${ids.length} nodes are visible. Expecting at most ${MAX_EXPORT_IDS}; filter or hide some first.`,
        );
      }
      const positions: Record<string, { x: number; y: number }> = {};
      for (const id of ids) {
        const position = context.position(id);
        if (position)
          positions[id] = { x: Math.round(position.x * 100) / 100, y: Math.round(position.y * 100) / 100 };
      }
      return api.export(format, exportSource(ids, context.filters(), context.visibleTypes()), positions);
    },
  };
}
