// What a zod schema returns for a value that has already passed it, computed without checking
// again: defaults filled in, strings trimmed. The bulk loader's write pass reads every line a
// second time; parsing it with the full schema again (regexes, refinements, issue paths) was a
// second validation of input the first pass had checked, on the loader's share of the 2 cores
// while Neo4j writes. The normaliser is compiled from the schema itself, so it cannot drift from
// it; a part of a schema it does not understand is refused when it is compiled, not skipped
// (test/loader/normalise.test.ts checks its output against zod's on real and synthetic data).

import type { z } from 'zod';

export type Normalise<T> = (value: unknown) => T;

/** The subset of zod's internal definition the compiler reads (zod 4). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  defaultValue?: unknown;
  catchall?: z.ZodType;
  checks?: { _zod: { def: { check: string; tx?: (value: unknown) => unknown } } }[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Types whose output is their input once they have passed. */
const AS_IS = new Set(['number', 'int', 'boolean', 'enum', 'literal', 'null']);

function compile(schema: z.ZodType, where: string): (value: unknown) => unknown {
  const def = defOf(schema);
  const overwrites = (def.checks ?? []).map((check) => check._zod.def).filter((c) => c.check === 'overwrite');
  if (overwrites.length > 0 && def.type !== 'string') {
    throw new Error(`normaliser: a value-changing check on a ${def.type} at ${where} is not supported`);
  }
  switch (def.type) {
    case 'object': {
      // Unknown keys: a strict object refuses them, a plain one strips them (so does this); a
      // loose one would keep them.
      if (def.catchall && defOf(def.catchall).type !== 'never') {
        throw new Error(`normaliser: an object that keeps unknown keys at ${where} is not supported`);
      }
      const fields = Object.entries(def.shape!).map(
        ([key, field]) => [key, compile(field, `${where}.${key}`)] as const,
      );
      return (value) => {
        const input = value as Record<string, unknown>;
        const output: Record<string, unknown> = {};
        for (const [key, field] of fields) {
          const result = field(input[key]);
          if (result !== undefined) output[key] = result;
        }
        return output;
      };
    }
    case 'optional': {
      const inner = compile(def.innerType!, where);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'default': {
      const inner = compile(def.innerType!, where);
      // zod's getter hands out a copy of an object default each time: so does this.
      return (value) => (value === undefined ? def.defaultValue : inner(value));
    }
    case 'array': {
      const element = compile(def.element!, `${where}[]`);
      return (value) => (value as unknown[]).map(element);
    }
    case 'string': {
      const steps = overwrites.map((check) => check.tx!);
      if (steps.length === 0) return (value) => value;
      return (value) => steps.reduce((result, step) => step(result), value);
    }
    default:
      if (AS_IS.has(def.type)) return (value) => value;
      throw new Error(`normaliser: a ${def.type} at ${where} is not supported`);
  }
}

/**
 * Compiles `schema` into a function that returns what `schema.parse(value)` would for a value the
 * schema accepts. For values it does not accept, the result is undefined behaviour: validate first.
 */
export function normaliser<S extends z.ZodType>(schema: S): Normalise<z.output<S>> {
  return compile(schema, '(root)') as Normalise<z.output<S>>;
}
