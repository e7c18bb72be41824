// Limits on the shape of a user's query and parameters, checked before Neo4j sees them: Neo4j's
// parser overflows its stack on a query nested thousands of brackets deep (and holds a connection
// for its whole transaction timeout meanwhile), and a chain of thousands of UNIONs or parameters
// nested thousands deep fail inside Neo4j or the driver. Each limit is named in the refusal.

/** Brackets ((), [], {}) open at once, outside strings and comments. */
export const MAX_QUERY_NESTING = 64;
/** UNION keywords in one query. */
export const MAX_QUERY_UNIONS = 100;
/** Arrays and objects nested in the parameters. */
export const MAX_PARAMS_DEPTH = 32;
/** Values (array items, object entries) in all the parameters together. */
export const MAX_PARAMS_VALUES = 100_000;

export interface ShapeIssue {
  limit: string;
  detail: string;
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** The first limit `query` breaks, or undefined. A small lexer: strings, identifiers in backticks and comments do not count. */
export function queryShapeIssue(query: string): ShapeIssue | undefined {
  let depth = 0;
  let unions = 0;
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n && query[i] !== c) i += query[i] === '\\' && c !== '`' ? 2 : 1;
      i++;
    } else if (c === '/' && query[i + 1] === '/') {
      while (i < n && query[i] !== '\n') i++;
    } else if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (OPEN.has(c)) {
      if (++depth > MAX_QUERY_NESTING) {
        return {
          limit: 'nesting',
          detail: `the query nests brackets more than ${MAX_QUERY_NESTING} deep (at offset ${i}); expected at most ${MAX_QUERY_NESTING}`,
        };
      }
      i++;
    } else if (CLOSE.has(c)) {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_]/.test(query[i]!)) i++;
      if (i - start === 5 && query.slice(start, i).toUpperCase() === 'UNION' && ++unions > MAX_QUERY_UNIONS) {
        return {
          limit: 'unions',
          detail: `the query has more than ${MAX_QUERY_UNIONS} UNIONs; expected at most ${MAX_QUERY_UNIONS}`,
        };
      }
    } else i++;
  }
  return undefined;
}

/** The first limit `params` breaks, or undefined; walks without recursion (no stack to overflow). */
export function paramsShapeIssue(params: unknown): ShapeIssue | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: params, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_PARAMS_DEPTH) {
      return {
        limit: 'depth',
        detail: `the parameters nest more than ${MAX_PARAMS_DEPTH} arrays or objects deep; expected at most ${MAX_PARAMS_DEPTH}`,
      };
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    values += children.length;
    if (values > MAX_PARAMS_VALUES) {
      return {
        limit: 'values',
        detail: `the parameters hold more than ${MAX_PARAMS_VALUES} values; expected at most ${MAX_PARAMS_VALUES}`,
      };
    }
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}
