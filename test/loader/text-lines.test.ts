// The line splitter the bulk loader and the importers read files with: byte offsets (the bulk
// loader reads a line again by its offset), line numbers in error messages, and lines, byte order
// marks and multi-byte characters split across the chunks a stream delivers.

import { describe, expect, it } from 'vitest';
import { InvalidUtf8Error, lineBatches } from '../../server/dataset/text-lines.ts';

async function* chunks(parts: (string | number[])[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part as string);
}

async function linesOf(parts: (string | number[])[]) {
  const out = [];
  for await (const batch of lineBatches(chunks(parts))) out.push(...batch);
  return out;
}

describe('lineBatches', () => {
  it('numbers lines, gives their byte offsets and drops line breaks (LF or CRLF)', async () => {
    expect(await linesOf(['ab\r\ncd\n', 'ef'])).toEqual([
      { line: 1, offset: 0, text: 'ab' },
      { line: 2, offset: 4, text: 'cd' },
      { line: 3, offset: 7, text: 'ef' },
    ]);
  });

  it('joins a line and a multi-byte character that chunks split', async () => {
    const bytes = Buffer.from('h€llo\nwörld\n');
    const parts = [[...bytes.subarray(0, 2)], [...bytes.subarray(2, 7)], [...bytes.subarray(7)]];
    expect(await linesOf(parts)).toEqual([
      { line: 1, offset: 0, text: 'h€llo' },
      { line: 2, offset: 8, text: 'wörld' },
    ]);
  });

  it('skips a byte order mark, even split across chunks, and counts it in the offsets', async () => {
    expect(await linesOf([[0xef], [0xbb, 0xbf], 'x\ny'])).toEqual([
      { line: 1, offset: 3, text: 'x' },
      { line: 2, offset: 5, text: 'y' },
    ]);
  });

  it('names the first line that is not UTF-8', async () => {
    const error = await linesOf(['a\nb\n', [0x63, 0xe9, 0x0a], 'd\n']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidUtf8Error);
    expect((error as InvalidUtf8Error).line).toBe(3);
  });

  it('gives nothing for an empty stream', async () => {
    expect(await linesOf([])).toEqual([]);
  });
});
