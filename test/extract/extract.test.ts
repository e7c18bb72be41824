// `stancegraph extract` as people use it, against the run's real CoreNLP and Neo4j: quotes that
// are the text at their offsets whatever the script, text/Markdown/HTML/URL inputs with their
// metadata, byte-identical output on a second run, unreadable input refused by name, and
// extract → load → suggestions in the graph with their provenance and status.

import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { PROJECT_ROOT } from '../../server/config.ts';
import type { Draft } from '../../server/extract/draft.ts';
import { corenlpEnvironment } from '../_corenlp.ts';
import { stancegraph as cli } from '../_cli.ts';
import { graphChecksum, loadFounding, resetGraph, testDriver } from '../_neo4j.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/extract');
const ARTICLES = path.join(FIXTURES, 'articles');

let nlpEnv: Record<string, string>;
let driver: Driver;
let work: string;

function stancegraph(args: string[], env: Record<string, string> = {}) {
  return cli(args, { STANCEGRAPH_HOME: path.join(work, 'home'), ...nlpEnv, ...env });
}

function readDraft(file: string): Draft {
  return YAML.parse(fs.readFileSync(file, 'utf8')) as Draft;
}

/** Every relationship's quote is its document's text at its offsets. */
function expectQuotesAtOffsets(draft: Draft): void {
  const texts = new Map(draft.documents.map((d) => [d.id, d.text]));
  for (const rel of draft.relationships) {
    expect(texts.get(rel.doc)!.slice(rel.start, rel.end), `${rel.type} ${rel.from} → ${rel.to}`).toBe(
      rel.quote,
    );
  }
}

