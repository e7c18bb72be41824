// Reads an importer's text input line by line, streaming: plain files and `.zip` archives (GDELT
// publishes `.CSV.zip`: each entry's lines in turn), strictly decoded as UTF-8, with the byte
// count for progress. Memory stays bounded whatever the file's size.

import fs from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { InvalidUtf8Error, lineBatches } from '../dataset/text-lines.ts';
import { ImportInputError } from './types.ts';

export interface TextLine {
  /** The file, and for an archive the entry (`events.zip!20191024.export.CSV`). */
  file: string;
  line: number;
  text: string;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, zip) =>
      error
        ? reject(
            new ImportInputError(file, undefined, undefined, `not a readable zip archive (${error.message})`),
          )
        : resolve(zip),
    ),
  );
}

async function* zipEntries(file: string): AsyncGenerator<{ name: string; stream: Readable }> {
  const zip = await openZip(file);
  try {
    while (true) {
      const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(undefined));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (!entry) return;
      if (entry.fileName.endsWith('/')) continue;
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      yield { name: entry.fileName, stream };
    }
  } finally {
    zip.close();
  }
}

async function* splitLines(
  name: string,
  stream: AsyncIterable<Buffer>,
  onBytes: (n: number) => void,
): AsyncGenerator<TextLine[]> {
  try {
    for await (const batch of lineBatches(stream, onBytes))
      yield batch.map(({ line, text }) => ({ file: name, line, text }));
  } catch (error) {
    if (error instanceof InvalidUtf8Error)
      throw new ImportInputError(name, error.line, undefined, error.message);
    throw error;
  }
}

/**
 * The lines of a text file or of each entry of a zip archive, in batches (the lines of about a
 * megabyte each): one promise per batch, not one per line.
 */
export async function* readLineBatches(
  file: string,
  onBytes: (n: number) => void = () => {},
): AsyncGenerator<TextLine[]> {
  if (/\.zip$/i.test(file)) {
    for await (const { name, stream } of zipEntries(file)) {
      yield* splitLines(`${file}!${name}`, stream as AsyncIterable<Buffer>, onBytes);
    }
    return;
  }
  let stream: fs.ReadStream;
  try {
    fs.accessSync(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  } catch (error) {
    throw new ImportInputError(
      file,
      undefined,
      undefined,
      `cannot read (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  yield* splitLines(file, stream as AsyncIterable<Buffer>, onBytes);
}

/** The lines of a text file or of each entry of a zip archive, one at a time. */
export async function* readLines(
  file: string,
  onBytes: (n: number) => void = () => {},
): AsyncGenerator<TextLine> {
  for await (const batch of readLineBatches(file, onBytes)) yield* batch;
}

/** Total bytes the files' lines take (uncompressed for archives): the progress bar's total. */
export async function totalBytes(files: string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    if (!/\.zip$/i.test(file)) {
      total += fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      continue;
    }
    const zip = await openZip(file);
    total += await new Promise<number>((resolve, reject) => {
      let sum = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        sum += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.once('end', () => resolve(sum));
      zip.once('error', reject);
      zip.readEntry();
    });
    zip.close();
  }
  return total;
}
