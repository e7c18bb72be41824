// A child process for the kill suite (loader-kill.test.ts): runs a real bulk load and SIGKILLs
// itself at an exact point (the n-th look-up during validation, after the n-th batch inside a
// transaction, just before or while the n-th commit goes out, right after it is acknowledged).
// The hooks only watch the driver's calls; the load is the one `stancegraph load` runs.
//   tsx test/faults/_kill-load.ts '<json KillPlan>'

import neo4j, { Driver, Session, Transaction } from 'neo4j-driver';
import { loadFiles } from '../../server/dataset/load.ts';

export type KillPoint = 'validation' | 'inside' | 'before-commit' | 'during-commit' | 'after-commit';

export interface KillPlan {
  uri: string;
  user: string;
  password: string;
  folder: string;
  undoDir: string;
  batchSize: number;
  transactionRows: number;
  /** Where to die; `n` counts from 1. Without it the load runs through and prints its counts. */
  kill?: { at: KillPoint; n: number };
}

const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

const plan = JSON.parse(process.argv[2]!) as KillPlan;
const counts = { lookups: 0, batches: 0, commits: 0 };
const at = (point: KillPoint, count: number) => plan.kill?.at === point && plan.kill.n === count;

const executeQuery = Driver.prototype.executeQuery;
Driver.prototype.executeQuery = function (this: Driver, ...args: Parameters<Driver['executeQuery']>) {
  if (at('validation', ++counts.lookups)) die();
  return executeQuery.apply(this, args);
} as Driver['executeQuery'];

// The writer's transactions are the explicit ones (executeQuery's are managed: not counted).
const explicit = new WeakSet<object>();
const beginTransaction = Session.prototype.beginTransaction;
Session.prototype.beginTransaction = function (
  this: Session,
  ...args: Parameters<Session['beginTransaction']>
) {
  const tx = beginTransaction.apply(this, args);
  explicit.add(tx);
  return tx;
} as Session['beginTransaction'];

const run = Transaction.prototype.run;
Transaction.prototype.run = function (this: Transaction, ...args: Parameters<Transaction['run']>) {
  const result = run.apply(this, args);
  if (!explicit.has(this)) return result;
  const n = ++counts.batches;
  if (at('inside', n)) void result.summary().then(die, die);
  return result;
} as Transaction['run'];

const commit = Transaction.prototype.commit;
Transaction.prototype.commit = async function (this: Transaction) {
  if (!explicit.has(this)) return commit.apply(this);
  const n = ++counts.commits;
  if (at('before-commit', n)) die();
  const committing = commit.apply(this);
  // The COMMIT message is on its way; whether Neo4j commits before the socket closes is a race.
  if (at('during-commit', n)) setImmediate(die);
  await committing;
  if (at('after-commit', n)) die();
} as Transaction['commit'];

const driver = neo4j.driver(plan.uri, plan.password ? neo4j.auth.basic(plan.user, plan.password) : undefined);
try {
  const report = await loadFiles(driver, [plan.folder], {
    batchSize: plan.batchSize,
    transactionRows: plan.transactionRows,
    undoDir: plan.undoDir,
  });
  process.stdout.write(`${JSON.stringify({ ...counts, transactions: report.transactions })}\n`);
} finally {
  await driver.close();
}
