// Domain errors of reading the graph: what went wrong in the terms of the graph (an id that names
// no node), with where in the caller's input. The API maps them to problem+json in one place
// (server/api/errors.ts); the CLI or a script can say them as they like.

/** An id in the input names no node. `at` is the path into the input (e.g. ['source', 'ids', 2]). */
export class UnknownNodeError extends Error {
  override name = 'UnknownNodeError';
  constructor(
    readonly id: string,
    readonly at: readonly (string | number)[],
  ) {
    super(`No node with id "${id}".`);
  }
}
