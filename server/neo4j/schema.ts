// Applies the schema in cypher/schema: ordered `V###__Description.cypher` files, each statement
// idempotent (IF NOT EXISTS), run at start-up and before every load, then waits for the indexes.

import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../config.ts';

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'cypher', 'schema');

export interface SchemaFile {
  version: number;
  name: string;
  statements: string[];
}

/** Splits a Cypher file into statements: `//` comment lines dropped, statements end with `;` at a line's end. */
export function splitStatements(text: string): string[] {
  const code = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return code
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
}

export function readSchemaFiles(dir = SCHEMA_DIR): SchemaFile[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^V\d{3}__\w+\.cypher$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(1, 4)),
      name: file,
      statements: splitStatements(fs.readFileSync(path.join(dir, file), 'utf8')),
    }));
}

export async function applySchema(driver: Driver, database?: string): Promise<{ statements: number }> {
  let statements = 0;
  for (const file of readSchemaFiles()) {
    for (const statement of file.statements) {
      try {
        await driver.executeQuery(statement, {}, { database });
      } catch (error) {
        throw new Error(`Schema: ${file.name}: ${(error as Error).message}\n  in: ${statement}`);
      }
      statements++;
    }
  }
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
  return { statements };
}
