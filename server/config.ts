// Configuration from the environment, validated once at start-up with messages that name the
// variable, what it held and what was expected. Every other module takes a Config, never process.env.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_FETCH_MAX_BYTES, type FetchLimits } from './extract/fetch-guard.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What `stancegraph start` loads into an empty database (data/founding/README.md). */
export const FOUNDING_DATASET = path.join(
  PROJECT_ROOT,
  'data',
  'founding',
  '2022-01-11-us-nato-envoy-on-russia-talks.yaml',
);

const size = z
  .string()
  .regex(/^\d+[kmg]?$/i, 'expected a size such as 512m or 2g')
  .transform((value) => value.toLowerCase());
/** Connections the driver keeps to Neo4j (server/neo4j/connection.ts). */
export const DRIVER_POOL_SIZE = 50;
/** Users' queries at once may take at most this many of them: the rest stay for the API's own. */
export const MAX_QUERY_CONCURRENCY = DRIVER_POOL_SIZE - 10;

/** The largest document text by default, 16 MiB: some forty novels; the API serves a text whole. */
export const DEFAULT_MAX_TEXT_BYTES = 16 * 1024 * 1024;

/** `16m` → 16777216; `512k`, `1g`, or plain bytes (the format is checked by `size` first). */
export function sizeToBytes(value: string): number {
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[value.slice(-1).toLowerCase()] ?? 1;
  return Number.parseInt(value, 10) * unit;
}
const bytes = size.transform(sizeToBytes);
const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as 30s or 2m');
const port = z.coerce.number().int().min(1).max(65535);
const durationMs = duration.transform(toMilliseconds);
const count = z.coerce.number().int('expected a whole number').positive('expected a positive number');
const onOff = z.enum(['on', 'off'], 'expected on or off').transform((value) => value === 'on');
/** A comma-separated list, items trimmed, empty items dropped. */
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const origins = commaList.pipe(
  z.array(
    z.union([
      z.literal('*'),
      z
        .string()
        .regex(
          /^https?:\/\/[^/\s]+$/,
          'expected origins such as http://localhost:5173 (scheme, host, port; no path)',
        ),
    ]),
  ),
);

const httpUrls = commaList
  .transform((urls) => urls.map((url) => url.replace(/\/+$/, '')))
  .pipe(
    z
      .array(z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'expected URLs such as http://host:9000'))
      .min(1, 'expected at least one URL'),
  );

/** `30s` → 30000; the format is checked by `duration` first. */
function toMilliseconds(value: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value)!;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

