// A TCP proxy in front of the test Neo4j that a test can stop and start again: Neo4j "goes away"
// (connections cut, port closed) and "comes back" on the same address, without touching the real
// server that other test files share.

import net from 'node:net';

export interface Proxy {
  uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startProxy(targetUri: string): Promise<Proxy> {
  const target = new URL(targetUri);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 7687), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });

  await listen();
  return {
    uri: `bolt://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
    start: listen,
  };
}
