// `extract --engine llm` against a small local HTTP server that speaks the OpenAI chat completions
// wire format with scripted answers (no model runs on these machines): the request carries the
// JSON Schema and the vocabulary, quotes found in the text become suggestions (method llm) at the
// offsets our code finds, invented ones are dropped and counted, malformed JSON fails its document.

import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Draft } from '../../server/extract/draft.ts';
import type { LlmAnswer } from '../../server/extract/llm.ts';
import { runCli } from '../_cli.ts';

const RYABKOV =
  'Deputy Foreign Minister Sergei Ryabkov said that Russia needs legal guarantees — 100% binding ones.';
const SMITH = 'Julianne Smith warned Russia against any further escalation.';
const TEXT_A = `Talks in Geneva\n\n${RYABKOV} ${SMITH}\n`;
const TEXT_B = 'The Kremlin said nothing on Tuesday.\n';

const ANSWER_A: LlmAnswer = {
  statements: [
    {
      type: 'DEMANDS',
      speaker: 'Sergei Ryabkov',
      speakerKind: 'person',
      claim: 'NATO should give Russia legal guarantees',
      target: null,
      targetKind: null,
      quote: RYABKOV,
      modality: 'asserted',
      confidence: 0.8,
    },
    {
      type: 'WARNS',
      speaker: 'Julianne Smith',
      speakerKind: 'person',
      claim: null,
      target: 'Russia',
      targetKind: 'country',
      quote: SMITH,
      modality: 'asserted',
      confidence: 0.7,
    },
    {
      // invented: the text never says this
      type: 'REJECTS',
      speaker: 'Sergei Ryabkov',
      speakerKind: 'person',
      claim: 'NATO may expand further',
      target: null,
      targetKind: null,
      quote: 'Russia will never accept NATO expansion.',
      modality: 'asserted',
      confidence: 0.9,
    },
    {
      // paraphrased, not verbatim: dropped too
      type: 'DEMANDS',
      speaker: 'Sergei Ryabkov',
      speakerKind: 'person',
      claim: 'NATO should give Russia legal guarantees',
      target: null,
      targetKind: null,
      quote: 'Russia needs legal guarantees - 100% binding ones.',
      modality: 'asserted',
      confidence: 0.6,
    },
  ],
};

let server: http.Server;
let url: string;
const requests: { model: string; messages: { role: string; content: string }[]; response_format: unknown }[] =
  [];
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-llm-test-'));
  fs.writeFileSync(path.join(work, 'a.txt'), TEXT_A);
  fs.writeFileSync(path.join(work, 'b.txt'), TEXT_B);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof requests)[number];
      requests.push(body);
      const user = body.messages.find((m) => m.role === 'user')!.content;
      // document a gets a scripted answer; document b gets JSON cut off mid-way
      const content = user.includes('Ryabkov') ? JSON.stringify(ANSWER_A) : '{"statements": [{"type": "DEM';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});

afterAll(() => {
  server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

function extract(args: string[]) {
  return runCli(['extract', ...args], {
    ...process.env,
    STANCEGRAPH_HOME: path.join(work, 'home'),
    STANCEGRAPH_LLM_URL: url,
    STANCEGRAPH_LLM_MODEL: 'scripted-model',
  });
}

describe('extract --engine llm', () => {
  it('keeps the quotes found verbatim, drops and counts invented ones, and fails a malformed answer by name', async () => {
    const out = path.join(work, 'draft.yaml');
    const result = await extract([
      path.join(work, 'a.txt'),
      path.join(work, 'b.txt'),
      '--engine',
      'llm',
      '--published',
      '2022-01-10',
      '--no-graph',
      '--out',
      out,
    ]);
    // what went to the model: the schema-constrained format and the vocabulary
    expect(requests.length).toBe(2);
    const request = requests.find((r) => JSON.stringify(r).includes('Ryabkov'))!;
    expect(request.model).toBe('scripted-model');
    expect(request.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'stancegraph_extraction', schema: { type: 'object', required: ['statements'] } },
    });
    const system = request.messages.find((m) => m.role === 'system')!.content;
    for (const type of ['DEMANDS', 'REJECTS', 'WARNS', 'MEETS']) expect(system).toContain(type);

    // the draft: document a with its two real quotes; document b left out
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Extracted 1 of 2 document(s)');
    expect(result.stderr).toContain('2 invented quote(s) dropped (not found verbatim in the text)');
    expect(result.stderr).toMatch(/failed: document:b: the model's answer is not valid JSON/);
    const draft = YAML.parse(fs.readFileSync(out, 'utf8')) as Draft;
    expect(draft.documents.map((d) => d.id)).toEqual(['document:a']);
    expect(draft.relationships).toHaveLength(2);
    for (const rel of draft.relationships) {
      expect(rel).toMatchObject({ method: 'llm', status: 'suggested', doc: 'document:a' });
      expect(TEXT_A.slice(rel.start, rel.end)).toBe(rel.quote);
    }
    const demand = draft.relationships.find((r) => r.type === 'DEMANDS')!;
    expect(demand).toMatchObject({
      from: 'person:sergei-ryabkov',
      quote: RYABKOV,
      start: TEXT_A.indexOf(RYABKOV),
      confidence: 0.8,
    });
    expect(draft.relationships.find((r) => r.type === 'WARNS')).toMatchObject({
      from: 'person:julianne-smith',
      to: 'country:russia',
    });
    expect(draft.actors.map((a) => a.id)).toEqual([
      'country:russia',
      'person:julianne-smith',
      'person:sergei-ryabkov',
    ]);
  });

  it('asks for STANCEGRAPH_LLM_URL and a model when they are not set', async () => {
    const { stderr, code } = await runCli(
      ['extract', path.join(work, 'a.txt'), '--engine', 'llm', '--published', '2022-01-10', '--no-graph'],
      process.env,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('--engine llm: set STANCEGRAPH_LLM_URL and STANCEGRAPH_LLM_MODEL');
  });
});
