// Lines of a byte stream, strictly UTF-8, for the bulk loader (which needs each line's byte offset
// to read it again) and the importers. Works on the bytes: each chunk is checked as UTF-8 once
// (simdutf, native), line breaks are found with Buffer#indexOf (memchr) and each line is decoded
// on its own, so no line is re-encoded to count its bytes. Lines come in batches, one per chunk
// read, so that a million lines cost a few thousand awaits, not a million.

import { isUtf8 } from 'node:buffer';

export interface NumberedLine {
  /** 1-based. */
  line: number;
  /** The line's first byte in the stream. */
  offset: number;
  /** Without its line break (`\n` or `\r\n`). */
  text: string;
}

/** The stream is not UTF-8: `line` is the first line holding an invalid byte sequence. */
export class InvalidUtf8Error extends Error {
  override name = 'InvalidUtf8Error';
  constructor(readonly line: number) {
    super('not valid UTF-8; expected a UTF-8 text file');
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits `bytes[from, to)` (whole lines, the last one ending at `to`, a line break or the stream's
 * end) into lines numbered from `firstLine`, at stream offset `base` + their index.
 */
function split(bytes: Buffer, from: number, to: number, firstLine: number, base: number): NumberedLine[] {
  if (!isUtf8(bytes.subarray(from, to))) {
    // Name the first line that is wrong.
    let line = firstLine;
    for (let at = from; at < to; line++) {
      const end = bytes.indexOf(LF, at);
      const stop = end === -1 || end >= to ? to : end;
      if (!isUtf8(bytes.subarray(at, stop))) throw new InvalidUtf8Error(line);
      at = stop + 1;
    }
  }
  const out: NumberedLine[] = [];
  let line = firstLine;
  for (let at = from; at < to;) {
    const found = bytes.indexOf(LF, at);
    const end = found === -1 || found >= to ? to : found;
    const stop = end > at && bytes[end - 1] === CR ? end - 1 : end;
    out.push({ line: line++, offset: base + at, text: bytes.toString('utf8', at, stop) });
    at = end + 1;
  }
  return out;
}

/** The stream's lines, in batches; a leading byte order mark is skipped (the offsets count it). */
export async function* lineBatches(
  stream: AsyncIterable<Buffer>,
  onBytes: (n: number) => void = () => {},
): AsyncGenerator<NumberedLine[]> {
  /** Bytes read since the last line break (a line longer than a chunk spans several). */
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  /** The stream offset of the first pending byte. */
  let base = 0;
  let line = 1;
  let first = true;
  /** Where the text starts in the stream's first bytes: after a byte order mark, if any. */
  const start = (bytes: Buffer) => {
    if (!first) return 0;
    first = false;
    return UTF8_BOM.equals(bytes.subarray(0, 3)) ? 3 : 0;
  };
  for await (const chunk of stream) {
    onBytes(chunk.length);
    const lf = chunk.lastIndexOf(LF);
    if (lf === -1 || (first && pendingBytes + chunk.length < 3)) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      continue;
    }
    const bytes = pending.length > 0 ? Buffer.concat([...pending, chunk]) : chunk;
    const last = pendingBytes + lf;
    const batch = split(bytes, start(bytes), last + 1, line, base);
    line += batch.length;
    base += last + 1;
    // A copy: the remainder would otherwise keep the whole chunk alive.
    pending.length = 0;
    pendingBytes = bytes.length - last - 1;
    if (pendingBytes > 0) pending.push(Buffer.from(bytes.subarray(last + 1)));
    yield batch;
  }
  const bytes = Buffer.concat(pending);
  const from = start(bytes);
  if (bytes.length > from) yield split(bytes, from, bytes.length, line, base);
}
