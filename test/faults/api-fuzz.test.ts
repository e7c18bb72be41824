// Fuzzes every endpoint of the OpenAPI document (GET /api/openapi.json, generated from the routes'
// zod schemas): fast-check builds requests from each operation's JSON Schemas (path and query
// parameters, JSON bodies), mostly valid, some bent (values outside their bounds, wrong types,
// hostile strings, repeated or unknown parameters, broken JSON), and sends them over real HTTP to
// the app on the test Neo4j. No answer may be a 5xx, none may hang, and the graph stays the same.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphChecksum } from '../_neo4j.ts';
import { foundingApp, type TestApp } from '../api/_app.ts';

/** Requests per operation: a dozen operations make about 1,650 requests (raise it for a longer run). */
const RUNS = Number(process.env.STANCEGRAPH_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.STANCEGRAPH_FAULT_SEED ?? 17);
/** No request may take longer: a hang fails the test rather than the suite's timeout. */
const REQUEST_TIMEOUT_MS = 30_000;

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
};
interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}
interface Operation {
  operationId: string;
  parameters: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

let t: TestApp;
let server: Server;
let base: string;
let spec: { paths: Record<string, Record<string, Operation>> };
let ids: string[];
let before: string;
/** The ids the operation being fuzzed expects (a claim's positions: claims), when it says. */
let idPool: string[] = [];

/** Strings that have broken servers before: escapes, injections, odd Unicode, sizes. */
const HOSTILE = [
  '',
  ' ',
  '\u0000',
  '%00',
  '%',
  '../../etc/passwd',
  "') RETURN 1 //",
  "' OR 1=1 --",
  '`',
  '\\',
  '"',
  '*',
  '?',
  '~',
  '+-&&||!(){}[]^"~*?:\\/',
  'AND OR NOT',
  '\uD800',
  '😀'.repeat(300),
  'a'.repeat(5000),
  'x'.repeat(70_000),
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  '2022-02-30',
  '0000-00-00',
  'actor:',
  'actor:' + 'x'.repeat(300),
  'CALL db.ping()',
  '/*',
  '// only a comment',
  'CREATE (n) RETURN n',
  'MATCH (n) DETACH DELETE n',
  'UNWIND range(1, 100000) AS i RETURN i',
];

const hostile = fc.constantFrom(...HOSTILE);

/** Read queries over the founding dataset's shapes: most run, a few fail in Neo4j (not in parsing). */
const CYPHER = [
  'MATCH (a:Actor)-[s]->(c:Claim) RETURN a, s, c LIMIT 25',
  'MATCH (n) RETURN n.id AS id, labels(n) AS labels ORDER BY id LIMIT 50',
  'MATCH p = (:Actor)-[*1..2]-(:Claim) RETURN p LIMIT 10',
  'MATCH (n {id: $id}) RETURN n',
  'RETURN $x AS x, $y AS y',
  'UNWIND range(1, 10) AS i RETURN i, toString(i) + "x" AS s',
  'RETURN 1 / 0 AS oops',
  'RETURN toInteger("x") + 1 AS n',
  'MATCH (a:Actor) RETURN a.name, count(*) AS n ORDER BY n DESC LIMIT 5',
  'CALL db.labels() YIELD label RETURN label',
  'RETURN date("2022-13-45") AS d',
  'RETURN [x IN range(1, 5) | {x: x, d: date("2022-01-11"), p: point({x: 1, y: 2})}] AS xs',
  'MATCH (n) RETURN n SKIP 1000000 LIMIT 1',
];
const junk: fc.Arbitrary<unknown> = fc.oneof(
  hostile,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, -1, 0, 1e308, -1e308, 2 ** 31, [], {}),
);

/** An arbitrary for a JSON Schema (the subset zod's toJSONSchema produces). */
function arb(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arb(s, depth + 1)));
  if (schema.allOf) return arb(Object.assign({}, ...schema.allOf) as JsonSchema, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
        return fc
          .date({ min: new Date('2015-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern);
        if (pattern.test(ids[0]!)) return fc.constantFrom(...(idPool.length ? idPool : ids));
        return fc.oneof(fc.stringMatching(pattern), fc.string());
      }
      if (schema.format === 'date')
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      // Cypher (the console's and a query export's `query`): read queries that run, and others.
      if (schema.maxLength === 20_000)
        return fc.oneof(fc.constantFrom(...CYPHER), fc.string({ maxLength: 40 }), hostile);
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    }
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? (schema.exclusiveMinimum ?? -6) + 1, -1e6),
        max: Math.min(schema.maximum ?? 50, 1000),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e3, max: schema.maximum ?? 1e3, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arb(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, arb(s, depth + 1)])),
        { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) },
      );
      if (typeof schema.additionalProperties === 'object') {
        const keys = schema.propertyNames ? arb(schema.propertyNames, depth + 1) : fc.string();
        return fc
          .tuple(
            record,
            fc.dictionary(keys as fc.Arbitrary<string>, arb(schema.additionalProperties, depth + 1), {
              maxKeys: 3,
            }),
          )
          .map(([fixed, extra]) => ({ ...extra, ...fixed }));
      }
      return record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value from its schema, mostly; sometimes bent (junk, hostile, wrong type). */
