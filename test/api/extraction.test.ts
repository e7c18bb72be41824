// Background extraction against the real Neo4j, the real CoreNLP and a real HTTP server for the
// pages: a document added with `extract: true` (pasted, or fetched from a URL) is extracted while
// the request is long answered; its job goes queued → running → done (also as server-sent events);
// the suggestions are in the graph as suggestions, with their exact quotes; a rejected one is not
// suggested again on a re-run; bad input is refused with the field at fault and changes nothing; a
// failed extraction (CoreNLP down) writes nothing; waiting jobs are cancelled at shutdown.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExtractionJob } from '../../model/coding.ts';
import { createApp } from '../../server/app.ts';
import { annotatorsOf, ExtractionQueue } from '../../server/jobs/extraction.ts';
import { ownHosts } from '../../server/write/auth.ts';
import { corenlpConfig } from '../_corenlp.ts';
import { loadFounding, resetGraph, testConfig, testDriver } from '../_neo4j.ts';
import { datasetFingerprint, TOKEN, write } from './_write.ts';

const ARTICLE = fs.readFileSync(
  path.join(import.meta.dirname, '..', 'fixtures', 'extract', 'articles', 'article.html'),
  'utf8',
);
const UNDATED = ARTICLE.replace(/<meta property="article:published_time"[^>]*>/, '');
const PASTED = [
  'The US Permanent Representative to NATO, Julianne Smith, said that NATO’s open door policy would not be reviewed.',
  'Deputy Foreign Minister Sergei Ryabkov said that Russia demands legal guarantees that the alliance will not expand further to the east.',
].join('\n\n');

const driver = testDriver();
// The pages come from 127.0.0.1, which the server fetches only when allowed (test/api/fetch-guard.test.ts).
const config = testConfig({ STANCEGRAPH_REQUEST_LOG: 'off', STANCEGRAPH_FETCH_PRIVATE: 'on' });

/** A queue on the test Neo4j whose CoreNLP is the run's (or the one `corenlpUrl` names), and its app. */
function extractionApp(corenlpUrl?: string) {
  const queue = new ExtractionQueue({
    db: { driver, database: config.neo4j.database },
    annotators: annotatorsOf(corenlpConfig(corenlpUrl ? { STANCEGRAPH_CORENLP_URL: corenlpUrl } : {})),
    timeoutMs: 60_000,
  });
  const app = createApp({
    driver,
    database: config.neo4j.database,
    api: config.api,
    writer: { token: TOKEN, hosts: ownHosts('127.0.0.1') },
    extraction: queue,
  });
  return { queue, app };
}
const { queue, app } = extractionApp();
let site: http.Server;
let siteUrl = '';
let api: http.Server;
let apiUrl = '';

