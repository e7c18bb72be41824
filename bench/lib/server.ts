// The stancegraph HTTP server as the benchmarks measure it: `stancegraph serve` in a child process
// of its own (so its CPU and memory are a real deployment's, not the harness's), on a free port,
// with request logging off and the rate limit out of the way. Also reads the child's peak RSS.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/config.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident set size since start or the last resetPeak(), in MB (VmHWM). */
  peakRssMb(): number;
  /** Current resident set size, in MB (VmRSS). */
  rssMb(): number;
  /** Starts a new peak from the current RSS (writes 5 to /proc/<pid>/clear_refs). */
  resetPeak(): void;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** NEO4J_URI and its credentials. */
  neo4jEnv: Record<string, string>;
  /** More environment for the server (STANCEGRAPH_EXPORT_TIMEOUT, …). */
  env?: Record<string, string>;
  /** Extra Node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeFlags?: string[];
}

/** A port that was free a moment ago (the server takes it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A field of /proc/<pid>/status in MB (VmHWM, VmRSS); Linux only. */
export function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`bench: no ${field} in /proc/${pid}/status`);
  return Math.round(Number(match[1]) / 1024);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), path.join(PROJECT_ROOT, 'bin', 'stancegraph.mjs'), 'serve'],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        ...options.neo4jEnv,
        HOST: '127.0.0.1',
        PORT: String(port),
        STANCEGRAPH_REQUEST_LOG: 'off',
        STANCEGRAPH_RATE_LIMIT: '1000000',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));
  const pid = child.pid;
  if (pid === undefined) throw new Error('bench: could not start `stancegraph serve`');

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!alive) throw new Error(`bench: \`stancegraph serve\` exited during start-up:\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bench: \`stancegraph serve\` did not answer /api/health within 60 s:\n${stderr}`);
    }
    await sleep(200);
  }
  return {
    url,
    pid,
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    resetPeak: () => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    async stop() {
      if (alive) child.kill('SIGTERM');
      await exited;
    },
  };
}
