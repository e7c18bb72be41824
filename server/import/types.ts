// What every importer shares: the records it turns its input into (the loader's own sections and
// fields, checked later by the loader's zod schemas), rows it could not map (counted and listed,
// never dropped silently), and the error for input it cannot read at all (file:line, field, what
// was expected), which stops the import before anything is written.

import { createHash } from 'node:crypto';
import type { DatasetInput } from '../dataset/schema.ts';

type Sections = Required<Omit<DatasetInput, 'stancegraph'>>;
export type NodeSection = 'documents' | 'actors' | 'claims' | 'topics' | 'events';

/** Where a record came from in the importer's input. */
export interface Origin {
  file: string;
  /** 1-based line, or the record's id where the input has no lines (a DNA statement). */
  line?: number;
  record?: string;
}

export type ImportRelationship = Sections['relationships'][number];

export type ImportItem =
  | { section: NodeSection; record: Sections[NodeSection][number]; origin: Origin }
  | { section: 'relationships'; record: ImportRelationship; origin: Origin }
  | { skipped: Origin & { reason: string } }
  | { read: number };

/** What an importer knows of the graph before it maps: countries by ISO 3166 alpha-3. */
export interface ImportContext {
  /** The id of the Country node the graph holds for an alpha-3 code, if any. */
  countryIdByIso3: Map<string, string>;
}

export interface Importer {
  format: string;
  /** The files this importer reads in a folder given on the command line. */
  accepts(file: string): boolean;
  /** Total work units (bytes, rows) for the progress bar, when cheap to know. */
  size(files: string[]): Promise<number>;
  /** The items, one at a time or several at once (one input row's: a promise per row, not per item). */
  read(files: string[], context: ImportContext): AsyncGenerator<ImportItem | ImportItem[]>;
}

/** Input the importer cannot read: nothing is written. */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}${field ? ` (${field})` : ''}: ${detail}`);
  }
}

/**
 * A slug for ids: lower case ASCII letters, digits, dashes; a long text is cut at 80 characters
 * and given a short hash of the whole, so that two long texts alike at the start stay apart.
 */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= 80) return s || 'x';
  return `${s.slice(0, 72).replace(/-+$/, '')}-${createHash('sha1').update(text).digest('hex').slice(0, 7)}`;
}
