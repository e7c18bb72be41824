// The export formats, one file each; adding a format is adding a file and a row here.

import { EXPORT_FORMATS, type ExportFormat } from '../../model/api.ts';
import { csvExporter } from './csv.ts';
import { cypherExporter } from './cypher.ts';
import type { Exporter } from './exporter.ts';
import { gexfExporter } from './gexf.ts';
import { graphmlExporter } from './graphml.ts';
import { jsonExporter } from './json.ts';

export { EXPORT_FORMATS, type ExportFormat };

export const EXPORTERS: Record<ExportFormat, Exporter> = {
  gexf: gexfExporter,
  graphml: graphmlExporter,
  json: jsonExporter,
  csv: csvExporter,
  cypher: cypherExporter,
};
