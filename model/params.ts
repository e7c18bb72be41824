// The request parameters that several endpoints share, as zod schemas: ids, node kinds,
// relationship types, a date window, limits. Lists come comma-separated (`kinds=Person,Claim`) or
// repeated (`kinds=Person&kinds=Claim`); kind and type names are matched without regard to case.

import { z } from 'zod';
import { ID_PATTERN, NODE_KINDS } from './kinds.ts';
import { RELATIONSHIP_TYPES, type RelationshipTypeName } from './vocabulary.ts';

export const nodeId = z
  .string()
  .regex(ID_PATTERN, 'expected an id such as person:julianne-smith (kind:slug, lower case)')
  .meta({ description: 'A node id, `kind:slug`.', example: 'person:julianne-smith' });

/** `a,b` or `[a, b]` (repeated parameter) → ['a', 'b'], each item canonicalised. */
function list<T extends string>(canonical: (item: string) => string, item: z.ZodType<T>) {
  return z.preprocess(
    (value) => {
      if (value === undefined) return undefined;
      const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
      return items.map((v) => canonical(v.trim())).filter(Boolean);
    },
    z.array(item).min(1, 'expected at least one value'),
  );
}

const byLowerCase = (names: readonly string[]) => {
  const map = new Map(names.map((name) => [name.toLowerCase(), name]));
  return (value: string) => map.get(value.toLowerCase()) ?? value;
};

export const nodeKind = z.enum(NODE_KINDS);
export const relationshipTypeName = z.enum(
  RELATIONSHIP_TYPES as [RelationshipTypeName, ...RelationshipTypeName[]],
);

export const kindsParam = list(byLowerCase(NODE_KINDS), nodeKind).meta({
  description: `Node kinds to keep, comma-separated: ${NODE_KINDS.join(', ')}.`,
  example: ['Person', 'Claim'],
});

export const typesParam = list(byLowerCase(RELATIONSHIP_TYPES), relationshipTypeName).meta({
  description: 'Relationship types to keep, comma-separated (the vocabulary of DESIGN.md).',
  example: ['DEMANDS', 'REJECTS'],
});

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'expected a real calendar date')
  .meta({ example: '2022-01-11' });

export const windowShape = {
  from: isoDate
    .optional()
    .meta({ description: 'Keep relationships dated on or after this day (undated ones stay).' }),
  to: isoDate
    .optional()
    .meta({ description: 'Keep relationships dated on or before this day (undated ones stay).' }),
};

/** `includeSuggested=true` keeps machine-made relationships not yet reviewed (status `suggested`). */
export const includeSuggestedParam = z
  .enum(['true', 'false'], 'expected true or false')
  .default('false')
  .transform((value) => value === 'true')
  .meta({
    description:
      'Also count suggestions (relationships with status `suggested`: extracted by a machine, not yet reviewed). Default false.',
  });

/** Refuses a window that ends before it starts, pointing at `to`. */
export function checkWindow(
  value: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `expected a date on or after from (${value.from})`,
    });
  }
}

export const depthParam = z.coerce
  .number()
  .int('expected a whole number')
  .min(1)
  .max(3)
  .default(1)
  .meta({ description: 'How many hops from the node: 1 to 3.' });

export function limitParam(defaultValue: number, max: number, description: string) {
  return z.coerce
    .number()
    .int('expected a whole number')
    .min(1)
    .max(max)
    .default(defaultValue)
    .meta({ description });
}
