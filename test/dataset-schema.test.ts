// The published JSON Schema (data/dataset.schema.json) is derived from the zod schema and must
// not drift from it: regenerate with `npm run schema:json`.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../server/config.ts';
import { datasetJsonSchema } from '../server/dataset/schema.ts';

describe('the dataset JSON Schema', () => {
  it('is the one derived from the zod schema (run `npm run schema:json` after changing it)', () => {
    const published = JSON.parse(
      fs.readFileSync(path.join(PROJECT_ROOT, 'data', 'dataset.schema.json'), 'utf8'),
    );
    expect(published).toEqual(datasetJsonSchema());
  });

  it('describes every section and the provenance of relationships', () => {
    const schema = datasetJsonSchema() as { properties: Record<string, { items?: { properties?: object } }> };
    expect(Object.keys(schema.properties)).toEqual([
      'stancegraph',
      'documents',
      'actors',
      'claims',
      'topics',
      'events',
      'relationships',
    ]);
    expect(Object.keys(schema.properties.relationships!.items!.properties!)).toEqual(
      expect.arrayContaining([
        'type',
        'from',
        'to',
        'doc',
        'quote',
        'start',
        'end',
        'date',
        'method',
        'confidence',
        'modality',
      ]),
    );
  });
});
