// Fetches GDELT 2.0's 15-minute event exports for a time range: reads the public master file
// list (`<base>/masterfilelist.txt`: "size md5 url" per line, streamed, it is large), keeps the
// `YYYYMMDDHHMMSS.export.CSV.zip` files in the range, downloads them and checks size and MD5.
// The base URL is configurable (a mirror, or a local server in tests).

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_GDELT_BASE_URL = 'http://data.gdeltproject.org/gdeltv2';

export interface FetchOptions {
  baseUrl: string;
  /** YYYY-MM-DD (from the day's start / to the day's end) or YYYYMMDDHHMMSS. */
  from: string;
  to: string;
  dir: string;
  onProgress?: (done: number, total: number) => void;
}

function stamp(value: string, end: boolean, flag: string): string {
  if (/^\d{14}$/.test(value)) return value;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    return `${day[1]}${day[2]}${day[3]}${end ? '235959' : '000000'}`;
  throw new Error(`${flag}: expected a day as YYYY-MM-DD or a time as YYYYMMDDHHMMSS, got "${value}"`);
}

async function get(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(
      `GDELT: cannot fetch ${url} (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message})`,
    );
  }
  if (!response.ok || !response.body)
    throw new Error(`GDELT: ${url} answered ${response.status} ${response.statusText}`);
  return response;
}

interface Listed {
  size: number;
  md5: string;
  url: string;
}

/** The export files of the master list within [from, to]. */
export async function listExports(baseUrl: string, from: string, to: string): Promise<Listed[]> {
  const [start, end] = [stamp(from, false, '--from'), stamp(to, true, '--to')];
  if (start > end) throw new Error(`--from ${from} is after --to ${to}`);
  const listUrl = `${baseUrl.replace(/\/+$/, '')}/masterfilelist.txt`;
  const response = await get(listUrl);
  const found: Listed[] = [];
  const decoder = new TextDecoder();
  let rest = '';
  const take = (line: string) => {
    const [size, md5, url] = line.trim().split(/\s+/);
    const match = url ? /(\d{14})\.export\.CSV\.zip$/i.exec(url) : null;
    if (match && match[1]! >= start && match[1]! <= end && size && md5)
      found.push({ size: Number(size), md5, url: url! });
  };
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop()!;
    lines.forEach(take);
  }
  take(rest);
  return found.sort((a, b) => a.url.localeCompare(b.url));
}

/** Downloads the exports of [from, to] into `dir`; returns their paths in time order. */
export async function fetchGdeltExports(options: FetchOptions): Promise<string[]> {
  const listed = await listExports(options.baseUrl, options.from, options.to);
  if (listed.length === 0)
    throw new Error(
      `GDELT: the master file list at ${options.baseUrl} has no export files from ${options.from} to ${options.to}`,
    );
  const files: string[] = [];
  for (const [i, entry] of listed.entries()) {
    const response = await get(entry.url);
    const file = path.join(options.dir, path.basename(new URL(entry.url).pathname));
    const md5 = createHash('md5');
    let size = 0;
    const out = fs.createWriteStream(file);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      md5.update(chunk);
      size += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const digest = md5.digest('hex');
    if (size !== entry.size || digest !== entry.md5.toLowerCase())
      throw new Error(
        `GDELT: ${entry.url} is ${size} bytes with MD5 ${digest}; the master file list says ${entry.size} bytes, MD5 ${entry.md5}`,
      );
    files.push(file);
    options.onProgress?.(i + 1, listed.length);
  }
  return files;
}
