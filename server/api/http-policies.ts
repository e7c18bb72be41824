// What every answer of the server gets, apart from its content: security headers (helmet), CORS
// (off unless origins are configured), a rate limit on the expensive endpoints, and one
// structured JSON log line per request.

import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { PROBLEM_TYPES, ProblemError } from './problem.ts';

export function securityHeaders(corsEnabled: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        // The server speaks plain HTTP (TLS is a reverse proxy's job): upgrading requests would
        // break the client when it is opened as http://<host>:<port> from another machine.
        'upgrade-insecure-requests': null,
        // graphology's layout workers are started from blob: URLs; exports of the canvas are data: images.
        'worker-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        // No page may frame the client (clickjacking); X-Frame-Options says the same to old browsers.
        'frame-ancestors': ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: corsEnabled ? 'cross-origin' : 'same-origin' },
    strictTransportSecurity: false,
  });
}

/** CORS for the configured origins only (`*` for any); without origins, no CORS header is ever sent. */
export function cors(origins: string[]): RequestHandler {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (!origin || !(any || allowed.has(origin))) return next();
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    res.vary('Origin');
    res.setHeader(
      'Access-Control-Expose-Headers',
      'Content-Disposition, Retry-After, X-Request-Id, RateLimit, RateLimit-Policy',
    );
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}

/** At most `perMinute` requests a minute per client address; the 429 is a problem with Retry-After. */
export function rateLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, _res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      next(
        new ProblemError(
          {
            type: PROBLEM_TYPES.tooMany,
            title: 'Too many requests',
            status: 429,
            detail: `At most ${perMinute} console and export requests a minute; try again in ${seconds} s.`,
          },
          { 'Retry-After': String(seconds) },
        ),
      );
    },
  });
}

export type LogLine = (line: string) => void;

/** One JSON line per request when it ends (or is aborted), with an id also sent as X-Request-Id. */
export function requestLog(write: LogLine | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    if (write) {
      res.on('close', () => {
        const status = res.statusCode;
        const length = res.getHeader('content-length');
        write(
          JSON.stringify({
            time: new Date().toISOString(),
            level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
            msg: 'request',
            requestId,
            method: req.method,
            url: req.originalUrl,
            status,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            ...(length !== undefined ? { bytes: Number(length) } : {}),
            ...(res.writableFinished ? {} : { aborted: true }),
            ip: req.ip,
          }),
        );
      });
    }
    next();
  };
}
