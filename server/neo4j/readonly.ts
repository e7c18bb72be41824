// Read-only Cypher: the guard behind `stancegraph query` and the API's console. A query is
// planned first (EXPLAIN, nothing runs) and refused unless Neo4j itself classifies it as a read
// (`queryType === 'r'`) and its plan holds no operator that reaches outside the graph (LOAD CSV,
// procedures that are not allow-listed reads, admin commands). It then runs in a read transaction,
// so a write that slipped past the plan check is still refused by Neo4j.

import neo4j, { type Driver, type ResultSummary } from 'neo4j-driver';

export class ReadOnlyQueryError extends Error {
  override name = 'ReadOnlyQueryError';
  constructor(
    message: string,
    readonly reason: 'write' | 'load-csv' | 'procedure' | 'admin' | 'schema',
  ) {
    super(message);
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

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function* operators(plan: PlanNode | false | undefined): Generator<PlanNode> {
  if (!plan) return;
  yield plan;
  for (const child of plan.children ?? []) yield* operators(child);
}

const QUERY_TYPE_WORDS: Record<string, string> = {
  w: 'writes to the graph',
  rw: 'reads and writes the graph',
  s: 'changes the schema',
};

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
    if (name === 'ProcedureCall') {
      const signature = String(op.arguments.Signature ?? op.arguments.details ?? '');
      const procedure = /^([\w.]+)\(/.exec(signature.trim())?.[1] ?? signature;
      if (!ALLOWED_PROCEDURES.has(procedure)) {
        throw new ReadOnlyQueryError(
          `The console is read-only: procedure ${procedure || '(unknown)'} is not allowed. Allowed: ${[...ALLOWED_PROCEDURES].join(', ')}.`,
          'procedure',
        );
      }
    }
    if (/^(Show|Terminate|Create|Drop|Alter|Grant|Deny|Revoke|Start|Stop|Enable|Rename)/.test(name)) {
      throw new ReadOnlyQueryError(
        `The console is read-only: administration commands (${name}) are not allowed.`,
        'admin',
      );
    }
  }
}

/** Plans `query` without running it and refuses anything but a read. */
export async function assertReadOnly(
  driver: Driver,
  query: string,
  params: Record<string, unknown> = {},
  database?: string,
): Promise<void> {
  const { summary } = await driver.executeQuery(`EXPLAIN ${query}`, params, {
    database,
    routing: neo4j.routing.READ,
  });
  checkReadOnlyPlan(summary);
}
