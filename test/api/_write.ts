// Shared helpers for the write API tests: the app with a write token, requests that carry it, and
// a fingerprint of the dataset alone (the write log's Change nodes left out) to compare graphs.

import fs from 'node:fs';
import type { Express } from 'express';
import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { dumpDataset } from '../../server/dump/dataset.ts';
import { canonicalJson } from '../../server/neo4j/checksum.ts';
import type { Plain } from '../../server/neo4j/values.ts';
import { ownHosts } from '../../server/write/auth.ts';
import { loadFounding, resetGraph, testConfig, testDriver } from '../_neo4j.ts';

export const TOKEN = 'test-write-token-0123456789';
export const DOC = 'document:2022-01-11-us-nato-envoy-on-russia-talks';
export const TEXT = fs.readFileSync(
  new URL('../../data/founding/2022-01-11-us-nato-envoy-on-russia-talks.txt', import.meta.url),
  'utf8',
);

export interface WriteApp {
  app: Express;
  driver: Driver;
}

export async function writeApp(env: Record<string, string> = {}): Promise<WriteApp> {
  const driver = testDriver();
  await resetGraph(driver);
  await loadFounding(driver);
  const config = testConfig({ STANCEGRAPH_REQUEST_LOG: 'off', ...env });
  const app = createApp({
    driver,
    database: config.neo4j.database,
    api: config.api,
    writer: { token: TOKEN, hosts: ownHosts('127.0.0.1') },
  });
  return { app, driver };
}

type Method = 'post' | 'patch' | 'delete';

/** A write as a script makes it: Bearer token, JSON body. */
export function write(
  app: Express,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  let req = request(app)[method](url).set('Authorization', `Bearer ${TOKEN}`);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return body === undefined ? req : req.send(body as object);
}

/** The dataset the graph holds (what `dump` writes), as one string: equal strings, equal graphs. */
export async function datasetFingerprint(driver: Driver): Promise<string> {
  const { dataset } = await dumpDataset(driver);
  return canonicalJson(dataset as unknown as Plain);
}

/** A span of the founding document by its words. */
export function span(quote: string): { quote: string; start: number; end: number } {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in the founding text: ${quote}`);
  return { quote, start, end: start + quote.length };
}
