// `stancegraph export-dna`: the statements imported from DNA written back as CSV the way rDNA's
// dna_getStatements() lists them (ID, statement_type_id, document_id, start, stop, coder, person,
// organization, concept, agreement), one row per statement in DNA's order (by ID), so that a DNA
// user can compare, or carry on in R. Only what came from a .dna file has DNA's ids; which file a
// statement came from is in its record (`<file>-<statement id>`).

import neo4j, { type Driver } from 'neo4j-driver';
import { queries } from '../cypher/registry.ts';
import { csvField } from '../exports/csv.ts';
import { NEGATIVE_TYPES, POSITIVE_TYPES } from '../networks/read.ts';
import { toNumber } from '../neo4j/values.ts';
import { DNA_SOURCE } from './dna.ts';

/** rDNA's columns; DNA's coder id is not kept on import, its name is (`coder`). */
export const DNA_STATEMENT_COLUMNS = [
  'ID',
  'statement_type_id',
  'document_id',
  'start',
  'stop',
  'coder',
  'person',
  'organization',
  'concept',
  'agreement',
] as const;

export interface DnaStatementRow {
  /** The .dna file's name (slug) the statement came from. */
  file: string;
  ID: number;
  statement_type_id: number;
  document_id: number;
  start: number;
  stop: number;
  coder: string;
  person: string;
  organization: string;
  concept: string;
  agreement: 0 | 1;
}

/** `<file>-<n>` → [file, n]. */
const splitId = (value: string): [string, number] => {
  const at = value.lastIndexOf('-');
  return [value.slice(0, at), Number(value.slice(at + 1))];
};

/**
 * The DNA statements the graph holds, by file, each file's in ID order. `file` keeps one file's;
 * without it, a graph holding several files' statements is refused (their IDs overlap).
 */
export async function dnaStatements(
  driver: Driver,
  options: { file?: string | undefined; database?: string | undefined } = {},
): Promise<DnaStatementRow[]> {
  const { records } = await driver.executeQuery(
    queries['dna-export-statements'],
    { positive: POSITIVE_TYPES, negative: NEGATIVE_TYPES },
    { database: options.database, routing: neo4j.routing.READ },
  );
  const rows = records.map((record): DnaStatementRow => {
    const [file, id] = splitId(String(record.get('record')));
    const [, documentId] = splitId(String(record.get('doc')));
    return {
      file,
      ID: id,
      // Only type 1 ("DNA Statement": person, organization, concept, agreement) is imported.
      statement_type_id: 1,
      document_id: documentId,
      start: toNumber(record.get('start')),
      stop: toNumber(record.get('end')),
      coder: (record.get('coder') as string | null) ?? '',
      person: record.get('person') as string,
      organization: record.get('organization') as string,
      concept: record.get('concept') as string,
      agreement: toNumber(record.get('agreement')) === 1 ? 1 : 0,
    };
  });
  const files = [...new Set(rows.map((row) => row.file))].sort();
  if (options.file !== undefined && !files.includes(options.file))
    throw new Error(
      `--file ${options.file}: no statements imported from a .dna file of that name; the graph holds ${files.length > 0 ? files.join(', ') : `no ${DNA_SOURCE} statements`}`,
    );
  if (options.file === undefined && files.length > 1)
    throw new Error(
      `the graph holds the statements of ${files.length} .dna files (${files.join(', ')}), whose IDs overlap; choose one with --file`,
    );
  return rows
    .filter((row) => options.file === undefined || row.file === options.file)
    .sort((a, b) => a.ID - b.ID);
}

/** The rows as CSV (RFC 4180, a header of rDNA's column names). */
export function dnaStatementsCsv(rows: readonly DnaStatementRow[]): string {
  const line = (fields: (string | number)[]) => `${fields.map(csvField).join(',')}\r\n`;
  return [
    line([...DNA_STATEMENT_COLUMNS]),
    ...rows.map((row) => line(DNA_STATEMENT_COLUMNS.map((c) => row[c]))),
  ].join('');
}
