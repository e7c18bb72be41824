// Dataset issues from what went wrong: zod's issues (shape errors) and the validators' own findings,
// each located at file:line:column and a field path, worded for the person who wrote the dataset.
// Shared by the YAML/JSON validator (validate.ts) and the bulk one (bulk.ts).

import type { z } from 'zod';
import { pathToString, type DatasetIssue } from './errors.ts';
import type { SourceFile } from './parse.ts';

/** Where a record is: its file and its path in the file's data. */
export interface Located {
  source: SourceFile;
  path: (string | number)[];
}

export function issueAt(at: Located, message: string, field?: string, key?: string): DatasetIssue {
  const fullPath = field ? [...at.path, field] : at.path;
  const pos = at.source.locate(fullPath, key ? { key } : {});
  return {
    file: at.source.file,
    line: pos?.line,
    column: pos?.column,
    path: pathToString(fullPath),
    message,
  };
}

export function zodIssues(source: SourceFile, error: z.ZodError): DatasetIssue[] {
  return error.issues.map((issue) => {
    const at: Located = { source, path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))) };
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys;
      return issueAt(
        at,
        `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `\`${k}\``).join(', ')}`,
        undefined,
        keys[0],
      );
    }
    if (issue.code === 'invalid_type') {
      const missing = issue.input === undefined;
      return issueAt(
        at,
        missing
          ? `missing; expected ${issue.expected}`
          : `expected ${issue.expected}, got ${describe(issue.input)}`,
      );
    }
    if (issue.code === 'invalid_value' && issue.path.length === 1 && issue.path[0] === 'stancegraph') {
      return issueAt(at, 'expected `stancegraph: 1` (the dataset format version)');
    }
    return issueAt(at, issue.message.replace(/^Invalid (input|option): /, ''));
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
