// Shared helpers for the importer tests: the fixtures' paths and an import through the one path.

import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../../server/config.ts';
import { importerFor } from '../../server/import/index.ts';
import { importFiles, type ImportOptions, type ImportReport } from '../../server/import/run.ts';

export const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'external');
export const DNA_SAMPLE = path.join(FIXTURES, 'dna', 'sample.dna');
export const GDELT1 = path.join(FIXTURES, 'gdelt', 'gdelt1-events.csv');
export const GDELT2 = path.join(FIXTURES, 'gdelt', 'gdelt2-20191024143000.export.head50.CSV');
export const ICEWS = path.join(FIXTURES, 'icews', 'events.2018.head50.tab');

export function _import(
  driver: Driver,
  format: string,
  inputs: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  return importFiles(driver, importerFor(format), inputs, options);
}

/** The values of one column of a read query's rows. */
export async function _column<T>(
  driver: Driver,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const { records } = await driver.executeQuery(query, params);
  return records.map((record) => {
    const value = record.get(0) as unknown;
    return (
      typeof value === 'object' && value !== null && 'toNumber' in value
        ? (value as { toNumber(): number }).toNumber()
        : value
    ) as T;
  });
}
