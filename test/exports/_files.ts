// Helpers for the export tests: download an export as bytes, validate XML against the schemas
// vendored in test/fixtures/schemas with xmllint, read a zip (central directory + inflate; the exports use no zip64) and
// RFC 4180 CSV.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';

/** The GEXF 1.3 and GraphML schemas, vendored with their source and licence (see its README). */
export const SCHEMAS = path.join(import.meta.dirname, '..', 'fixtures', 'schemas');

export async function download(app: Express, body: object) {
  const res = await request(app)
    .post('/api/export')
    .send(body)
    .buffer(true)
    .parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { res, bytes: res.body as Buffer, text: (res.body as Buffer).toString('utf8') };
}

/** Runs xmllint on the text; returns its exit status and what it said. */
export function xmllint(text: string, args: string[]): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-export-'));
  const file = path.join(dir, 'export.xml');
  fs.writeFileSync(file, text);
  try {
    const result = spawnSync('xmllint', ['--noout', ...args, file], { encoding: 'utf8' });
    if (result.error)
      throw new Error(
        `xmllint is needed for this test (Debian: apt-get install libxml2-utils): ${result.error.message}`,
      );
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Validates the text against its vendored schema: GEXF 1.3 (RELAX NG) or GraphML (XSD). */
export function validateXml(text: string, format: 'gexf' | 'graphml') {
  return xmllint(
    text,
    format === 'gexf'
      ? ['--relaxng', path.join(SCHEMAS, 'gexf-1.3', 'gexf.rng')]
      : ['--nonet', '--schema', path.join(SCHEMAS, 'graphml', 'graphml.xsd')],
  );
}

/** The files of a zip, by name. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('unzip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** RFC 4180 CSV into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** CSV rows as objects keyed by the header. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}
