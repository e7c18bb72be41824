// `stancegraph start` (npm start): bring everything up: the Neo4j (embedded by default), the
// schema, the founding dataset when the database is empty, a summary of the graph, then the HTTP
// API (and the client's build at `/` when there is one) until Ctrl-C.
// `stancegraph serve`: the HTTP API alone, for a Neo4j that runs already (it answers 503 until
// Neo4j does).

import path from 'node:path';
import type { Command } from 'commander';
import neo4j from 'neo4j-driver';
import { FOUNDING_DATASET, type Config } from '../../config.ts';
import { loadFiles } from '../../dataset/load.ts';
import { serve } from '../../http.ts';
import { connect, target } from '../../neo4j/connection.ts';
import { applySchema } from '../../neo4j/schema.ts';
import { info } from '../output.ts';
import { formatReport } from './load.ts';
import { printSummary } from './query.ts';

export { FOUNDING_DATASET };

/** Serves the API until SIGINT/SIGTERM, printing where. */
async function serveUntilStopped(config: Config): Promise<void> {
  const server = await serve(config, { handleSignals: true, log: info });
  info(
    `Stancegraph: ${server.url}${server.servesClient ? '' : ' (API only: client/dist has no build of the client to serve at /)'}`,
  );
  info(`Sign in to code and review (writes): ${server.signInUrl}`);
  info(`API: ${server.url}/api (reference: docs/API.md, ${server.url}/api/openapi.json). Stop with Ctrl-C.`);
  await server.closed;
  info('Stopped.');
  // A restart of the embedded Neo4j that the supervisor began (it waits up to the start timeout
  // for Neo4j to answer) must not keep the stopped server's process alive.
  process.exit(process.exitCode ?? 0);
}

export function registerStartCommand(program: Command, getConfig: () => Config): void {
  program
    .command('start')
    .description(
      'start Neo4j (embedded unless NEO4J_URI is set), apply the schema, load the founding dataset into an empty database, serve the API',
    )
    .option('--no-seed', 'do not load the founding dataset, even into an empty database')
    .option('--no-serve', 'stop once Neo4j is up and seeded: do not serve the API')
    .addHelpText(
      'after',
      `
The API listens on http://$HOST:$PORT (default http://127.0.0.1:3000); docs/API.md lists its
endpoints and settings (STANCEGRAPH_CONSOLE_TIMEOUT, STANCEGRAPH_CORS_ORIGINS, …).`,
    )
    .action(async (options: { seed: boolean; serve: boolean }) => {
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
      if (options.serve) await serveUntilStopped(config);
    });

  program
    .command('serve')
    .description(
      'serve the HTTP API (and the client) for a Neo4j that runs already; answers 503 until Neo4j does',
    )
    .action(async () => {
      const config = getConfig();
      info(`Neo4j: ${target(config).uri}`);
      await serveUntilStopped(config);
    });
}
