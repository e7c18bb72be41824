// The NLP runtime and its HTTP client against the run's real CoreNLP server: offsets in UTF-16
// code units whatever the script (curly quotes, %, +, emoji, Cyrillic, Chinese), a text longer than
// the server accepts split and reassembled, the server on loopback only, and readable errors.

import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../server/config.ts';
import { CORENLP_PROPERTIES } from '../../server/extract/pipeline/index.ts';
import type { CoreNlpDocument } from '../../server/extract/types.ts';
import { CoreNlpClient, DEFAULT_MAX_CHARS, splitText } from '../../server/nlp/client.ts';
import * as runtime from '../../server/nlp/runtime.ts';
import { corenlpClient, corenlpConfig } from '../_corenlp.ts';

const UNICODE = fs.readFileSync(
  path.join(PROJECT_ROOT, 'test/fixtures/extract/articles/unicode.txt'),
  'utf8',
);

/**
 * Tokens and sentences only: the long text is about splitting; the tagging, quotes and
 * coreference of pieces are checked below on a short text (the quote annotator would bring the
 * whole pipeline along, minutes for 100k characters on 2 busy cores).
 */
const SPLIT_ONLY = { annotators: 'tokenize,ssplit' };

/** Every token, entity mention and quote of an annotation must be the text at its offsets. */
function expectOffsetsIndex(text: string, document: CoreNlpDocument): void {
  for (const sentence of document.sentences) {
    for (const token of sentence.tokens) {
      expect(text.slice(token.characterOffsetBegin, token.characterOffsetEnd)).toBe(token.originalText);
    }
    for (const mention of sentence.entitymentions ?? []) {
      expect(text.slice(mention.characterOffsetBegin, mention.characterOffsetEnd)).toBe(mention.text);
    }
  }
  for (const quote of document.quotes ?? [])
    expect(text.slice(quote.beginIndex, quote.endIndex)).toBe(quote.text);
}

let client: CoreNlpClient;
beforeAll(async () => {
  client = await corenlpClient();
}, 600_000);

