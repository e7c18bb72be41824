// The console's worker thread (started by console-runner.ts): it has a driver of its own, made from
// the server's connection config, and runs console queries there, reading the records and building
// the answer's JSON, so that a query whose records are large or many (`RETURN range(1, 5000000)`,
// 10,000 rows of 64K strings) never holds the server's event loop. It sends back the JSON as bytes
// (transferred, not copied), or the problem an error becomes.

import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config.ts';
import { createDriver } from '../neo4j/connection.ts';
import { runConsoleQuery } from './console.ts';
import { problemFromNeo4j } from './neo4j-errors.ts';
import { ProblemError } from './problem.ts';
import type { ThreadReply, ThreadRequest } from './console-runner.ts';

const config = (workerData as { config: Config }).config;
const driver = createDriver(config);
const db = { driver, database: config.neo4j.database };
const running = new Map<number, AbortController>();
const port = parentPort!;

function reply(message: ThreadReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

async function run(message: Extract<ThreadRequest, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    const result = await runConsoleQuery(db, message.request, {
      ...message.options,
      signal: controller.signal,
    });
    const bytes = new TextEncoder().encode(JSON.stringify(result));
    reply({ type: 'result', id: message.id, json: bytes.buffer as ArrayBuffer }, [
      bytes.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    const problem =
      error instanceof ProblemError
        ? error
        : problemFromNeo4j(error, { userQuery: true, timeoutMs: message.options.timeoutMs });
    if (problem) {
      reply({ type: 'problem', id: message.id, problem: problem.problem, headers: problem.headers });
    } else {
      reply({ type: 'failed', id: message.id, error: String((error as Error)?.stack ?? error) });
    }
  } finally {
    running.delete(message.id);
  }
}

reply({ type: 'ready' });

port.on('message', (message: ThreadRequest) => {
  if (message.type === 'run') void run(message);
  else if (message.type === 'abort') running.get(message.id)?.abort();
  else if (message.type === 'close') {
    for (const controller of running.values()) controller.abort();
    void driver.close().finally(() => port.close());
  }
});
