// The CoreNLP server killed (SIGKILL) in the middle of an annotation, against a real managed
// CoreNLP of this test's own (on the port after STANCEGRAPH_TEST_CORENLP_PORT: never the run's): the managed
// server is started again and the text sent once more, so extraction gets the whole annotation
// (the same as without the kill); a server of one's own (STANCEGRAPH_CORENLP_URL) that dies gives
// a clear error, and the extraction writes no draft at all, never half a document. Heavy (a
// CoreNLP start is 2.3 GB and 20-40 s, twice): run it alone.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { CORENLP_PROPERTIES } from '../../server/extract/pipeline/index.ts';
import { DocumentExtractionError, extractAll, ruleEngine } from '../../server/extract/run.ts';
import { CoreNlpClient, CoreNlpError } from '../../server/nlp/client.ts';
import * as nlp from '../../server/nlp/runtime.ts';
import type { SourceDocument } from '../../server/extract/types.ts';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-corenlp-kill-'));
const config = loadConfig({
  STANCEGRAPH_HOME: home,
  // The run's own CoreNLP (test/setup/global-setup.ts) may be up on STANCEGRAPH_TEST_CORENLP_PORT.
  STANCEGRAPH_CORENLP_PORT: String(Number(process.env.STANCEGRAPH_TEST_CORENLP_PORT ?? '9097') + 1),
  STANCEGRAPH_CORENLP_HEAP: '2g',
  STANCEGRAPH_CORENLP_START_TIMEOUT: '900',
});
const logLines: string[] = [];
const log = (line: string) => logLines.push(line);

/** A text long enough that its annotation is still running when the server is killed. */
const sentence =
  'NATO Secretary General Jens Stoltenberg said on Tuesday that the alliance rejects Russian demands to halt its expansion, while Deputy Foreign Minister Sergei Ryabkov insisted that Moscow needs legal guarantees. ';
const text = Array.from({ length: 40 }, (_, i) => `${sentence}Paragraph ${i + 1}.\n\n`).join('');

let client: nlp.ManagedCoreNlpClient;

beforeAll(async () => {
  client = (await nlp.connectAnnotator(config, CORENLP_PROPERTIES, log)) as nlp.ManagedCoreNlpClient;
}, 900_000);

afterAll(async () => {
  await nlp.stop(config);
  fs.rmSync(home, { recursive: true, force: true });
}, 120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills the managed server once `ms` have passed of the request that `work` starts. */
async function killDuring<T>(
  work: () => Promise<T>,
  ms: number,
): Promise<{ pid: number; result: Promise<T> }> {
  const { pid } = nlp.status(config);
  const result = work();
  result.catch(() => {});
  await sleep(ms);
  process.kill(pid!, 'SIGKILL');
  return { pid: pid!, result };
}

describe('CoreNLP killed mid-extraction', () => {
  it('the managed server is started again and the text annotated whole, as without the kill', async () => {
    const expected = await client.annotate(text, CORENLP_PROPERTIES);
    const { pid, result } = await killDuring(() => client.annotate(text, CORENLP_PROPERTIES), 1500);
    const annotated = await result;
    expect(client.restarts).toBe(1);
    expect(nlp.status(config).pid).not.toBe(pid);
    expect(logLines.join('\n')).toContain('stopped under a request');
    expect(annotated.sentences.length).toBe(expected.sentences.length);
    expect(annotated.sentences.map((s) => s.tokens.map((t) => t.word).join(' '))).toEqual(
      expected.sentences.map((s) => s.tokens.map((t) => t.word).join(' ')),
    );
  }, 900_000);

  it("a server of one's own that dies gives a clear error, and the extraction no draft at all", async () => {
    const own = new CoreNlpClient({ urls: [nlp.managedUrl(config)], timeoutMs: 300_000 });
    const documents: SourceDocument[] = [
      {
        id: 'document:killed-under-extraction',
        title: 'Killed',
        text,
        published: '2022-01-11',
        language: 'en',
      },
    ];
    const { result } = await killDuring(
      () =>
        extractAll(documents, ruleEngine(own), { gazetteer: { actors: [], claims: [] }, records: new Map() }),
      1500,
    );
    const error = await result.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocumentExtractionError);
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(CoreNlpError);
    expect((error as Error).message).toMatch(
      /document:killed-under-extraction: CoreNLP at http:\/\/127\.0\.0\.1:\d+ /,
    );
    expect((error as Error).message).toMatch(
      /closed the connection in the middle of a request|no server answers/,
    );
    expect(nlp.status(config).running).toBe(false);
  }, 300_000);
});
