// Text out to a stream with backpressure, through stream.pipeline: exporters yield text, small
// pieces are gathered into chunks of about 64 KB, and pipeline waits while the stream's buffer is
// full (a slow client slows the Neo4j reads down instead of filling memory), ends the stream, and
// stops the reads when the client goes away. Text made without waiting (a sync iterable: the
// agreement network's 80,000 edges from arrays in memory) is gathered without a promise per piece.

import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Small pieces of text gathered into chunks of about `chunkSize` characters. */
export async function* gathered(text: AsyncIterable<string>, chunkSize = 64 * 1024): AsyncGenerator<string> {
  let buffer = '';
  for await (const piece of text) {
    buffer += piece;
    if (buffer.length >= chunkSize) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Small pieces of text made without waiting, gathered likewise. */
export function* gatheredNow(text: Iterable<string>, chunkSize = 64 * 1024): Generator<string> {
  let buffer = '';
  for (const piece of text) {
    buffer += piece;
    if (buffer.length >= chunkSize) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Streams the text to `out` and ends it; rejects when either side fails. */
export function streamText(out: Writable, text: AsyncIterable<string> | Iterable<string>): Promise<void> {
  return pipeline(Symbol.asyncIterator in text ? gathered(text) : gatheredNow(text), out);
}
