// The importers by format name: `stancegraph import <format>` picks one here.

import { dnaImporter } from './dna.ts';
import { gdeltImporter } from './gdelt.ts';
import { icewsImporter } from './icews.ts';
import type { Importer } from './types.ts';

export const IMPORTERS: Record<string, Importer> = {
  dna: dnaImporter,
  gdelt: gdeltImporter,
  icews: icewsImporter,
};

export function importerFor(format: string): Importer {
  const importer = IMPORTERS[format.toLowerCase()];
  if (!importer)
    throw new Error(
      `import: unknown format "${format}"; expected one of ${Object.keys(IMPORTERS).join(', ')}`,
    );
  return importer;
}
