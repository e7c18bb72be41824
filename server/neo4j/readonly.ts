// Read-only Cypher: the guard behind `stancegraph query`, the API's console and exports from a
// query. Neo4j's own parser decides what a query does, never a keyword search of our own (comments,
// odd casing and unicode escapes such as `CR\u0045ATE` all reach the parser as what they are):
// the query is planned first (EXPLAIN, nothing runs) and refused unless Neo4j classifies it as a
// read (`queryType === 'r'`) and its plan holds no operator that writes, reaches outside the graph
// (LOAD CSV), runs a procedure that is not an allow-listed read, administers the server (SHOW or
// TERMINATE TRANSACTIONS) or commits on its own (CALL { … } IN TRANSACTIONS). It then runs in a
// read transaction, so a write that slipped past the plan check is still refused by Neo4j.

import neo4j, {
  Neo4jError,
  type Driver,
  type ManagedTransaction,
  type ResultSummary,
  type Transaction,
} from 'neo4j-driver';

export type ReadOnlyReason =
  | 'write'
  | 'schema'
  | 'load-csv'
  | 'procedure'
  | 'admin'
  | 'transactions'
  | 'execution-mode'
  | 'query-options';

export class ReadOnlyQueryError extends Error {
  override name = 'ReadOnlyQueryError';
  constructor(
    message: string,
    readonly reason: ReadOnlyReason,
  ) {
    super(message);
  }
}

export interface QueryPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** 0-based, in UTF-16 code units of the query as the user wrote it. */
  offset: number;
}

/** Neo4j refused to plan the query (syntax, semantics, unknown procedure…): its code, message and position. */
export class CypherPlanError extends Error {
  override name = 'CypherPlanError';
  constructor(
    message: string,
    readonly code: string,
    readonly position: QueryPosition | undefined,
    neo4jError?: Neo4jError,
  ) {
    super(message, neo4jError ? { cause: neo4jError } : undefined);
  }
}

/** Procedures a read-only console may call: introspection and full-text search. */
export const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);

/** Plan operators that change the graph; queryType already says so, this is the second look. */
const WRITE_OPERATORS = new Set([
  'Create',
  'Merge',
  'LockingMerge',
  'Delete',
  'DetachDelete',
  'DeleteNode',
  'DetachDeleteNode',
  'DeleteRelationship',
  'DeleteExpression',
  'DetachDeleteExpression',
  'DeletePath',
  'DetachDeletePath',
  'SetLabels',
  'RemoveLabels',
  'SetProperty',
  'SetProperties',
  'SetNodeProperty',
  'SetNodeProperties',
  'SetNodePropertiesFromMap',
  'SetRelationshipProperty',
  'SetRelationshipProperties',
  'SetRelationshipPropertiesFromMap',
  'SetPropertiesFromMap',
  'SetDynamicProperty',
  'Foreach',
  'SubqueryForeach',
]);

const ADMIN_OPERATOR =
  /^(Show|Terminate|Create|Drop|Alter|Grant|Deny|Revoke|Start|Stop|Enable|Rename|Administration|SystemProcedure)/;

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function* operators(plan: PlanNode | false | null | undefined): Generator<PlanNode> {
  if (!plan) return;
  yield plan;
  for (const child of plan.children ?? []) yield* operators(child);
}

const QUERY_TYPE_WORDS: Record<string, string> = {
  w: 'writes to the graph',
  rw: 'reads and writes the graph',
  s: 'changes the schema or administers the server',
};