const envSchema = z
  .object({
    NEO4J_URI: z
      .string()
      .regex(
        /^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/,
        'expected a Bolt URI such as neo4j://host:7687 or bolt://host:7687',
      )
      .optional(),
    NEO4J_USER: z.string().default('neo4j'),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().optional(),
    STANCEGRAPH_HOME: z.string().default(path.join(PROJECT_ROOT, 'var')),
    STANCEGRAPH_NEO4J_PORT: port.default(7687),
    STANCEGRAPH_NEO4J_HEAP: size.default('2g'),
    STANCEGRAPH_NEO4J_PAGECACHE: size.default('2g'),
    STANCEGRAPH_NEO4J_TX_TIMEOUT: duration.default('120s'),
    STANCEGRAPH_NEO4J_TX_MEMORY: size.default('2g'),
    STANCEGRAPH_NEO4J_START_TIMEOUT: z.coerce.number().int().positive().default(120),
    STANCEGRAPH_NEO4J_PLUGINS: z.string().optional(),
    STANCEGRAPH_MAX_TEXT_BYTES: bytes.default(DEFAULT_MAX_TEXT_BYTES),
    HOST: z.string().default('127.0.0.1'),
    PORT: port.default(3000),
    STANCEGRAPH_API_TIMEOUT: durationMs.default(30_000),
    STANCEGRAPH_CONSOLE_TIMEOUT: durationMs.default(10_000),
    STANCEGRAPH_CONSOLE_ROWS: count.default(1000),
    STANCEGRAPH_CONSOLE_MAX_ROWS: count.default(10_000),
    STANCEGRAPH_CONSOLE_MAX_BYTES: bytes.default(8 * 1024 * 1024),
    STANCEGRAPH_QUERY_CONCURRENCY: count
      .max(
        MAX_QUERY_CONCURRENCY,
        `expected at most ${MAX_QUERY_CONCURRENCY} (the driver's pool is ${DRIVER_POOL_SIZE})`,
      )
      .default(4),
    STANCEGRAPH_RATE_LIMIT: count.default(60),
    STANCEGRAPH_EXPORT_TIMEOUT: durationMs.default(600_000),
    STANCEGRAPH_CORS_ORIGINS: origins.default([]),
    STANCEGRAPH_ALLOWED_HOSTS: commaList
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+)(:\d{1,5})?$/,
              'expected host names such as graph.example.org or graph.example.org:8443 (no scheme, no path)',
            ),
        ),
      )
      .default([]),
    STANCEGRAPH_REQUEST_LOG: onOff.default(true),
    STANCEGRAPH_FETCH_PRIVATE: onOff.default(false),
    STANCEGRAPH_FETCH_MAX_BYTES: bytes.default(DEFAULT_FETCH_MAX_BYTES),
    STANCEGRAPH_TOKEN: z.string().min(16, 'expected a token of at least 16 characters').optional(),
    STANCEGRAPH_CORENLP_URL: httpUrls.optional(),
    STANCEGRAPH_CORENLP_PORT: port.default(9000),
    STANCEGRAPH_CORENLP_HEAP: size.default('2g'),
    STANCEGRAPH_CORENLP_TIMEOUT: durationMs.default(300_000),
    STANCEGRAPH_CORENLP_START_TIMEOUT: z.coerce.number().int().positive().default(600),
    STANCEGRAPH_LLM_URL: httpUrls
      .pipe(z.array(z.string()).max(1, 'expected one URL'))
      .transform((urls) => urls[0]!)
      .optional(),
    STANCEGRAPH_LLM_MODEL: z.string().min(1).optional(),
    STANCEGRAPH_LLM_API_KEY: z.string().min(1).optional(),
    STANCEGRAPH_LLM_TIMEOUT: durationMs.default(300_000),
  })
  .superRefine((env, ctx) => {
    if (env.STANCEGRAPH_CONSOLE_ROWS > env.STANCEGRAPH_CONSOLE_MAX_ROWS) {
      ctx.addIssue({
        code: 'custom',
        path: ['STANCEGRAPH_CONSOLE_ROWS'],
        message: `expected at most STANCEGRAPH_CONSOLE_MAX_ROWS (${env.STANCEGRAPH_CONSOLE_MAX_ROWS})`,
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  neo4j: {
    /** Set when an external Neo4j is used; unset means the embedded one. */
    uri: string | undefined;
    user: string;
    password: string | undefined;
    database: string | undefined;
  };
  embedded: {
    home: string;
    port: number;
    heap: string;
    pagecache: string;
    txTimeout: string;
    txMemory: string;
    startTimeoutSeconds: number;
    /** A folder of procedure jars (APOC for the export benchmark); unset means none. */
    plugins: string | undefined;
  };
  http: { host: string; port: number };
  api: ApiConfig;
  /** The largest document text the loader accepts, in bytes (STANCEGRAPH_MAX_TEXT_BYTES). */
  maxTextBytes: number;
  nlp: NlpConfig;
  llm: LlmConfig;
}

/** The CoreNLP servers extraction talks to: ours (managed, on 127.0.0.1) or the user's. */
export interface NlpConfig {
  /** Servers of one's own (STANCEGRAPH_CORENLP_URL); unset means the managed one. */
  urls: string[] | undefined;
  /** Where the managed server keeps its pid, properties and log (`$STANCEGRAPH_HOME/corenlp`). */
  home: string;
  port: number;
  heap: string;
  /** Per request, on the server and in the client. */
  timeoutMs: number;
  startTimeoutSeconds: number;
}

/** An OpenAI-compatible chat completions server for `extract --engine llm`. */
export interface LlmConfig {
  url: string | undefined;
  model: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
}

/** The HTTP API's limits and policies (docs/API.md lists the variables). */
export interface ApiConfig {
  /** Server-side timeout of the API's own queries. */
  queryTimeoutMs: number;
  /** Server-side timeout of a console query (Neo4j terminates the transaction). */
  consoleTimeoutMs: number;
  /** Rows a console query returns unless it asks for fewer or more. */
  consoleRows: number;
  /** The most rows a console query may ask for. */
  consoleMaxRows: number;
  /** Bytes of JSON a console answer may take; reading stops there (STANCEGRAPH_CONSOLE_MAX_BYTES). */
  consoleMaxBytes: number;
  /** Console and export queries at once (STANCEGRAPH_QUERY_CONCURRENCY); more get a 503. */
  queryConcurrency: number;
  /** Console and export requests a client may make per minute. */
  rateLimitPerMinute: number;
  exportTimeoutMs: number;
  /** Origins allowed by CORS; empty means CORS is off, `*` allows any. */
  corsOrigins: string[];
  /** One JSON line per request on stdout. */
  requestLog: boolean;
  /** The write token (STANCEGRAPH_TOKEN); unset: made at the first start in $STANCEGRAPH_HOME/api-token. */
  token: string | undefined;
  /** The HOST the server listens on and more names it answers for (DNS rebinding defence). */
  hosts: { host: string; allowedHosts: string[] };
  /**
   * What POST /api/documents/fetch may fetch: addresses off the public internet only with
   * STANCEGRAPH_FETCH_PRIVATE=on; pages up to STANCEGRAPH_FETCH_MAX_BYTES.
   */
  fetch: FetchLimits;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  ${name}=${JSON.stringify(env[name])}: ${issue.message}`;
    });
    throw new ConfigError(`Config: invalid environment.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    neo4j: { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE },
    embedded: {
      home: path.resolve(e.STANCEGRAPH_HOME),
      port: e.STANCEGRAPH_NEO4J_PORT,
      heap: e.STANCEGRAPH_NEO4J_HEAP,
      pagecache: e.STANCEGRAPH_NEO4J_PAGECACHE,
      txTimeout: e.STANCEGRAPH_NEO4J_TX_TIMEOUT,
      txMemory: e.STANCEGRAPH_NEO4J_TX_MEMORY,
      startTimeoutSeconds: e.STANCEGRAPH_NEO4J_START_TIMEOUT,
      plugins:
        e.STANCEGRAPH_NEO4J_PLUGINS === undefined ? undefined : path.resolve(e.STANCEGRAPH_NEO4J_PLUGINS),
    },
    http: { host: e.HOST, port: e.PORT },
    maxTextBytes: e.STANCEGRAPH_MAX_TEXT_BYTES,
    api: {
      queryTimeoutMs: e.STANCEGRAPH_API_TIMEOUT,
      consoleTimeoutMs: e.STANCEGRAPH_CONSOLE_TIMEOUT,
      consoleRows: e.STANCEGRAPH_CONSOLE_ROWS,
      consoleMaxRows: e.STANCEGRAPH_CONSOLE_MAX_ROWS,
      consoleMaxBytes: e.STANCEGRAPH_CONSOLE_MAX_BYTES,
      queryConcurrency: e.STANCEGRAPH_QUERY_CONCURRENCY,
      rateLimitPerMinute: e.STANCEGRAPH_RATE_LIMIT,
      exportTimeoutMs: e.STANCEGRAPH_EXPORT_TIMEOUT,
      corsOrigins: e.STANCEGRAPH_CORS_ORIGINS,
      requestLog: e.STANCEGRAPH_REQUEST_LOG,
      token: e.STANCEGRAPH_TOKEN,
      hosts: { host: e.HOST, allowedHosts: e.STANCEGRAPH_ALLOWED_HOSTS },
      fetch: { allowPrivate: e.STANCEGRAPH_FETCH_PRIVATE, maxBytes: e.STANCEGRAPH_FETCH_MAX_BYTES },
    },
    nlp: {
      urls: e.STANCEGRAPH_CORENLP_URL,
      home: path.join(path.resolve(e.STANCEGRAPH_HOME), 'corenlp'),
      port: e.STANCEGRAPH_CORENLP_PORT,
      heap: e.STANCEGRAPH_CORENLP_HEAP,
      timeoutMs: e.STANCEGRAPH_CORENLP_TIMEOUT,
      startTimeoutSeconds: e.STANCEGRAPH_CORENLP_START_TIMEOUT,
    },
    llm: {
      url: e.STANCEGRAPH_LLM_URL,
      model: e.STANCEGRAPH_LLM_MODEL,
      apiKey: e.STANCEGRAPH_LLM_API_KEY,
      timeoutMs: e.STANCEGRAPH_LLM_TIMEOUT,
    },
  };
}
