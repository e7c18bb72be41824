// `stancegraph query` (a read-only Cypher query, printed as a table or JSON) and
// `stancegraph summary` (what the graph holds), for people who live in the terminal.

import type { Command } from 'commander';
import neo4j from 'neo4j-driver';
import type { Config } from '../../config.ts';
import { queries } from '../../cypher/registry.ts';
import { connect } from '../../neo4j/connection.ts';
import { assertReadOnly } from '../../neo4j/readonly.ts';
import { toPlain } from '../../neo4j/values.ts';
import { info, table } from '../output.ts';

function parseParam(value: string, previous: Record<string, unknown>): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq < 1) throw new Error(`--param ${value}: expected name=value (value as JSON or plain text)`);
  const name = value.slice(0, eq);
  const raw = value.slice(eq + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // plain text
  }
  return { ...previous, [name]: parsed };
}

const cell = (value: unknown): string => {
  const plain = toPlain(value);
  return typeof plain === 'string' ? plain : plain === null ? '' : JSON.stringify(plain);
};

export async function printSummary(config: Config): Promise<void> {
  const connection = await connect(config, { log: info });
  try {
    const { records } = await connection.driver.executeQuery(
      queries['graph-summary'],
      {},
      {
        database: connection.target.database,
        routing: neo4j.routing.READ,
      },
    );
    const rows = records.map((r) => [r.get('what') as string, r.get('name') as string, cell(r.get('count'))]);
    process.stdout.write(`${table(['what', 'name', 'count'], rows)}\n`);
  } finally {
    await connection.close();
  }
}

export function registerQueryCommands(program: Command, getConfig: () => Config): void {
  program
    .command('query')
    .description('run a read-only Cypher query and print the result as a table (or JSON)')
    .argument('<cypher>', 'the Cypher query; writes are refused')
    .option('--json', 'print rows as JSON lines, one object per row')
    .option(
      '-p, --param <name=value>',
      'a query parameter (repeatable); the value is JSON or plain text',
      parseParam,
      {},
    )
    .option('--limit <n>', 'print at most n rows', (v) => Number.parseInt(v, 10), 1000)
    .addHelpText(
      'after',
      `
Examples:
  $ stancegraph query "MATCH (a:Actor)-[s:DEMANDS]->(c:Claim) RETURN a.name, c.text, s.quote"
  $ stancegraph query "MATCH (a:Actor {id: \\$id}) RETURN a" -p id=person:sergei-ryabkov --json`,
    )
    .action(
      async (cypher: string, options: { json?: boolean; param: Record<string, unknown>; limit: number }) => {
        const config = getConfig();
        const connection = await connect(config, { log: info });
        try {
          const database = connection.target.database;
          await assertReadOnly(connection.driver, cypher, options.param, database);
          const session = connection.driver.session({ database, defaultAccessMode: neo4j.session.READ });
          try {
            const result = await session.executeRead((tx) => tx.run(cypher, options.param));
            const keys = result.records[0]?.keys.map(String) ?? [];
            const records = result.records.slice(0, options.limit);
            if (options.json) {
              for (const record of records)
                process.stdout.write(`${JSON.stringify(toPlain(record.toObject()))}\n`);
            } else {
              process.stdout.write(
                `${table(
                  keys,
                  records.map((r) => keys.map((k) => cell(r.get(k)))),
                )}\n`,
              );
            }
            info(
              `${result.records.length} row(s)${result.records.length > options.limit ? `, ${options.limit} shown` : ''}`,
            );
          } finally {
            await session.close();
          }
        } finally {
          await connection.close();
        }
      },
    );

  program
    .command('summary')
    .description('print how many nodes of each kind and relationships of each type the graph holds')
    .action(() => printSummary(getConfig()));
}