const bent = (schema: JsonSchema) =>
  fc.oneof({ arbitrary: arb(schema), weight: 3 }, { arbitrary: junk, weight: 1 });

/** What a query parameter's value looks like on the wire (arrays: comma-separated). */
const wire = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(wire).join(',')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

interface FuzzRequest {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
}

/** Three requests in four follow the schemas (they reach the handlers), one in four is bent. */
const requestArb = (path: string, method: string, op: Operation): fc.Arbitrary<FuzzRequest> =>
  fc.oneof(
    { arbitrary: operationArb(path, method, op, arb), weight: 3 },
    { arbitrary: operationArb(path, method, op, bent), weight: 1 },
  );

function operationArb(
  path: string,
  method: string,
  op: Operation,
  bent: (schema: JsonSchema) => fc.Arbitrary<unknown>,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, bent(p.schema)])));
  const queryArb = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, bent(p.schema)])), {
    requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name),
  });
  // Express turns a repeated parameter into an array, and unknown ones are refused: both happen.
  const extrasArb = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...queryParams.map((p) => p.name), 'x'), fc.string({ maxLength: 8 })),
      hostile,
    ),
    { maxLength: 2 },
  );
  const schema = op.requestBody?.content['application/json'].schema;
  const bodyArb: fc.Arbitrary<{ body?: string; contentType?: string }> = schema
    ? fc.oneof(
        {
          arbitrary: bent(schema).map((value) => ({
            body: JSON.stringify(value) ?? 'null',
            contentType: 'application/json',
          })),
          weight: 8,
        },
        {
          arbitrary: fc
            .constantFrom('{', '{"a":', '[]', 'null', '"x"', '{"__proto__":{"x":1}}')
            .map((body) => ({ body, contentType: 'application/json' })),
          weight: 1,
        },
        {
          arbitrary: fc.string().map((body) => ({ body, contentType: 'text/plain' })),
          weight: bent === arb ? 0 : 1,
        },
      )
    : fc.constant({});
  return fc
    .record({
      pathValues: pathArb,
      query: queryArb,
      extras: fc.oneof({ arbitrary: fc.constant([]), weight: 4 }, { arbitrary: extrasArb, weight: 1 }),
      body: bodyArb,
    })
    .map(({ pathValues, query, extras, body }) => {
      let url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wire(pathValues[name])));
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(query))
        if (value !== undefined) search.append(name, wire(value));
      for (const [name, value] of extras) search.append(name, value);
      if ([...search].length) url += `?${search}`;
      return { method: method.toUpperCase(), url, ...body };
    });
}

beforeAll(async () => {
  // Console and exports are rate-limited per client (429s would hide what is behind them).
  // With background extraction, as `stancegraph start` serves the API.
  t = await foundingApp({ STANCEGRAPH_RATE_LIMIT: '1000000' }, { extraction: true });
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as typeof spec;
  const { records } = await t.driver.executeQuery('MATCH (n) RETURN n.id AS id ORDER BY id');
  ids = records.map((r) => r.get('id') as string);
  before = await graphChecksum(t.driver);
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.driver.close();
});

describe('every endpoint of the OpenAPI document, fuzzed', () => {
  it('answers every generated request with less than 500, in time, and changes nothing', async () => {
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(10);
    const statuses: Record<string, Record<number, number>> = {};
    let sent = 0;
    for (const { path, method, op } of operations) {
      const prefixes = path.includes('/claims/')
        ? ['claim:']
        : path.includes('/actors/')
          ? ['person:', 'institution:', 'country:']
          : path.includes('/networks/')
            ? ['topic:']
            : [];
      idPool = ids.filter((id) => prefixes.some((prefix) => id.startsWith(prefix)));
      const seen = (statuses[op.operationId] = {} as Record<number, number>);
      await fc.assert(
        fc.asyncProperty(requestArb(path, method, op), async (request) => {
          const res = await fetch(`${base}${request.url}`, {
            method: request.method,
            headers: request.contentType ? { 'content-type': request.contentType } : {},
            body: request.body,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          // An event stream (GET /api/extractions/events) stays open by design: its status and
          // headers are the answer; the stream is closed here.
          const streaming = res.headers.get('content-type')?.startsWith('text/event-stream') === true;
          const text = streaming ? (await res.body?.cancel(), '') : await res.text();
          sent++;
          seen[res.status] = (seen[res.status] ?? 0) + 1;
          if (res.status >= 500)
            throw new Error(
              `${request.method} ${request.url.slice(0, 300)} ${request.body?.slice(0, 300) ?? ''} → ${res.status} ${text.slice(0, 300)}`,
            );
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false, interruptAfterTimeLimit: 60_000 },
      );
    }
    console.log(`fuzz: ${sent} requests; statuses by operation ${JSON.stringify(statuses)}`);
    expect(sent).toBeGreaterThanOrEqual(RUNS * 10 * 0.5);
    // Most requests got past validation to the handler: the fuzz is not only knocking at the door.
    const ok = Object.values(statuses).reduce((sum, s) => sum + (s[200] ?? 0), 0);
    expect(ok).toBeGreaterThan(sent / 4);
    expect(await graphChecksum(t.driver)).toBe(before);
  }, 300_000);
});
