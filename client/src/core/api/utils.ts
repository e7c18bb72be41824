// Turning what the API answers into values or Problems: RFC 9457 problem+json bodies, other error
// bodies, and no answer at all (the server down) all become one ApiError the views can show.

import type { Problem } from '../status/types.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positionOf(body: Record<string, unknown>): Problem['position'] {
  const position = body.position;
  if (!isRecord(position)) return undefined;
  const { offset, line, column } = position;
  return typeof offset === 'number' && typeof line === 'number' && typeof column === 'number'
    ? { offset, line, column }
    : undefined;
}

function pointerOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.pointer === 'string') return body.pointer;
  const errors = body.errors;
  if (Array.isArray(errors) && isRecord(errors[0]) && typeof errors[0].pointer === 'string')
    return errors[0].pointer;
  return undefined;
}

/** A Problem from an error response's status and (parsed) body, whatever shape the body has. */
export function problemFromResponse(status: number, statusText: string, body: unknown): Problem {
  if (isRecord(body) && typeof body.title === 'string') {
    return {
      title: body.title,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      status,
      pointer: pointerOf(body),
      position: positionOf(body),
    };
  }
  const title =
    status === 503 ? 'The database is not available' : `The API answered ${status} ${statusText}`.trim();
  return { title, detail: typeof body === 'string' && body ? body.slice(0, 300) : undefined, status };
}

export function unreachableProblem(cause: unknown): Problem {
  return {
    title: 'The Stancegraph API does not answer',
    detail: `Is the server running (npm start)? ${cause instanceof Error ? cause.message : String(cause)}`,
    status: 0,
  };
}

export function query(
  params: Record<string, string | number | readonly string[] | null | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(name, value.join(','));
    } else {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
