// The client benchmark's web server: the built client at `/`, the bare sigma page at `/bare/`,
// and at GET /api/graph the graph of the current size (the same bytes for both pages), with the
// positions the bare page draws at GET /bench/positions.json.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface BenchServer {
  url: string;
  /** What GET /api/graph and GET /bench/positions.json answer from now on. */
  serve(graph: Buffer, positions?: Buffer): void;
  close(): Promise<void>;
}

/** Serves `roots` (URL prefix → folder) and the current graph, on 127.0.0.1 and a free port. */
export async function startBenchServer(roots: Record<string, string>): Promise<BenchServer> {
  let graph: Buffer = Buffer.from('{}');
  let positions: Buffer = Buffer.from('{}');
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: Buffer | string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/api/graph') return send(200, TYPES['.json']!, graph);
    if (url.pathname === '/bench/positions.json') return send(200, TYPES['.json']!, positions);
    const prefix = Object.keys(roots)
      .sort((a, b) => b.length - a.length)
      .find((p) => url.pathname.startsWith(p));
    if (prefix === undefined) return send(404, 'text/plain', 'not found');
    const relative = url.pathname.slice(prefix.length) || 'index.html';
    const file = path.join(roots[prefix]!, path.normalize(relative).replace(/^(\.\.[/\\])+/, ''));
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, 'text/plain', 'not found');
    send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
  });
  await new Promise<void>((resolve, reject) => {
    server.listen(0, '127.0.0.1', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve(nextGraph, nextPositions) {
      graph = nextGraph;
      if (nextPositions) positions = nextPositions;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
