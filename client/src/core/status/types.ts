// The status of anything that loads, as a discriminated union: views switch on `status`.

export interface Problem {
  /** A short summary: "Neo4j is not reachable", "Cypher syntax error". */
  title: string;
  detail?: string | undefined;
  /** HTTP status, or 0 when the API did not answer at all. */
  status: number;
  /** Where in the request the problem is (a JSON pointer or a parameter name). */
  pointer?: string | undefined;
  /** For Cypher errors: where in the query. */
  position?: { offset: number; line: number; column: number } | undefined;
}

export type Status =
  | { status: 'idle' }
  | { status: 'loading'; what: string }
  | { status: 'error'; problem: Problem }
  | { status: 'ready' };
