// Defence against DNS rebinding: a page on evil.example that rebinds its name to 127.0.0.1 is
// same-origin with this server, but its requests still say `Host: evil.example`. Only the server's
// own names are served (loopback names, the configured HOST, the address the connection came in on,
// STANCEGRAPH_ALLOWED_HOSTS), on the port the connection came in on; anything else gets a 421.

import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_TYPES, ProblemError } from './problem.ts';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** `host:port` → {name, port}; names lower-cased, IPv6 in brackets, port undefined when absent. */
export function parseHostHeader(value: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), port: match[2] === undefined ? undefined : Number(match[2]) };
}

function bracketed(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return plain.includes(':') ? `[${plain.toLowerCase()}]` : plain.toLowerCase();
}

/** A configured name as it appears in a Host header: IPv6 addresses in brackets, lower case. */
function asHostName(name: string): string {
  return bracketed(name.replace(/^\[(.*)\]$/, '$1'));
}

export interface HostPolicy {
  /** The HOST the server listens on: served on the server's own port. */
  host: string;
  /** More names (STANCEGRAPH_ALLOWED_HOSTS): `name` on any port (a reverse proxy in front), `name:port` on that one. */
  allowedHosts: string[];
}

export function hostCheck(policy: HostPolicy): (req: Request, res: Response, next: NextFunction) => void {
  const ownPortNames = new Set([...LOOPBACK_NAMES, asHostName(policy.host)]);
  const anyPort = new Set<string>();
  const exact = new Set<string>();
  for (const entry of policy.allowedHosts) {
    const parsed = parseHostHeader(entry);
    if (parsed?.port === undefined) anyPort.add(asHostName(parsed?.name ?? entry));
    else exact.add(`${parsed.name}:${parsed.port}`);
  }
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.host ?? '';
    const host = parseHostHeader(header);
    const port = host?.port ?? 80;
    const local = req.socket.localAddress;
    const allowed =
      host !== undefined &&
      (anyPort.has(host.name) ||
        exact.has(`${host.name}:${port}`) ||
        (port === req.socket.localPort &&
          (ownPortNames.has(host.name) || (local !== undefined && bracketed(local) === host.name))));
    if (allowed) return next();
    next(
      new ProblemError({
        type: PROBLEM_TYPES.misdirected,
        title: 'Misdirected request',
        status: 421,
        detail:
          `This server does not answer for the host "${header.slice(0, 100)}": it serves localhost, ` +
          '127.0.0.1, [::1] and the configured HOST on its own port. Add other names (a reverse ' +
          "proxy's) to STANCEGRAPH_ALLOWED_HOSTS.",
      }),
    );
  };
}
