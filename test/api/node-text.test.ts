// Long document texts in pieces: GET /api/nodes/:id sends a text whole only up to NODE_TEXT_MAX
// UTF-16 code units (a longer one as its first piece), `textOffset`/`textLength` ask for any
// piece, counted in UTF-16 code units as the quotes' offsets are (a text with emoji, whose code
// points and code units differ), and `textRange` says which piece came and how long the text is.

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_TEXT_MAX, nodeDetailsSchema } from '../../model/api.ts';
import { conforms, foundingApp, type TestApp } from './_app.ts';

let t: TestApp;

const LONG_ID = 'document:a-long-text';
/** 600,000 UTF-16 code units: a paragraph with an emoji (two code units) repeated, then an end marker. */
const paragraph = 'NATO 🙂 said the talks would go on. ';
const longText = `${paragraph.repeat(Math.ceil(600_000 / paragraph.length))}THE END.`;
const FOUNDING_DOC = 'document:2022-01-11-us-nato-envoy-on-russia-talks';

beforeAll(async () => {
  t = await foundingApp();
  await t.driver.executeQuery(
    "CREATE (:Document {id: $id, title: 'A long text', language: 'en', published: date('2022-01-12'), text: $text})",
    { id: LONG_ID, text: longText },
  );
});

afterAll(async () => {
  await t.driver.executeQuery('MATCH (d:Document {id: $id}) DETACH DELETE d', { id: LONG_ID });
  await t.driver.close();
});

const get = (path: string) => request(t.app).get(path);

describe('GET /api/nodes/:id and a document text', () => {
  test('a short text comes whole, with its range', async () => {
    const res = await get(`/api/nodes/${FOUNDING_DOC}`).expect(200);
    const node = conforms(nodeDetailsSchema, res.body);
    const text = node.properties.text as string;
    expect(text.length).toBeGreaterThan(1000);
    expect(node.textRange).toEqual({ offset: 0, length: text.length, total: text.length });
  });

  test('a long text is never sent whole: its first piece and its length', async () => {
    const res = await get(`/api/nodes/${LONG_ID}`).expect(200);
    const node = conforms(nodeDetailsSchema, res.body);
    expect(node.textRange).toEqual({ offset: 0, length: NODE_TEXT_MAX, total: longText.length });
    expect(node.properties.text).toBe(longText.slice(0, NODE_TEXT_MAX));
    expect(node.properties.title).toBe('A long text');
    expect(res.text.length).toBeLessThan(NODE_TEXT_MAX * 1.1);
  });

  test('any piece by UTF-16 offsets, as the quotes count them (emoji included)', async () => {
    const quote = 'talks would go on';
    const start = longText.indexOf(quote, 400_000);
    const res = await get(
      `/api/nodes/${LONG_ID}?textOffset=${start - 10}&textLength=${quote.length + 20}`,
    ).expect(200);
    const node = conforms(nodeDetailsSchema, res.body);
    expect(node.textRange).toEqual({ offset: start - 10, length: quote.length + 20, total: longText.length });
    expect((node.properties.text as string).slice(10, 10 + quote.length)).toBe(quote);

    const end = await get(`/api/nodes/${LONG_ID}?textOffset=${longText.length - 8}`).expect(200);
    expect(end.body.properties.text).toBe('THE END.');
    expect(end.body.textRange).toEqual({ offset: longText.length - 8, length: 8, total: longText.length });
  });

  test('pieces put together give the text back', async () => {
    const pieces: string[] = [];
    for (let offset = 0; offset < longText.length; offset += NODE_TEXT_MAX) {
      const res = await get(`/api/nodes/${LONG_ID}?textOffset=${offset}&textLength=${NODE_TEXT_MAX}`).expect(
        200,
      );
      pieces.push(res.body.properties.text as string);
    }
    expect(pieces.join('')).toBe(longText);
  });

  test.each([
    [`textOffset=${longText.length + 1}`, '/query/textOffset', `expected at most ${longText.length}`],
    ['textOffset=-1', '/query/textOffset', 'expected 0 or more'],
    ['textLength=0', '/query/textLength', 'expected 1 or more'],
    [`textLength=${NODE_TEXT_MAX + 1}`, '/query/textLength', `expected at most ${NODE_TEXT_MAX}`],
    ['textOffset=ten', '/query/textOffset', ''],
  ])('%s: a 400 that says where', async (query, at, detail) => {
    const res = await get(`/api/nodes/${LONG_ID}?${query}`).expect(400);
    expect(res.body.type).toBe('/problems/invalid-request');
    expect(res.body.errors[0].pointer).toBe(at);
    expect(res.body.errors[0].detail).toContain(detail);
  });

  test('a range on a node without text is a 400; without a range it has no textRange', async () => {
    const res = await get('/api/nodes/person:sergei-ryabkov?textOffset=0').expect(400);
    expect(res.body.errors[0]).toMatchObject({
      pointer: '/query/textOffset',
      detail: expect.stringContaining('no text'),
    });
    const plain = await get('/api/nodes/person:sergei-ryabkov').expect(200);
    expect(plain.body.textRange).toBeUndefined();
  });
});
