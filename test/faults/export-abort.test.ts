// A download that the client abandons mid-stream (found by the soak: the server died). Every
// exporter writes to a response that closes while the nodes still stream: the write must fail
// quietly (the request ends), never with an 'error' event nobody listens to, which ends the process.

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { attributeSchema } from '../../server/exports/attributes.ts';
import { EXPORTERS } from '../../server/exports/index.ts';
import type { ExportNode, Subgraph } from '../../server/exports/source.ts';

/** Nodes without end, a little at a time, as Neo4j would stream a large export. */
const endless: Subgraph = {
  description: 'endless',
  async *nodes(): AsyncGenerator<ExportNode> {
    for (let i = 0; ; i++) {
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      yield {
        key: `person:p${i}`,
        labels: ['Actor', 'Person'],
        properties: { name: `P ${'x'.repeat(200)} ${i}` },
        degree: 1,
      };
    }
  },
  async *edges() {},
};

/** A response whose client goes away once the first bytes arrive. */
function abandoned(): Writable {
  const out: Writable = new Writable({
    write(_chunk, _encoding, done) {
      done();
      setImmediate(() => out.destroy());
    },
  });
  return out;
}

describe('an export whose client goes away', () => {
  for (const [format, exporter] of Object.entries(EXPORTERS)) {
    it(`${format}: the write fails and the process lives on`, async () => {
      const uncaught: unknown[] = [];
      const record = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', record);
      try {
        const context = {
          attributes: attributeSchema(['name']),
          positions: new Map(),
          generatedAt: new Date(),
        };
        await expect(exporter.write(endless, abandoned(), context)).rejects.toThrow();
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        process.off('uncaughtException', record);
      }
      expect(uncaught).toEqual([]);
    });
  }
});
