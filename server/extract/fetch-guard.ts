// Fetching a page on a user's behalf without opening the server's network to them: the API's
// POST /api/documents/fetch takes a URL from whoever can write, and the server fetches it. Unless
// STANCEGRAPH_FETCH_PRIVATE is on, addresses that are not on the public internet are refused
// (loopback, private ranges, link-local such as the cloud metadata service at 169.254.169.254,
// carrier-grade NAT, multicast, reserved), at every redirect and for the address the connection
// really uses: names are resolved by a lookup that checks each answer (no second resolution that
// could answer differently), and literal addresses are checked before any request. Pages larger
// than a limit are cut off, not read whole into memory.

import dns from 'node:dns';
import net from 'node:net';
import { Agent, fetch, type Response } from 'undici';

/** The ranges a server-side fetch must not reach unless allowed (IANA special-purpose registries). */
const NOT_PUBLIC = new net.BlockList();
// prettier-ignore
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(address, prefix, 'ipv4');
// prettier-ignore
for (const [address, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23],
  ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC.addSubnet(address, prefix, 'ipv6');

/** Whether an IP address is on the public internet (an IPv4-mapped IPv6 address as its IPv4 one). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = net.isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A fetch the guard refused: the URL's host is (or resolves to) an address that is not public. */
export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
  readonly code = 'EPRIVATEADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host}${host === address ? '' : ` (${address})`} is not a public internet address; ` +
        'this server fetches only public pages (STANCEGRAPH_FETCH_PRIVATE=on allows others)',
    );
  }
}

/** dns.lookup that refuses a name whose answers include an address that is not public. */
const publicLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return callback(new PrivateAddressError(hostname, blocked.address), '', 0);
    if (options.all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

const guardedAgent = new Agent({ connect: { lookup: publicLookup } });
const openAgent = new Agent();

export interface FetchLimits {
  /** Fetch addresses that are not on the public internet (loopback, private ranges). */
  allowPrivate: boolean;
  /** The most bytes of a page read; a larger one is refused. */
  maxBytes: number;
}

export const MAX_REDIRECTS = 5;

/** The largest page fetched unless STANCEGRAPH_FETCH_MAX_BYTES says otherwise: 10 MB. */
export const DEFAULT_FETCH_MAX_BYTES = 10 * 1024 * 1024;

/** An error that says what went wrong fetching `url`, for a person. */
export class FetchError extends Error {
  override name = 'FetchError';
}

/**
 * GETs `url` (http or https), following up to MAX_REDIRECTS redirects, each checked as the first;
 * returns the final response and its body (at most `limits.maxBytes`).
 */
export async function guardedFetch(
  url: string,
  limits: FetchLimits,
  init: { headers: Record<string, string>; signal: AbortSignal },
): Promise<{ response: Response; url: string; body: Buffer }> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const target = new URL(current);
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new FetchError(`${current}: only http and https pages can be fetched`);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!limits.allowPrivate && net.isIP(host) !== 0 && !isPublicAddress(host))
      throw new FetchError(`${url}: ${new PrivateAddressError(host, host).message}`);
    let response: Response;
    try {
      response = await fetch(current, {
        ...init,
        redirect: 'manual',
        dispatcher: limits.allowPrivate ? openAgent : guardedAgent,
      });
    } catch (error) {
      const cause = (error as Error & { cause?: Error & { code?: string } }).cause;
      if (cause instanceof PrivateAddressError) throw new FetchError(`${url}: ${cause.message}`);
      throw new FetchError(`${url}: cannot fetch (${cause?.code ?? (error as Error).message})`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new FetchError(`${url}: more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current).toString();
      continue;
    }
    return { response, url: current, body: await readAtMost(response, limits.maxBytes, url) };
  }
}

async function readAtMost(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  const tooLarge = () =>
    new FetchError(`${url}: the page is larger than ${maxBytes} bytes (STANCEGRAPH_FETCH_MAX_BYTES)`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    size += (chunk as Uint8Array).byteLength;
    if (size > maxBytes) throw tooLarge(); // leaving the loop cancels the rest
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}
