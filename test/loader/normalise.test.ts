// The bulk write pass does not parse lines with the schemas again: it normalises them with a
// function compiled from the schemas. Its output must be exactly zod's, on real and synthetic
// data and on the cases that change a value (defaults, trimmed strings).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BULK_SCHEMAS } from '../../server/dataset/bulk.ts';
import { normaliser } from '../../server/dataset/normalise.ts';
import { actorSchema, claimSchema } from '../../server/dataset/schema.ts';
import { generate } from '../../scripts/generate.ts';
import { PROJECT_ROOT } from '../../server/config.ts';

function expectSameAsZod(section: keyof typeof BULK_SCHEMAS, records: unknown[]) {
  const schema = BULK_SCHEMAS[section];
  const normalise = normaliser(schema);
  expect(records.length).toBeGreaterThan(0);
  for (const record of records) expect(normalise(record), section).toStrictEqual(schema.parse(record));
}

describe('normaliser', () => {
  it("returns zod's output for every record of the founding dataset", () => {
    const dir = path.join(PROJECT_ROOT, 'data', 'founding');
    const files = fs.readdirSync(dir).filter((file) => file.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const dataset = parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown[]>;
      for (const section of Object.keys(BULK_SCHEMAS) as (keyof typeof BULK_SCHEMAS)[]) {
        if (dataset[section]?.length) expectSameAsZod(section, dataset[section]);
      }
    }
  });

  it("returns zod's output for every line of a synthetic bulk folder", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-normalise-'));
    try {
      await generate({ stances: 300, seed: 7, out });
      for (const section of Object.keys(BULK_SCHEMAS) as (keyof typeof BULK_SCHEMAS)[]) {
        const lines = fs
          .readFileSync(path.join(out, `${section}.jsonl`), 'utf8')
          .split('\n')
          .filter(Boolean);
        expectSameAsZod(
          section,
          lines.map((line) => JSON.parse(line) as unknown),
        );
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('fills in defaults and trims what the schemas trim, and nothing else', () => {
    expectSameAsZod('actors', [
      { id: 'person:a', name: '  Ann Example  ', aliases: [' A. Example ', 'Ann'], title: ' Envoy\n' },
      { id: 'country:x', name: 'X', iso3: 'XXX' },
    ]);
    expectSameAsZod('documents', [
      { id: 'document:d', title: ' T ', published: '2022-01-11', text: '  kept as written  ' },
      { id: 'document:e', title: 'T', published: '2022-01-11', language: 'fr', textFile: ' e.txt ' },
    ]);
    expectSameAsZod('claims', [{ id: 'claim:c', text: ' Something should happen. ' }]);
    expectSameAsZod('relationships', [
      { type: 'DEMANDS', from: 'person:a', to: 'claim:c', doc: 'document:d', quote: ' as said ' },
      {
        type: 'REJECTS',
        from: 'person:a',
        to: 'claim:c',
        doc: 'document:d',
        quote: 'no',
        start: 3,
        end: 5,
        method: 'llm',
        confidence: 0.25,
        modality: 'conditional',
        note: ' a note ',
      },
    ]);
    const actor = normaliser(actorSchema)({ id: 'person:a', name: 'A' });
    expect(actor).toStrictEqual({ id: 'person:a', name: 'A', aliases: [] });
  });

  it('gives each record its own copy of a default array', () => {
    const normalise = normaliser(claimSchema);
    const a = normalise({ id: 'claim:a', text: 'A' });
    const b = normalise({ id: 'claim:b', text: 'B' });
    a.aliases.push('changed');
    expect(b.aliases).toEqual([]);
  });

  it('refuses, when compiled, a schema part that would change values it cannot reproduce', () => {
    expect(() => normaliser(z.strictObject({ n: z.string().transform((s) => s.length) }))).toThrow(
      /pipe at \(root\)\.n is not supported/,
    );
    expect(() => normaliser(z.looseObject({ n: z.string() }))).toThrow(/keeps unknown keys/);
    expect(() => normaliser(z.strictObject({ n: z.number().overwrite((n) => n + 1) }))).toThrow(
      /value-changing check on a number at \(root\)\.n/,
    );
  });
});
