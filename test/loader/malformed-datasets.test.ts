// The malformed-dataset corpus (test/fixtures/malformed): each file names the error it must give
// (`# expect: …`) and marks the line it must point at (`# <- error`). Loading any of them writes
// nothing.

import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetValidationError } from '../../server/dataset/errors.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { graphChecksum, loadFounding, resetGraph, testDriver } from '../_neo4j.ts';

const DIR = path.join(import.meta.dirname, '..', 'fixtures', 'malformed');
const fixtures = fs
  .readdirSync(DIR)
  .filter((file) => /\.(ya?ml|json)$/.test(file))
  .sort();

/** Files that cannot hold a comment (empty, JSON) have their expectation here. */
const UNCOMMENTED: Record<string, { message: string; line: number | undefined }> = {
  'empty.yaml': { message: 'the file is empty; expected a dataset', line: undefined },
  'json-syntax.json': { message: 'invalid JSON: Expected double-quoted property name', line: 4 },
  'not-a-mapping.json': { message: 'expected a mapping with the keys stancegraph, documents', line: 1 },
};

function expectation(file: string): { message: string; line: number | undefined } {
  const known = UNCOMMENTED[file];
  if (known) return known;
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const message = /^# expect: (.*)$/m.exec(text)?.[1];
  if (!message) throw new Error(`${file}: no "# expect:" line`);
  const lineIndex = text.split('\n').findIndex((line) => line.includes('# <- error'));
  return { message, line: lineIndex === -1 ? undefined : lineIndex + 1 };
}

describe('a malformed dataset', () => {
  let driver: Driver;
  let before: string;

  beforeAll(async () => {
    driver = testDriver();
    await resetGraph(driver);
    await loadFounding(driver);
    before = await graphChecksum(driver);
  });
  afterAll(() => driver.close());

  it.each(fixtures)(
    '%s is refused with its specific error, at its line, and writes nothing',
    async (file) => {
      const { message, line } = expectation(file);
      const error = await loadFiles(driver, [path.join(DIR, file)]).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DatasetValidationError);
      const issues = (error as DatasetValidationError).issues;
      const match = issues.find((issue) => issue.message.includes(message));
      expect(match, `issues were:\n${issues.map((i) => `${i.line}: ${i.message}`).join('\n')}`).toBeDefined();
      expect(match!.file).toBe(path.join(DIR, file));
      if (line !== undefined) expect(match!.line).toBe(line);
      expect((error as Error).message).toContain('nothing was written');
      expect(await graphChecksum(driver)).toBe(before);
    },
  );

  it('reports the errors of every file at once, not just the first', async () => {
    const files = ['unknown-relationship-type.yaml', 'impossible-date.yaml', 'quote-not-in-text.yaml'].map(
      (f) => path.join(DIR, f),
    );
    const error = (await loadFiles(driver, files).catch((e: unknown) => e)) as DatasetValidationError;
    expect(new Set(error.issues.map((issue) => path.basename(issue.file)))).toEqual(
      new Set(['unknown-relationship-type.yaml', 'impossible-date.yaml', 'quote-not-in-text.yaml']),
    );
  });
});