/** The query from its first token on: leading comments and white space skipped. */
function afterComments(query: string): string {
  let rest = query;
  for (;;) {
    const trimmed = rest.replace(/^\s+/, '');
    if (trimmed.startsWith('//')) {
      const end = trimmed.indexOf('\n');
      rest = end < 0 ? '' : trimmed.slice(end + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/', 2);
      rest = end < 0 ? '' : trimmed.slice(end + 2);
    } else {
      return trimmed;
    }
  }
}

/** The first word of a query once comments and white space are skipped. */
export function leadingKeyword(query: string): string {
  return (/^[A-Za-z]+/.exec(afterComments(query))?.[0] ?? '').toUpperCase();
}

/**
 * Refuses what must not even be planned as written: an execution mode (the guard adds its own
 * EXPLAIN, and PROFILE would run the query) and query options (`CYPHER runtime=…`), which could
 * make the plan that runs differ from the plan that was checked.
 */
export function screenQueryText(query: string): void {
  // Neo4j 5.26 answers a query that is only an unterminated `/*` with an UnknownError (a 500 here):
  // a query without a statement is a syntax error before it gets there.
  if (afterComments(query) === '') {
    throw new CypherPlanError(
      'The query has no statement (only white space or comments); expected a Cypher query.',
      'Neo.ClientError.Statement.SyntaxError',
      undefined,
    );
  }
  const keyword = leadingKeyword(query);
  if (keyword === 'EXPLAIN' || keyword === 'PROFILE') {
    throw new ReadOnlyQueryError(
      `The console runs queries and shows their results: remove the leading ${keyword}.`,
      'execution-mode',
    );
  }
  if (keyword === 'CYPHER') {
    throw new ReadOnlyQueryError(
      'The console does not take query options: remove the leading `CYPHER …` (runtime, planner and other options).',
      'query-options',
    );
  }
}

/** Throws ReadOnlyQueryError unless the summary of an EXPLAIN shows a pure read. */
export function checkReadOnlyPlan(summary: ResultSummary): void {
  const type = summary.queryType as string;
  if (type !== 'r') {
    const reason = type === 's' ? 'schema' : 'write';
    throw new ReadOnlyQueryError(
      `The console is read-only: this query ${QUERY_TYPE_WORDS[type] ?? `is of type "${type}"`}.`,
      reason,
    );
  }
  for (const op of operators(summary.plan as unknown as PlanNode)) {
    const name = op.operatorType.replace(/@.*$/, '');
    if (name === 'LoadCSV') {
      throw new ReadOnlyQueryError('The console is read-only: LOAD CSV is not allowed.', 'load-csv');
    }
    if (name === 'TransactionApply' || name === 'TransactionForeach') {
      throw new ReadOnlyQueryError(
        'The console runs each query in one read transaction: CALL { … } IN TRANSACTIONS is not allowed.',
        'transactions',
      );
    }
    if (name === 'ProcedureCall') {
      const details = String(op.arguments.Details ?? op.arguments.details ?? op.arguments.Signature ?? '');
      const procedure = /^([\w.]+)\(/.exec(details.trim())?.[1] ?? '(unknown)';
      if (!ALLOWED_PROCEDURES.has(procedure)) {
        throw new ReadOnlyQueryError(
          `The console is read-only: procedure ${procedure} is not allowed. Allowed: ${[...ALLOWED_PROCEDURES].join(', ')}.`,
          'procedure',
        );
      }
    }
    if (ADMIN_OPERATOR.test(name)) {
      throw new ReadOnlyQueryError(
        `The console is read-only: administration commands (${name}) are not allowed.`,
        'admin',
      );
    }
    if (WRITE_OPERATORS.has(name)) {
      throw new ReadOnlyQueryError(
        `The console is read-only: this query writes to the graph (${name}).`,
        'write',
      );
    }
  }
}

/** The guard plans `EXPLAIN\n<query>`: positions Neo4j reports are one line and this many characters off. */
const EXPLAIN_PREFIX = 'EXPLAIN\n';
const POSITION_TEXT = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/;

function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (neo4j.isInt(value)) return (value as neo4j.Integer).toNumber();
  return undefined;
}

/** The position of a planning error in the user's query (not in the EXPLAIN-prefixed one). */
export function userPosition(error: Neo4jError): QueryPosition | undefined {
  const record = error.diagnosticRecord as { _position?: Record<string, unknown> } | undefined;
  const fromRecord = record?._position;
  const match = POSITION_TEXT.exec(error.message);
  const line = num(fromRecord?.line) ?? (match ? Number(match[1]) : undefined);
  const column = num(fromRecord?.column) ?? (match ? Number(match[2]) : undefined);
  const offset = num(fromRecord?.offset) ?? (match ? Number(match[3]) : undefined);
  if (line === undefined || column === undefined || offset === undefined) return undefined;
  if (line < 2) return { line: 1, column: 1, offset: 0 }; // inside the prefix: the query as a whole
  return { line: line - 1, column: Math.max(column, 1), offset: Math.max(offset - EXPLAIN_PREFIX.length, 0) };
}

/** Neo4j's message with the position rewritten to the user's query. */
function userMessage(error: Neo4jError, position: QueryPosition | undefined): string {
  if (!position) return error.message;
  return error.message.replace(
    POSITION_TEXT,
    `(line ${position.line}, column ${position.column} (offset: ${position.offset}))`,
  );
}

type Runner = Pick<Transaction | ManagedTransaction, 'run'>;

/**
 * Plans `query` in `tx` without running it and refuses anything but a read. Neo4j's client errors
 * (syntax, semantics, unknown procedures) come back as CypherPlanError with the user's position;
 * anything else (Neo4j unavailable…) is rethrown as it is.
 */
export async function planReadOnly(
  tx: Runner,
  query: string,
  params: Record<string, unknown> = {},
): Promise<ResultSummary> {
  screenQueryText(query);
  let summary: ResultSummary;
  try {
    summary = (await tx.run(`${EXPLAIN_PREFIX}${query}`, params)).summary;
  } catch (error) {
    if (error instanceof Neo4jError && error.code?.startsWith('Neo.ClientError.')) {
      const position = userPosition(error);
      throw new CypherPlanError(userMessage(error, position), error.code, position, error);
    }
    throw error;
  }
  checkReadOnlyPlan(summary);
  return summary;
}

/** Plans `query` without running it and refuses anything but a read. */
export async function assertReadOnly(
  driver: Driver,
  query: string,
  params: Record<string, unknown> = {},
  database?: string,
): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    await session.executeRead((tx) => planReadOnly(tx, query, params));
  } finally {
    await session.close();
  }
}
