// Configuration from the environment, validated once at start-up with messages that name the
// variable, what it held and what was expected. Every other module takes a Config, never process.env.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const size = z
  .string()
  .regex(/^\d+[kmg]?$/i, 'expected a size such as 512m or 2g')
  .transform((value) => value.toLowerCase());
const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as 30s or 2m');
const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'expected a Bolt URI such as neo4j://host:7687 or bolt://host:7687')
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
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
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
  };
  http: { host: string; port: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
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
    },
    http: { host: e.HOST, port: e.PORT },
  };
}
