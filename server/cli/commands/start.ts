// `stancegraph start` (npm start): bring everything up: the Neo4j (embedded by default), the
// schema, the founding dataset when the database is empty, then a summary of the graph.

import path from 'node:path';
import type { Command } from 'commander';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT, type Config } from '../../config.ts';
import { loadFiles } from '../../dataset/load.ts';
import { connect } from '../../neo4j/connection.ts';
import { applySchema } from '../../neo4j/schema.ts';
import { info } from '../output.ts';
import { formatReport } from './load.ts';
import { printSummary } from './query.ts';

export const FOUNDING_DATASET = path.join(
  PROJECT_ROOT,
  'data',
  'founding',
  '2022-01-11-us-nato-envoy-on-russia-talks.yaml',
);

export function registerStartCommand(program: Command, getConfig: () => Config): void {
  program
    .command('start')
    .description(
      'start Neo4j (embedded unless NEO4J_URI is set), apply the schema, load the founding dataset into an empty database',
    )
    .option('--no-seed', 'do not load the founding dataset, even into an empty database')
    .action(async (options: { seed: boolean }) => {
      const config = getConfig();
      const connection = await connect(config, { log: info });
      try {
        const database = connection.target.database;
        await applySchema(connection.driver, database);
        const { records } = await connection.driver.executeQuery(
          'MATCH (n) RETURN count(n) > 0 AS any',
          {},
          {
            database,
            routing: neo4j.routing.READ,
          },
        );
        if (options.seed && !records[0]?.get('any')) {
          info(
            `Empty database: loading the founding dataset ${path.relative(process.cwd(), FOUNDING_DATASET)}…`,
          );
          info(formatReport(await loadFiles(connection.driver, [FOUNDING_DATASET], { database })));
        }
      } finally {
        await connection.close();
      }
      await printSummary(config);
      info(
        `Neo4j: ${connection.target.uri}${connection.target.embedded ? ' (embedded; stop it with `npm run stancegraph -- db stop`)' : ''}`,
      );
    });
}