let site: http.Server;
let siteUrl: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-extract-test-'));
  nlpEnv = await corenlpEnvironment();
  driver = testDriver();
  await resetGraph(driver);
  site = http.createServer((req, res) => {
    if (req.url === '/news/nato-envoy.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(fs.readFileSync(path.join(ARTICLES, 'article.html')));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as net.AddressInfo).port}`;
}, 900_000);

afterAll(async () => {
  site?.close();
  await driver?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('stancegraph extract', () => {
  it('suggests relationships whose quotes are the text at their offsets, whatever the script', async () => {
    const out = path.join(work, 'unicode.yaml');
    const result = await stancegraph([
      'extract',
      path.join(ARTICLES, 'unicode.txt'),
      '--published',
      '2022-01-10',
      '--no-graph',
      '--out',
      out,
    ]);
    expect(result.stderr).toContain('Extracted 1 of 1 document(s)');
    expect(result.code).toBe(0);
    const draft = readDraft(out);
    expect(draft.documents).toHaveLength(1);
    expect(draft.documents[0]).toMatchObject({
      id: 'document:unicode',
      title: 'Talks in Geneva — a first round',
      published: '2022-01-10',
      language: 'en',
      text: fs.readFileSync(path.join(ARTICLES, 'unicode.txt'), 'utf8'),
    });
    expect(draft.relationships.length).toBeGreaterThan(2);
    expectQuotesAtOffsets(draft);
    const quotes = draft.relationships.map((r) => r.quote).join('\n');
    for (const piece of ['Рябков', '100%', '+', '😀']) expect(quotes).toContain(piece);
    for (const rel of draft.relationships) {
      expect(rel).toMatchObject({ method: 'rule', status: 'suggested', doc: 'document:unicode' });
      expect(rel.confidence).toBeGreaterThan(0);
      expect(rel.confidence).toBeLessThanOrEqual(1);
    }
    // the summary counts what the draft holds
    expect(result.stderr).toMatch(new RegExp(`${draft.relationships.length} suggestion\\(s\\)`));
    expect(result.stderr).toMatch(/\d+ unresolved mention\(s\)/);
  });

  it('gives byte-identical output for the same input, on stdout as in a file', async () => {
    const args = ['extract', ARTICLES, '--published', '2022-01-10', '--no-graph'];
    const first = await stancegraph(args);
    const second = await stancegraph(args);
    expect(first.code).toBe(0);
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(second.stdout).toBe(first.stdout);
    const out = path.join(work, 'same.yaml');
    await stancegraph([...args, '--out', out]);
    expect(fs.readFileSync(out, 'utf8')).toBe(first.stdout);
  });

  it('reads HTML through Readability and Markdown with a front matter, metadata included', async () => {
    const out = path.join(work, 'articles.yaml');
    const result = await stancegraph([
      'extract',
      path.join(ARTICLES, 'article.html'),
      path.join(ARTICLES, 'report.md'),
      '--no-graph',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const draft = readDraft(out);
    const [html, md] = draft.documents;
    expect(html).toMatchObject({
      id: 'document:article',
      title: 'NATO envoy on the Russia–NATO talks',
      published: '2022-01-11',
      publisher: 'Example Wire',
      url: 'https://wire.example.org/2022/01/11/nato-envoy',
    });
    // the article's paragraphs, not the navigation or the footer; inline markup gone
    expect(html!.text).toMatch(/^BRUSSELS, 11 January\. The US Permanent Representative/);
    expect(html!.text).toContain('He added that Moscow rejects any deployment');
    expect(html!.text.split('\n\n')).toHaveLength(3);
    expect(html!.text).not.toMatch(/Subscribe|Home|Politics|<em>/);
    expect(md).toMatchObject({
      id: 'document:report',
      title: 'Ministers on the Black Sea grain corridor',
      published: '2023-07-20',
      publisher: 'Example Herald',
      url: 'https://herald.example.org/grain-corridor',
    });
    expect(md!.text.startsWith('# Ministers on the Black Sea grain corridor')).toBe(true);
    expect(draft.relationships.filter((r) => r.doc === 'document:article').length).toBeGreaterThan(0);
    expectQuotesAtOffsets(draft);
  });

  it('fetches a URL, with an id from the URL and the URL as the source', async () => {
    const url = `${siteUrl}/news/nato-envoy.html`;
    const result = await stancegraph(['extract', url, '--no-graph']);
    expect(result.code, result.stderr).toBe(0);
    const draft = YAML.parse(result.stdout) as Draft;
    expect(draft.documents[0]).toMatchObject({
      id: 'document:127.0.0.1-news-nato-envoy',
      published: '2022-01-11',
      // the page's canonical URL wins over the address it was fetched from
      url: 'https://wire.example.org/2022/01/11/nato-envoy',
    });
    expectQuotesAtOffsets(draft);

    const missing = await stancegraph(['extract', `${siteUrl}/news/gone.html`, '--no-graph']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${siteUrl}/news/gone.html: the server answered 404 Not Found`);
  });

  it('refuses unreadable input, naming each, and writes nothing', async () => {
    const out = path.join(work, 'never.yaml');
    const bad = path.join(FIXTURES, 'bad', 'not-utf8.txt');
    const pdf = path.join(work, 'paper.pdf');
    fs.writeFileSync(pdf, '%PDF-1.7');
    const result = await stancegraph([
      'extract',
      bad,
      path.join(work, 'missing.txt'),
      pdf,
      path.join(ARTICLES, 'unicode.txt'),
      '--no-graph',
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}: not valid UTF-8 (byte 0xff at byte offset 25)`);
    expect(result.stderr).toContain(`${path.join(work, 'missing.txt')}: no such file or folder`);
    expect(result.stderr).toContain(`${pdf}: expected a .txt, .md or .html file`);
    // and no date was given for the text file: asked for, not invented
    expect(result.stderr).toContain(
      `${path.join(ARTICLES, 'unicode.txt')}: no publication date; give one with --published YYYY-MM-DD`,
    );
    expect(result.stderr).toContain('4 input(s) could not be read; nothing was extracted.');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('has --help with examples', async () => {
    const help = await stancegraph(['extract', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: stancegraph extract [options] <inputs...>');
    expect(help.stdout).toContain(
      '$ stancegraph extract article.txt --published 2022-01-11 --out draft.yaml',
    );
    for (const sub of ['start', 'stop', 'status', 'install']) {
      expect((await stancegraph(['nlp', sub, '--help'])).stdout).toContain(`Usage: stancegraph nlp ${sub}`);
    }
  });
});

describe('extract → load', () => {
  it('puts the suggestions in the graph with their provenance, resolved to the actors it holds', async () => {
    await resetGraph(driver);
    await loadFounding(driver);
    const folder = path.join(work, 'bulk') + path.sep;
    const extracted = await stancegraph([
      'extract',
      path.join(ARTICLES, 'article.html'),
      path.join(ARTICLES, 'unicode.txt'),
      '--published',
      '2022-01-10',
      '--out',
      folder,
    ]);
    expect(extracted.code, extracted.stderr).toBe(0);
    expect(fs.readdirSync(folder).sort()).toEqual([
      'actors.jsonl',
      'claims.jsonl',
      'documents.jsonl',
      'relationships.jsonl',
    ]);
    const relationships = fs
      .readFileSync(path.join(folder, 'relationships.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Draft['relationships'][number]);
    // names the graph knows resolve to its actors rather than to new ones
    expect(relationships.map((r) => r.from)).toContain('person:sergei-ryabkov');
    const actors = fs.readFileSync(path.join(folder, 'actors.jsonl'), 'utf8');
    expect(actors).not.toContain('"id":"person:sergei-ryabkov"');

    const loaded = await stancegraph(['load', folder]);
    expect(loaded.code, loaded.stderr).toBe(0);
    const { records } = await driver.executeQuery(
      `MATCH (a:Actor)-[r]->(b) WHERE r.status = 'suggested'
       MATCH (d:Document {id: r.doc})
       RETURN a.id AS from, type(r) AS type, b.id AS to, r.method AS method, r.quote AS quote,
         d.text AS text, r.start AS start, r.end AS end, toString(r.date) AS date`,
    );
    expect(records).toHaveLength(relationships.length);
    for (const record of records) {
      expect(record.get('method')).toBe('rule');
      // UTF-16 offsets, as JavaScript indexes strings (Cypher's substring counts code points)
      const text = record.get('text') as string;
      expect(text.slice(record.get('start').toNumber(), record.get('end').toNumber())).toBe(
        record.get('quote'),
      );
      expect(['2022-01-10', '2022-01-11']).toContain(record.get('date'));
    }
    // the founding dataset's own relationships stay accepted
    const { records: accepted } = await driver.executeQuery(
      "MATCH ()-[r]->() WHERE r.status = 'accepted' AND r.method = 'manual' RETURN count(r) AS n",
    );
    expect(accepted[0]!.get('n').toNumber()).toBeGreaterThan(29);
  });

  it('loads at once with --load, and a second run changes nothing', async () => {
    await resetGraph(driver);
    const args = ['extract', path.join(ARTICLES, 'report.md'), '--load'];
    const first = await stancegraph(args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/Loaded 1 file\(s\)/);
    const { records } = await driver.executeQuery(
      "MATCH (:Actor)-[r {status: 'suggested', doc: 'document:report'}]->() RETURN count(r) AS n",
    );
    expect(records[0]!.get('n').toNumber()).toBeGreaterThan(0);
    const before = await graphChecksum(driver);
    const second = await stancegraph(args);
    expect(second.code, second.stderr).toBe(0);
    expect(await graphChecksum(driver)).toBe(before);
  });
});
