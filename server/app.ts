// createApp(deps) builds the Express app (the API under /api, the client's build at / when there
// is one) and does not listen: the entry point (server/http.ts) owns listening, signals and the
// driver, and tests drive the app with supertest.

import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Driver } from 'neo4j-driver';
import type { ApiConfig } from './config.ts';
import type { ConsoleRunner } from './api/console-runner.ts';
import { errorMiddleware, notFoundRoute } from './api/errors.ts';
import { hostCheck } from './api/host-check.ts';
import { cors, rateLimiter, requestLog, securityHeaders, type LogLine } from './api/http-policies.ts';
import { QueryGate } from './api/query-gate.ts';
import type { ApiContext } from './api/route.ts';
import { mountRoutes } from './api/route.ts';
import { API_ROUTES } from './api/routes/index.ts';
import type { ExtractionQueue } from './jobs/extraction.ts';
import { requireReaderOffLoopback, type WriterAuth } from './write/auth.ts';

export interface AppDeps {
  driver: Driver;
  /** The Neo4j database; undefined means the server's default. */
  database?: string | undefined;
  api: ApiConfig;
  /** Where request log lines go; default stdout when `api.requestLog` is on. */
  log?: LogLine;
  /** A built client (index.html and assets) to serve at `/`; ignored when the folder has no index.html. */
  clientDir?: string;
  version?: string;
  /** The write token and the server's own host names; without it, writes are refused. */
  writer?: WriterAuth;
  /** Extracts added documents in the background (server/jobs/extraction.ts); without it, off. */
  extraction?: ExtractionQueue;
  /**
   * Runs console queries in worker threads with drivers of their own (made from the configuration
   * `driver` was made from), so they never block the event loop; the caller closes it. Without it
   * they run on the main thread.
   */
  console?: ConsoleRunner;
}

export const API_VERSION = '0.1.0';

export function createApp(deps: AppDeps): Express {
  const context: ApiContext = {
    db: { driver: deps.driver, database: deps.database },
    api: deps.api,
    version: deps.version ?? API_VERSION,
    writer: deps.writer,
    extraction: deps.extraction,
    queryGate: new QueryGate(deps.api.queryConcurrency),
    console: deps.console,
  };
  const app = express();
  app.set('query parser', 'simple');
  app.set('trust proxy', false);
  const log = deps.api.requestLog
    ? (deps.log ?? ((line: string) => void process.stdout.write(`${line}\n`)))
    : undefined;
  app.use(requestLog(log));
  app.use(securityHeaders(deps.api.corsOrigins.length > 0));
  app.use(hostCheck(deps.api.hosts));
  if (deps.api.corsOrigins.length > 0) app.use('/api', cors(deps.api.corsOrigins));
  app.use('/api', express.json({ limit: '2mb' }));
  app.use('/api', requireReaderOffLoopback(deps.writer));

  const api = express.Router();
  mountRoutes(api, API_ROUTES, context, rateLimiter(deps.api.rateLimitPerMinute));
  app.use(api);
  app.use('/api', notFoundRoute);

  if (deps.clientDir && fs.existsSync(path.join(deps.clientDir, 'index.html'))) {
    const index = path.join(deps.clientDir, 'index.html');
    // Built assets have hashed names and can be cached; index.html must be asked for again.
    const noCache = (res: express.Response) => res.setHeader('Cache-Control', 'no-cache');
    app.use(
      express.static(deps.clientDir, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, file) => path.basename(file) === 'index.html' && noCache(res),
      }),
    );
    app.get('/{*path}', (_req, res) => {
      noCache(res);
      res.sendFile(index);
    });
  }
  app.use(notFoundRoute);
  app.use(errorMiddleware(context));
  return app;
}
