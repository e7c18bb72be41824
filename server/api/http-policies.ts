// What every answer of the server gets, apart from its content: security headers (helmet), CORS
// (the `cors` package; off unless origins are configured), a rate limit on the expensive endpoints
// (express-rate-limit), and one structured JSON log line per request (pino-http).

import { randomUUID } from 'node:crypto';
import corsMiddleware from 'cors';
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
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
  return corsMiddleware({
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type'],
    exposedHeaders: ['Content-Disposition', 'Retry-After', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
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

const STARTED = Symbol('started');
type Timed = Response & { [STARTED]?: number };

/**
 * One JSON line per request when it ends (or is aborted), with an id also sent as X-Request-Id
 * (and kept in `res.locals.requestId` for problem answers). Without `write`, ids only.
 */
export function requestLog(write: LogLine | undefined): RequestHandler {
  const logger = pino(
    {
      enabled: write !== undefined,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => write?.(line.trimEnd()) },
  );
  const line = (req: Request, res: Response) => {
    const length = res.getHeader('content-length');
    const started = (res as Timed)[STARTED] ?? performance.now();
    return {
      method: req.method,
      url: req.originalUrl,
      status: res.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(length !== undefined ? { bytes: Number(length) } : {}),
      ...(res.writableFinished ? {} : { aborted: true }),
      ip: req.ip,
    };
  };
  return pinoHttp<Request, Response>({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId: (_req, res) => {
      const requestId = randomUUID();
      (res as Timed)[STARTED] = performance.now();
      res.locals.requestId = requestId;
      res.setHeader('X-Request-Id', requestId);
      return requestId;
    },
    customLogLevel: (_req, res) =>
      res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res) => line(req, res),
    customErrorObject: (req, res) => line(req, res),
  });
}
