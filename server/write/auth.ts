// Who may write: one random token per installation (STANCEGRAPH_TOKEN, or made at the first start
// and kept owner-only in $STANCEGRAPH_HOME/api-token). Scripts send `Authorization: Bearer`; the
// browser signs in once through a URL that sets a session cookie. Every write must also come from
// the server's own host names (no DNS rebinding) and, when a browser says where from, its own origin.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request } from 'express';
import { ProblemError } from '../api/problem.ts';

export const SESSION_COOKIE = 'stancegraph_session';
export const TOKEN_FILE = 'api-token';

export interface WriterAuth {
  token: string;
  /** Host names the server answers to as itself (loopback names, HOST). */
  hosts: string[];
  /** Bound to a non-loopback address: reads need the token (or the session) too. */
  readsNeedToken?: boolean;
}

/** The token: STANCEGRAPH_TOKEN when set, else the one in `home`, made there (mode 0600) when missing. */
export function loadOrCreateToken(
  home: string,
  fromEnv: string | undefined,
): { token: string; file?: string } {
  if (fromEnv) return { token: fromEnv };
  const file = path.join(home, TOKEN_FILE);
  if (fs.existsSync(file)) {
    const token = fs.readFileSync(file, 'utf8').trim();
    if (token.length >= 16) {
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
      return { token, file };
    }
  }
  fs.mkdirSync(home, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { token, file };
}

/** The server's own host names: the loopback ones and the address it listens on. */
export function ownHosts(host: string): string[] {
  return [...new Set(['127.0.0.1', 'localhost', '::1', host.replace(/^\[|\]$/g, '')])];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** Whether `host` (HOST) is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** What a server listening on `host` (also named `allowedHosts`) needs to check writes (and reads, off loopback). */
export function writerFor(token: string, host: string, allowedHosts: readonly string[] = []): WriterAuth {
  return { token, hosts: [...ownHosts(host), ...allowedHosts], readsNeedToken: !isLoopback(host) };
}

/** The session cookie's value: derived from the token, so that no session store is needed. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('stancegraph browser session').digest('base64url');
}

export function signInPath(token: string): string {
  return `/api/auth/signin?token=${encodeURIComponent(token)}`;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
}

const forbidden = (detail: string) =>
  new ProblemError({ type: '/problems/forbidden', title: 'Write refused', status: 403, detail });

/** Whether the request carries the token (Bearer) or the browser session (cookie). */
export function credentialOf(req: Request, auth: WriterAuth | undefined): 'token' | 'session' | undefined {
  if (!auth) return undefined;
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Bearer ') && same(header.slice(7).trim(), auth.token)) return 'token';
  const session = cookie(req, SESSION_COOKIE);
  if (session !== undefined && same(session, sessionValue(auth.token))) return 'session';
  return undefined;
}

/** Refuses a write that lacks the token or comes from elsewhere; says who writes. */
export function authorizeWrite(req: Request, auth: WriterAuth | undefined): string {
  if (!auth) throw forbidden('Writes are off on this server (it was started without a write token).');
  const host = req.headers.host ?? '';
  if (!auth.hosts.includes(hostName(host))) {
    throw forbidden(
      `Host "${host}" is not this server's own (${auth.hosts.join(', ')}); writes come only to its own names.`,
    );
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== host) {
      throw forbidden(`Origin "${origin}" is not this server (${host}); cross-site writes are refused.`);
    }
  }
  const credential = credentialOf(req, auth);
  if (!credential) {
    throw new ProblemError(
      {
        type: '/problems/unauthorized',
        title: 'Token required',
        status: 401,
        detail:
          'Writes need the token: send `Authorization: Bearer <token>` (the token is in $STANCEGRAPH_HOME/api-token or STANCEGRAPH_TOKEN), or open the sign-in URL the server printed at start.',
      },
      { 'WWW-Authenticate': 'Bearer realm="stancegraph"' },
    );
  }
  // A browser session must say where it comes from: fetch() sends Origin on every write.
  if (credential === 'session' && origin === undefined) {
    throw forbidden('A write with the session cookie must carry an Origin header (a browser sends one).');
  }
  return credential === 'token' ? 'token' : 'browser session';
}

/**
 * Off loopback (HOST=0.0.0.0 …), reads need the token or the session too; signing in, the health
 * check and the OpenAPI document stay open.
 */
export function requireReaderOffLoopback(auth: WriterAuth | undefined) {
  const open = new Set(['/api/auth/signin', '/api/health', '/api/openapi.json', '/api/auth']);
  return (req: Request, _res: unknown, next: (error?: unknown) => void): void => {
    if (!auth?.readsNeedToken || open.has(`${req.baseUrl}${req.path}`) || credentialOf(req, auth))
      return next();
    next(
      new ProblemError(
        {
          type: '/problems/unauthorized',
          title: 'Token required',
          status: 401,
          detail:
            'This server listens beyond this machine: reads need the token too (Authorization: Bearer, or the sign-in URL printed at start).',
        },
        { 'WWW-Authenticate': 'Bearer realm="stancegraph"' },
      ),
    );
  };
}
