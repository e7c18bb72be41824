// The entry point that listens: builds the app on a driver, binds HOST:PORT (127.0.0.1 unless
// configured), and on SIGINT/SIGTERM stops accepting connections, lets requests in flight finish
// (for a while), then closes the driver. The server starts even when Neo4j does not answer yet:
// the API says 503 with Retry-After until it does.

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { createApp } from './app.ts';
import { PROJECT_ROOT, type Config } from './config.ts';
import { createDriver } from './neo4j/connection.ts';
import { ConsoleRunner } from './api/console-runner.ts';
import { serverExtractionQueue } from './jobs/extraction.ts';
import { superviseEmbedded, type SuperviseOptions, type Supervisor } from './neo4j/supervisor.ts';
import { loadOrCreateToken, signInPath, writerFor } from './write/auth.ts';

export const CLIENT_DIST = path.join(PROJECT_ROOT, 'client', 'dist');

/** How long requests in flight (an export) may take to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  url: string;
  /** Opens the client signed in to write (sets the session cookie); print it for the owner only. */
  signInUrl: string;
  /** Whether the client's build is served at `/`. */
  servesClient: boolean;
  /** Stops listening, waits for requests in flight (up to the grace period), closes the driver. */
  close(): Promise<void>;
  /** Settles once the server has been closed (by close() or a signal). */
  closed: Promise<void>;
  /** Watches the embedded Neo4j, when it is the one in use. */
  supervisor: Supervisor | undefined;
}

export async function serve(
  config: Config,
  options: {
    driver?: Driver;
    clientDir?: string;
    handleSignals?: boolean;
    log?: (message: string) => void;
    /**
     * Start the embedded Neo4j again if it dies or hangs (default: with the embedded Neo4j); an
     * object sets the supervisor's timings (the defaults are superviseEmbedded's).
     */
    supervise?: boolean | Omit<SuperviseOptions, 'log'>;
  } = {},
): Promise<RunningServer> {
  const driver = options.driver ?? createDriver(config);
  const clientDir = options.clientDir ?? CLIENT_DIST;
  const servesClient = fs.existsSync(path.join(clientDir, 'index.html'));
  const { token } = loadOrCreateToken(config.embedded.home, config.api.token);
  const writer = writerFor(token, config.http.host, config.api.hosts.allowedHosts);
  const extraction = serverExtractionQueue(config, driver, options.log);
  const consoleRunner = new ConsoleRunner(config, config.api.queryConcurrency);
  const app = createApp({
    driver,
    database: config.neo4j.database,
    api: config.api,
    clientDir,
    writer,
    extraction,
    console: consoleRunner,
  });
  const server = app.listen(config.http.port, config.http.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `HTTP: port ${config.http.port} on ${config.http.host} is taken. Set PORT to a free port.`,
            )
          : error.code === 'EADDRNOTAVAIL'
            ? new Error(`HTTP: cannot bind ${config.http.host} (HOST): no such address on this machine.`)
            : error,
      );
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const supervisor =
    (options.supervise ?? !config.neo4j.uri)
      ? superviseEmbedded(config, {
          ...(typeof options.supervise === 'object' ? options.supervise : {}),
          log: options.log,
        })
      : undefined;

  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      supervisor?.stop();
      // Waiting extractions are cancelled, running ones stop before writing, event streams end.
      await extraction.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await stopped;
      clearTimeout(grace);
      await consoleRunner.close();
      await driver.close();
      resolveClosed();
    })());

  if (options.handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      options.log?.(`${signal}: stopping (requests in flight get ${SHUTDOWN_GRACE_MS / 1000} s)…`);
      void close();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    void closed.then(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
  }
  return { url, signInUrl: `${url}${signInPath(token)}`, servesClient, close, closed, supervisor };
}
