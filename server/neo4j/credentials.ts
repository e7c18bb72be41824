// The embedded Neo4j's credentials: a random password made at its first start, kept owner-only
// (file 0600 in a 0700 $STANCEGRAPH_HOME) and read by everything that connects to it (server,
// CLI, tests, benchmarks). Deleting the file makes the next start set a new one.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import neo4j, { type AuthToken } from 'neo4j-driver';
import type { Config } from '../config.ts';

export const EMBEDDED_USER = 'neo4j';

export function passwordFile(config: Config): string {
  return path.join(config.embedded.home, 'neo4j-password');
}

/** Creates `dir` readable by its owner only, and tightens it if it exists with wider rights. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.statSync(dir);
  if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) fs.chmodSync(dir, 0o700);
}

/** Writes `content` to `file` with mode 0600 (atomically: a reader never sees half a file). */
export function writePrivateFile(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

export function readEmbeddedPassword(config: Config): string | undefined {
  try {
    const password = fs.readFileSync(passwordFile(config), 'utf8').trim();
    return password || undefined;
  } catch {
    return undefined;
  }
}

/** The embedded Neo4j's password, made (256 random bits) and stored when there is none yet. */
export function ensureEmbeddedPassword(config: Config): string {
  ensurePrivateDir(config.embedded.home);
  const existing = readEmbeddedPassword(config);
  if (existing) {
    fs.chmodSync(passwordFile(config), 0o600);
    return existing;
  }
  const password = crypto.randomBytes(32).toString('base64url');
  writePrivateFile(passwordFile(config), `${password}\n`);
  return password;
}

/** Basic auth for the embedded Neo4j, or undefined when it has never been started here. */
export function embeddedAuth(config: Config): AuthToken | undefined {
  const password = readEmbeddedPassword(config);
  return password === undefined ? undefined : neo4j.auth.basic(EMBEDDED_USER, password);
}

/** A fingerprint of the password, kept in the data folder to know whether it holds that password. */
export function passwordFingerprint(password: string): string {
  return crypto.createHash('sha256').update(`stancegraph:${password}`).digest('hex');
}
