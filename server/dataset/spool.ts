// Document texts spooled to a temporary file while a bulk folder is validated, instead of held in
// memory: each text is written once as UTF-8 and read back by its byte offset when a quote is
// checked or the document is written. A few recently read texts stay cached (the relationships of
// a document usually come together). The file is unlinked as soon as it is open (where the system
// allows it), so nothing is left behind even if the process is killed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Bytes gathered before one write to the spool file. */
const WRITE_BUFFER = 1 << 20;

export class TextSpool {
  private readonly fd: number;
  /** Set when the file could not be unlinked while open: removed on close. */
  private readonly leftover?: string;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;
  /** Bytes in the file plus bytes waiting in `pending`. */
  private end = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly cache = new Map<number, string>();
  private closed = false;

  constructor(
    dir = os.tmpdir(),
    /** How many texts read back stay cached. */
    private readonly cacheSize = 32,
  ) {
    const file = path.join(
      dir,
      `stancegraph-texts-${process.pid}-${Math.random().toString(36).slice(2)}.spool`,
    );
    this.fd = fs.openSync(file, 'wx+', 0o600);
    try {
      fs.unlinkSync(file);
    } catch {
      this.leftover = file;
    }
  }

  /** How many texts the spool holds. */
  get size(): number {
    return this.count;
  }

  /** Bytes written (the texts as UTF-8). */
  get bytes(): number {
    return this.end;
  }

  /** Spools `text`; returns its handle (0, 1, 2, … in the order added). */
  add(text: string): number {
    if (this.count === this.offsets.length) {
      const offsets = new Float64Array(this.count * 2);
      offsets.set(this.offsets);
      const lengths = new Uint32Array(this.count * 2);
      lengths.set(this.lengths);
      [this.offsets, this.lengths] = [offsets, lengths];
    }
    const bytes = Buffer.from(text, 'utf8');
    this.offsets[this.count] = this.end;
    this.lengths[this.count] = bytes.length;
    this.end += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
    return this.count++;
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    let written = 0;
    const at = this.end - this.pendingBytes;
    while (written < data.length)
      written += fs.writeSync(this.fd, data, written, data.length - written, at + written);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** The text of `handle`, read back from the file (or the cache). */
  get(handle: number): string {
    if (!Number.isInteger(handle) || handle < 0 || handle >= this.count)
      throw new RangeError(`TextSpool: no text ${handle}`);
    const cached = this.cache.get(handle);
    if (cached !== undefined) {
      // Most recently used last.
      this.cache.delete(handle);
      this.cache.set(handle, cached);
      return cached;
    }
    this.flush();
    const length = this.lengths[handle]!;
    const bytes = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = fs.readSync(this.fd, bytes, read, length - read, this.offsets[handle]! + read);
      if (n === 0) throw new Error(`TextSpool: the spool file ended early (text ${handle})`);
      read += n;
    }
    const text = bytes.toString('utf8');
    this.cache.set(handle, text);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return text;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.pending = [];
    fs.closeSync(this.fd);
    if (this.leftover) fs.rmSync(this.leftover, { force: true });
  }
}