describe('the CoreNLP client', () => {
  it('gets offsets that index the text for curly quotes, em dashes, %, +, emoji and non-Latin scripts', async () => {
    const document = await client.annotate(UNICODE, CORENLP_PROPERTIES);
    expectOffsetsIndex(UNICODE, document);
    const words = document.sentences.flatMap((s) => s.tokens.map((t) => t.originalText));
    // `%` and `+` reach the server as they are (a form-encoded body would have turned + into a space)
    expect(words).toEqual(expect.arrayContaining(['%', '+', 'Рябков', '😀']));
    expect(document.quotes?.map((q) => q.text)).toContain(
      '“We need legal guarantees that NATO will not expand further,”',
    );
    // headline and dateline stay out of the first sentence (ssplit.newlineIsSentenceBreak=two)
    expect(document.sentences[0]!.tokens.map((t) => t.originalText).join(' ')).toBe(
      'Talks in Geneva — a first round',
    );
  });

  it('splits a text longer than the server accepts at paragraph breaks and maps every offset back', async () => {
    const paragraphs = Array.from(
      { length: 520 },
      (_, i) =>
        `Paragraph ${i}: the minister said that talks on “arms control” would resume — 50% + more 😀. ` +
        `Сергей Рябков said on Tuesday that Russia would answer in writing, according to officials in Geneva.`,
    );
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(100_000);
    const chunks = splitText(text, DEFAULT_MAX_CHARS);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(chunks.slice(1).every((c) => text.slice(c.offset - 2, c.offset) === '\n\n')).toBe(true);

    const document = await client.annotate(text, { ...CORENLP_PROPERTIES, ...SPLIT_ONLY });
    expectOffsetsIndex(text, document);
    expect(document.sentences.map((s) => s.index)).toEqual(document.sentences.map((_, i) => i));
    const last = document.sentences.at(-1)!.tokens.at(-1)!;
    expect(last.characterOffsetEnd).toBe(text.length);
    // every paragraph in its own sentences, in order
    const starts = document.sentences.filter((s) => s.tokens[0]!.originalText === 'Paragraph');
    expect(starts.map((s) => s.tokens[1]!.originalText)).toEqual(paragraphs.map((_, i) => String(i)));
  }, 600_000);

  it('keeps quotes, coreference chains and entity mentions right when a text goes in pieces', async () => {
    const whole = await client.annotate(UNICODE, CORENLP_PROPERTIES);
    const pieces = new CoreNlpClient({ urls: client.urls, timeoutMs: 600_000, maxChars: 300 });
    expect(splitText(UNICODE, 300).length).toBeGreaterThan(2);
    const document = await pieces.annotate(UNICODE, CORENLP_PROPERTIES);
    expectOffsetsIndex(UNICODE, document);
    expect(document.sentences.map((s) => s.index)).toEqual(document.sentences.map((_, i) => i));
    expect(document.quotes?.map((q) => [q.text, q.beginIndex])).toEqual(
      whole.quotes?.map((q) => [q.text, q.beginIndex]),
    );
    const tokens = document.sentences.flatMap((s) => s.tokens);
    for (const quote of document.quotes ?? []) {
      expect(tokens[quote.beginToken]!.characterOffsetBegin).toBe(quote.beginIndex);
      expect(document.sentences[quote.beginSentence]!.tokens[0]!.characterOffsetBegin).toBeLessThanOrEqual(
        quote.beginIndex,
      );
    }
    const mentionIds = Object.values(document.corefs ?? {}).flatMap((chain) => chain.map((m) => m.id));
    expect(new Set(mentionIds).size).toBe(mentionIds.length);
    for (const chain of Object.values(document.corefs ?? {})) {
      for (const mention of chain) {
        const sentence = document.sentences[mention.sentNum - 1]!;
        const words = sentence.tokens.slice(mention.startIndex - 1, mention.endIndex - 1).map((t) => t.word);
        expect(words.join(' ')).toBe(mention.text);
      }
    }
    for (const sentence of document.sentences) {
      for (const mention of sentence.entitymentions ?? []) {
        expect(tokens[mention.docTokenBegin]!.characterOffsetBegin).toBe(mention.characterOffsetBegin);
      }
    }
  });

  it('spreads requests round-robin over several servers', async () => {
    const hits = [0, 0];
    const proxies = await Promise.all(
      hits.map((_, i) =>
        listen(async (req, res) => {
          hits[i]!++;
          const body = await readBody(req);
          const upstream = await fetch(`${client.urls[0]}${req.url}`, {
            method: 'POST',
            headers: { 'Content-Type': String(req.headers['content-type']) },
            body: new Uint8Array(body),
          });
          res.writeHead(upstream.status, { 'Content-Type': 'application/json' });
          res.end(await upstream.text());
        }),
      ),
    );
    try {
      const spread = new CoreNlpClient({ urls: proxies.map((p) => p.url), timeoutMs: 120_000 });
      for (const text of ['Ryabkov spoke.', 'Smith spoke.', 'Sherman spoke.', 'Stoltenberg spoke.'])
        expect((await spread.annotate(text, CORENLP_PROPERTIES)).sentences).toHaveLength(1);
      expect(hits).toEqual([2, 2]);
    } finally {
      for (const proxy of proxies) proxy.server.close();
    }
  });

  it('says when no server answers, when one answers with an error, and when one takes too long', async () => {
    const free = await freePort();
    await expect(
      new CoreNlpClient({ urls: [`http://127.0.0.1:${free}`], timeoutMs: 5000 }).annotate('Hi.', {}),
    ).rejects.toThrow(
      new RegExp(`no server answers at http://127.0.0.1:${free} \\(ECONNREFUSED\\).*stancegraph nlp start`),
    );

    const failing = await listen((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('java.lang.OutOfMemoryError: Java heap space');
    });
    await expect(
      new CoreNlpClient({ urls: [failing.url], timeoutMs: 5000 }).annotate('Hi.', {}),
    ).rejects.toThrow(
      `CoreNLP at ${failing.url} answered 500 Internal Server Error: java.lang.OutOfMemoryError: Java heap space`,
    );
    failing.server.close();

    const silent = await listen(() => {});
    await expect(
      new CoreNlpClient({ urls: [silent.url], timeoutMs: 300 }).annotate('Hi.', {}),
    ).rejects.toThrow(`CoreNLP at ${silent.url}: no answer within 0.3s (STANCEGRAPH_CORENLP_TIMEOUT).`);
    silent.server.closeAllConnections();
    silent.server.close();
  });
});

describe('the managed CoreNLP server', () => {
  it('runs on 127.0.0.1 only, and a second start finds the running one', async () => {
    const config = corenlpConfig();
    if (config.nlp.urls) return; // STANCEGRAPH_TEST_CORENLP_URL: not ours to inspect
    expect(runtime.status(config)).toMatchObject({ running: true, installed: true });
    const again = await runtime.start(config, CORENLP_PROPERTIES);
    expect(again).toMatchObject({ alreadyRunning: true, pid: runtime.status(config).pid });
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) expect(await connects(external.address, config.nlp.port)).toBe(false);
    expect(await connects('127.0.0.1', config.nlp.port)).toBe(true);
  });

  it('names a bad STANCEGRAPH_CORENLP_URL or heap in the configuration', () => {
    expect(() => loadConfig({ STANCEGRAPH_CORENLP_URL: 'localhost:9000' })).toThrow(
      'STANCEGRAPH_CORENLP_URL="localhost:9000": expected URLs such as http://host:9000',
    );
    expect(() => loadConfig({ STANCEGRAPH_CORENLP_HEAP: 'lots' })).toThrow('STANCEGRAPH_CORENLP_HEAP="lots"');
    expect(loadConfig({ STANCEGRAPH_CORENLP_URL: 'http://a:9000/, http://b:9000' }).nlp.urls).toEqual([
      'http://a:9000',
      'http://b:9000',
    ]);
  });
});

// ---- helpers -------------------------------------------------------------------------------------

const servers: http.Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

async function listen(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}` };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
