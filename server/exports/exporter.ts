// What every export format implements: a file extension, a content type, and a writer that
// streams a subgraph (nodes first, then relationships) to the response.

import type { Writable } from 'node:stream';
import type { AttributeSchema } from './attributes.ts';
import { spiralPosition } from './attributes.ts';
import type { Subgraph } from './source.ts';

export interface ExportContext {
  attributes: AttributeSchema;
  /** Where the client drew nodes; others are placed on a spiral. */
  positions: ReadonlyMap<string, { x: number; y: number }>;
  generatedAt: Date;
}

export interface Exporter {
  extension: string;
  contentType: string;
  /** One line for the API reference. */
  description: string;
  write(subgraph: Subgraph, out: Writable, context: ExportContext): Promise<void>;
}

/** A node's position: the client's when it sent one, else the spiral's for its place in the stream. */
export function positionOf(context: ExportContext, key: string, index: number): { x: number; y: number } {
  return context.positions.get(key) ?? spiralPosition(index);
}

/** A network's options as one line, `name=value; …` (not-given ones left out). */
export function optionList(options: Record<string, unknown>): string {
  return optionRows(options)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** A network's options as [name, value] rows, the values as text; not-given ones left out. */
export function optionRows(options: Record<string, unknown>): [string, string][] {
  return Object.entries(options)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => [name, String(value)]);
}