beforeAll(async () => {
  await resetGraph(driver);
  await loadFounding(driver);
  site = http.createServer((req, res) => {
    const pages: Record<string, string> = { '/article.html': ARTICLE, '/undated.html': UNDATED };
    const page = pages[req.url ?? ''];
    res.writeHead(page ? 200 : 404, { 'Content-Type': page ? 'text/html; charset=utf-8' : 'text/plain' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  api = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => api.once('listening', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}, 900_000);

afterAll(async () => {
  await queue.close();
  await new Promise<void>((resolve) => site.close(() => resolve()));
  api.closeAllConnections();
  await new Promise<void>((resolve) => api.close(() => resolve()));
  await driver.close();
});

/** Polls the job until it has finished (done, failed or cancelled). */
async function finished(doc: string): Promise<ExtractionJob> {
  for (;;) {
    const res = await request(app).get(`/api/documents/${doc}/extraction`).expect(200);
    const job = res.body as ExtractionJob;
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Suggestion {
  ref: string;
  quote: string;
  start: number;
  end: number;
  method: string;
  status: string;
  type: string;
  from: string;
  to: string;
}

async function suggestionsOf(doc: string): Promise<Suggestion[]> {
  const res = await request(app).get('/api/suggestions').query({ doc }).expect(200);
  return res.body.suggestions as Suggestion[];
}

async function textOf(doc: string): Promise<string> {
  const res = await request(app).get(`/api/documents/${doc}/coding`).expect(200);
  return res.body.document.text as string;
}

/** The events of the stream until `until` says stop (the stream is a real HTTP connection). */
function events(until: (job: ExtractionJob) => boolean): Promise<ExtractionJob[]> {
  return new Promise((resolve, reject) => {
    const seen: ExtractionJob[] = [];
    const req = http.get(`${apiUrl}/api/extractions/events`, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (!block.startsWith('event: extraction') || !data) continue;
          const job = JSON.parse(data.slice(6)) as ExtractionJob;
          seen.push(job);
          if (until(job)) {
            req.destroy();
            resolve(seen);
          }
        }
      });
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}

describe('a pasted document, extracted in the background', () => {
  const DOC = 'document:2022-01-11-pasted-envoy-remarks';
  let firstCount = 0;

  test('answers at once with the queued job; the events follow it to done; suggestions arrive with exact quotes', async () => {
    const watched = events((job) => job.doc === DOC && (job.state === 'done' || job.state === 'failed'));
    const res = await write(app, 'post', '/api/documents', {
      title: 'Pasted envoy remarks',
      published: '2022-01-11',
      text: PASTED,
      extract: true,
    }).expect(201);
    expect(res.body).toMatchObject({ id: DOC, extraction: { doc: DOC, state: 'queued', progress: 0 } });

    const seen = (await watched).filter((job) => job.doc === DOC);
    expect(seen.map((job) => job.state)).toContain('running');
    expect(seen.at(-1)).toMatchObject({ state: 'done', progress: 1, error: null });
    const progress = seen.map((job) => job.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const job = await finished(DOC);
    expect(job.state).toBe('done');
    expect(job.counts!.suggestions).toBeGreaterThan(0);
    const text = await textOf(DOC);
    const suggestions = await suggestionsOf(DOC);
    expect(suggestions).toHaveLength(job.counts!.suggestions);
    for (const s of suggestions) {
      expect(s).toMatchObject({ method: 'rule', status: 'suggested' });
      expect(text.slice(s.start, s.end)).toBe(s.quote);
    }
    expect(suggestions.some((s) => s.from === 'person:julianne-smith')).toBe(true);
    firstCount = suggestions.length;

    const changes = await request(app).get('/api/changes').expect(200);
    expect(changes.body.changes[0]).toMatchObject({ id: job.change, action: 'extract-document' });
  });

  test('a rejected suggestion is not suggested again when the document is extracted again', async () => {
    const [rejected] = await suggestionsOf(DOC);
    await write(app, 'post', `/api/suggestions/${rejected!.ref}/reject`).expect(200);
    const res = await write(app, 'post', `/api/documents/${DOC}/extraction`).expect(202);
    expect(res.body).toMatchObject({ doc: DOC, attempt: 2 });
    const job = await finished(DOC);
    expect(job).toMatchObject({
      state: 'done',
      counts: { rejectedBefore: 1, replaced: firstCount - 1, suggestions: firstCount - 1 },
    });
    const refs = (await suggestionsOf(DOC)).map((s) => s.ref);
    expect(refs).toHaveLength(firstCount - 1);
    expect(refs).not.toContain(rejected!.ref);
  });

  test('the extraction is one change: undoing it takes its suggestions out again', async () => {
    const job = await finished(DOC);
    await write(app, 'post', `/api/changes/${job.change}/undo`).expect(200);
    // The undo brings back what the re-run replaced: the first run's suggestions, less the rejected one.
    expect(await suggestionsOf(DOC)).toHaveLength(firstCount - 1);
    const changes = await request(app).get('/api/changes').expect(200);
    const undone = changes.body.changes.find((c: { id: string }) => c.id === job.change);
    expect(undone.undoneBy).toEqual(expect.any(String));
  });
});

describe('a web page, fetched and extracted', () => {
  test('title, date and publisher come from its metadata; the article text from Readability', async () => {
    const res = await write(app, 'post', '/api/documents/fetch', { url: `${siteUrl}/article.html` }).expect(
      201,
    );
    const doc = res.body.id as string;
    expect(doc).toBe('document:127.0.0.1-article');
    expect(res.body.extraction).toMatchObject({ doc, state: 'queued' });
    const listed = await request(app).get('/api/documents').expect(200);
    expect(listed.body.documents.find((d: { id: string }) => d.id === doc)).toMatchObject({
      title: 'NATO envoy on the Russia–NATO talks',
      published: '2022-01-11',
      publisher: 'Example Wire',
    });
    const text = await textOf(doc);
    expect(text).toMatch(/^BRUSSELS, 11 January\./);
    expect(text).not.toContain('Subscribe');
    const job = await finished(doc);
    expect(job.state).toBe('done');
    expect(job.counts!.suggestions).toBeGreaterThan(0);
    for (const s of await suggestionsOf(doc)) expect(text.slice(s.start, s.end)).toBe(s.quote);
  });

  test('a page without a date is refused until the date is given', async () => {
    const before = await datasetFingerprint(driver);
    const res = await write(app, 'post', '/api/documents/fetch', { url: `${siteUrl}/undated.html` }).expect(
      422,
    );
    expect(res.body.errors[0].pointer).toBe('/body/published');
    expect(res.body.detail).toMatch(/no publication date/);
    expect(await datasetFingerprint(driver)).toBe(before);

    const given = await write(app, 'post', '/api/documents/fetch', {
      url: `${siteUrl}/undated.html`,
      published: '2022-01-12',
      extract: false,
    }).expect(201);
    expect(given.body.extraction).toBeUndefined();
    const listed = await request(app).get('/api/documents').expect(200);
    expect(listed.body.documents.find((d: { id: string }) => d.id === given.body.id).published).toBe(
      '2022-01-12',
    );
  });
});

describe('bad input: the field at fault, nothing changed, nothing queued', () => {
  const cases: [string, () => request.Test, number, string][] = [
    ['fetch: not a URL', () => write(app, 'post', '/api/documents/fetch', { url: 'article.html' }), 400, '/body/url'],
    ['fetch: a file: URL', () => write(app, 'post', '/api/documents/fetch', { url: 'file:///etc/passwd' }), 400, '/body/url'],
    ['fetch: no such page', () => write(app, 'post', '/api/documents/fetch', { url: `${siteUrl}/gone.html` }), 422, '/body/url'],
    ['fetch: a date that is not one', () => write(app, 'post', '/api/documents/fetch', { url: `${siteUrl}/undated.html`, published: '2022-02-30' }), 400, '/body/published'],
    ['fetch: an unknown field', () => write(app, 'post', '/api/documents/fetch', { url: `${siteUrl}/article.html`, when: 'now' }), 400, '/body/when'],
    ['add: extract is not a boolean', () => write(app, 'post', '/api/documents', { title: 'X', published: '2022-01-11', text: 'Some words.', extract: 'yes' }), 400, '/body/extract'],
    ['add: no text', () => write(app, 'post', '/api/documents', { title: 'X', published: '2022-01-11', text: '', extract: true }), 400, '/body/text'],
    ['add: the page again (its id exists)', () => write(app, 'post', '/api/documents/fetch', { url: `${siteUrl}/article.html` }), 409, '/body/id'],
    ['re-run: no such document', () => write(app, 'post', '/api/documents/document:nowhere/extraction'), 404, '/params/id'],
    ['re-run: not a document id', () => write(app, 'post', '/api/documents/nowhere/extraction'), 400, '/params/id'],
  ]; // prettier-ignore

  test.each(cases)('%s', async (_name, send, status, at) => {
    const before = await datasetFingerprint(driver);
    const jobs = queue.list().length;
    const res = await send().expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(at);
    expect(await datasetFingerprint(driver)).toBe(before);
    expect(queue.list()).toHaveLength(jobs);
  });

  test('without the token: 401, nothing added or queued', async () => {
    const before = await datasetFingerprint(driver);
    await request(app)
      .post('/api/documents')
      .send({ title: 'X', published: '2022-01-11', text: 'Some words.', extract: true })
      .expect(401);
    await request(app).post('/api/documents/document:127.0.0.1-article/extraction').expect(401);
    await request(app)
      .post('/api/documents/fetch')
      .send({ url: `${siteUrl}/article.html` })
      .expect(401);
    expect(await datasetFingerprint(driver)).toBe(before);
  });

  test('no extraction yet for a document: 404 that says how to run one', async () => {
    const res = await request(app)
      .get('/api/documents/document:2022-01-11-us-nato-envoy-on-russia-talks/extraction')
      .expect(404);
    expect(res.body.detail).toMatch(/POST to this URL/);
  });
});

describe('failures and shutdown', () => {
  test('CoreNLP down: the job fails with why, and writes nothing', async () => {
    const { queue: down, app: downApp } = extractionApp('http://127.0.0.1:9');
    const doc = 'document:2022-01-11-pasted-envoy-remarks';
    const before = await datasetFingerprint(driver);
    await write(downApp, 'post', `/api/documents/${doc}/extraction`).expect(202);
    let job: ExtractionJob;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await request(downApp).get(`/api/documents/${doc}/extraction`).expect(200)).body;
    } while (job.state === 'queued' || job.state === 'running');
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/127\.0\.0\.1:9/);
    expect(await datasetFingerprint(driver)).toBe(before);
    await down.close();
  });

  test('at shutdown waiting jobs are cancelled cleanly: nothing written for them, nothing queued after', async () => {
    const { queue: closing } = extractionApp();
    const docs = ['document:2022-01-11-pasted-envoy-remarks', 'document:127.0.0.1-article'];
    const waitingBefore = await Promise.all(docs.map(async (doc) => (await suggestionsOf(doc)).length));
    for (const doc of docs) closing.enqueue(doc, 'test');
    await closing.close();
    const states = docs.map((doc) => closing.get(doc)!);
    for (const job of states) {
      expect(job.state).toBe('cancelled');
      expect(job.error).toMatch(/server stopped/);
    }
    expect(await Promise.all(docs.map(async (doc) => (await suggestionsOf(doc)).length))).toEqual(
      waitingBefore,
    );
    expect(() => closing.enqueue(docs[0]!, 'test')).toThrow(/stopping/);
  });
});
