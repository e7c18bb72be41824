// Text out to a stream with backpressure: small writes are gathered into chunks of about 64 KB,
// and a chunk waits while the stream's buffer is full (a slow client slows the Neo4j reads down
// instead of filling memory).

import type { Writable } from 'node:stream';

export class TextSink {
  private buffer = '';

  constructor(
    private readonly out: Writable,
    private readonly chunkSize = 64 * 1024,
  ) {}

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= this.chunkSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (this.out.destroyed) throw new Error('Export: the client went away.');
    if (!this.out.write(chunk)) await drained(this.out);
  }

  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
  }
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', closed);
      resolve();
    };
    const closed = () => {
      out.off('drain', done);
      reject(new Error('Export: the client went away.'));
    };
    out.once('drain', done);
    out.once('close', closed);
  });
}
