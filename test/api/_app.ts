// Shared helpers for the API tests: the app as createApp builds it, on a real driver to the test
// Neo4j, with request log lines captured instead of printed.

import type { Express } from 'express';
import type { Driver } from 'neo4j-driver';
import type { z } from 'zod';
import { ConsoleRunner } from '../../server/api/console-runner.ts';
import { createApp } from '../../server/app.ts';
import { serverExtractionQueue } from '../../server/jobs/extraction.ts';
import { loadFounding, resetGraph, testConfig, testDriver } from '../_neo4j.ts';

export interface TestApp {
  app: Express;
  driver: Driver;
  logLines: string[];
}

/**
 * The app on the test Neo4j, console queries in worker threads as the server runs them. With a
 * driver of the caller's (one to a Neo4j that is away, or behind a proxy), console queries run on
 * that driver in-process: a worker thread would make its own driver to the test Neo4j.
 */
export function testApp(
  env: Record<string, string> = {},
  ownDriver?: Driver,
  options: { extraction?: boolean } = {},
): TestApp {
  const config = testConfig(env);
  const driver = ownDriver ?? testDriver();
  // As the server has it (its CoreNLP starts with the first job, which needs a write token).
  const extraction = options.extraction ? serverExtractionQueue(config, driver) : undefined;
  const logLines: string[] = [];
  const app = createApp({
    driver,
    database: config.neo4j.database,
    api: config.api,
    log: (line) => logLines.push(line),
    console: ownDriver ? undefined : new ConsoleRunner(config, config.api.queryConcurrency),
    extraction,
  });
  return { app, driver, logLines };
}

/** The app on a database that holds the founding dataset and nothing else (test files share one Neo4j). */
export async function foundingApp(
  env: Record<string, string> = {},
  options: { extraction?: boolean } = {},
): Promise<TestApp> {
  const t = testApp(env, undefined, options);
  await resetGraph(t.driver);
  await loadFounding(t.driver);
  return t;
}

/** Parses a response body with the route's zod schema: the answer matches what the OpenAPI document says. */
export function conforms<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new Error(`response does not match its schema: ${JSON.stringify(parsed.error.issues, null, 2)}`);
  return parsed.data;
}
