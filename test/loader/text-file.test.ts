// A dataset's `textFile` may only name a regular file inside the dataset's folder, under the size
// limit: /etc/passwd, ../.., a symlink out, /dev/zero, a FIFO or an oversized file is refused at
// its file:line and nothing is written.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetValidationError } from '../../server/dataset/errors.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { graphChecksum, loadFounding, resetGraph, testDriver } from '../_neo4j.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-textfile-'));
const datasetDir = path.join(root, 'dataset');
const QUOTE = 'We need legal guarantees that NATO will not expand.';

/** A one-document dataset whose text is `text` (a `textFile:` or `text:` line). */
function dataset(name: string, textLine: string): string {
  const file = path.join(datasetDir, `${name}.yaml`);
  fs.writeFileSync(
    file,
    [
      'stancegraph: 1',
      'documents:',
      '  - id: document:textfile-test',
      '    title: Text file test',
      '    published: 2022-01-10',
      `    ${textLine}`,
      'actors:',
      '  - id: person:sergei-ryabkov',
      '    name: Sergei Ryabkov',
      'claims:',
      '  - id: claim:nato-non-expansion',
      '    text: NATO should give legal guarantees that it will not expand',
      'relationships:',
      '  - type: DEMANDS',
      '    from: person:sergei-ryabkov',
      '    to: claim:nato-non-expansion',
      '    doc: document:textfile-test',
      `    quote: ${QUOTE}`,
      '',
    ].join('\n'),
  );
  return file;
}

let driver: Driver;
let before: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(datasetDir, 'texts'), { recursive: true });
  fs.writeFileSync(path.join(datasetDir, 'texts', 'article.txt'), `Ryabkov said: "${QUOTE}"\n`);
  fs.writeFileSync(path.join(root, 'outside.txt'), `Outside: "${QUOTE}"\n`);
  fs.symlinkSync(path.join(root, 'outside.txt'), path.join(datasetDir, 'link-out.txt'));
  fs.symlinkSync(path.join(datasetDir, 'texts', 'article.txt'), path.join(datasetDir, 'link-in.txt'));
  execFileSync('mkfifo', [path.join(datasetDir, 'fifo.txt')]);
  driver = testDriver();
  await resetGraph(driver);
  await loadFounding(driver);
  before = await graphChecksum(driver);
});

afterAll(async () => {
  await driver.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function refusal(file: string, options: { maxTextBytes?: number } = {}) {
  const error = await loadFiles(driver, [file], options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatasetValidationError);
  const [issue] = (error as DatasetValidationError).issues;
  expect(issue).toMatchObject({ file, line: 6 });
  expect(await graphChecksum(driver)).toBe(before);
  return issue!.message;
}

describe('a textFile', () => {
  it.each([
    ['an absolute path (/etc/passwd)', 'absolute', 'textFile: /etc/passwd', /outside the dataset's folder/],
    [
      'a path that climbs out (../outside.txt)',
      'climbs',
      'textFile: ../outside.txt',
      /outside the dataset's folder/,
    ],
    ['a symlink that points out', 'symlink', 'textFile: link-out.txt', /outside the dataset's folder/],
    [
      'a device (/dev/zero, through ../..)',
      'device',
      `textFile: ${path.relative(datasetDir, '/dev/zero')}`,
      /outside the dataset's folder/,
    ],
    ['a FIFO inside the folder', 'fifo', 'textFile: fifo.txt', /not a regular file/],
    ['a folder', 'folder', 'textFile: texts', /not a regular file/],
  ])('is refused when it is %s, at its line, writing nothing', async (_what, name, line, message) => {
    expect(await refusal(dataset(name, line))).toMatch(message);
  });

  it('is refused over the size limit, naming the limit and its variable', async () => {
    const message = await refusal(dataset('big', 'textFile: texts/article.txt'), { maxTextBytes: 20 });
    expect(message).toMatch(
      /texts\/article\.txt is \d+ bytes, over the limit of 20 bytes \(STANCEGRAPH_MAX_TEXT_BYTES\)/,
    );
  });

  it('applies the same limit to an inline text', async () => {
    const message = await refusal(dataset('inline', `text: 'Ryabkov said: "${QUOTE}"'`), {
      maxTextBytes: 20,
    });
    expect(message).toMatch(/the text is \d+ bytes, over the limit of 20 bytes/);
  });

  it('loads a regular file in a subfolder, and a symlink that stays inside', async () => {
    await loadFiles(driver, [dataset('inside', 'textFile: texts/article.txt')]);
    await loadFiles(driver, [dataset('link-inside', 'textFile: link-in.txt')]);
    const { records } = await driver.executeQuery(
      "MATCH (d:Document {id: 'document:textfile-test'}) RETURN d.text AS text",
    );
    expect(records[0]?.get('text')).toContain(QUOTE);
  });
});
