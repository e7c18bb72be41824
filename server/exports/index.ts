// The export formats, one file each; adding a format is adding a file and a row here.

import { csvExporter } from './csv.ts';
import { cypherExporter } from './cypher.ts';
import type { Exporter } from './exporter.ts';
import { gexfExporter } from './gexf.ts';
import { graphmlExporter } from './graphml.ts';
import { jsonExporter } from './json.ts';

export const EXPORT_FORMATS = ['gexf', 'graphml', 'json', 'csv', 'cypher'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORTERS: Record<ExportFormat, Exporter> = {
  gexf: gexfExporter,
  graphml: graphmlExporter,
  json: jsonExporter,
  csv: csvExporter,
  cypher: cypherExporter,
};
