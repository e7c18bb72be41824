// `stancegraph db start|stop|status|install`: the embedded Neo4j's life cycle.

import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import * as embedded from '../../neo4j/embedded.ts';
import { info } from '../output.ts';

function requireEmbedded(config: Config, action: string): boolean {
  if (config.neo4j.uri) {
    info(`NEO4J_URI is set (${config.neo4j.uri}): nothing to ${action}; stancegraph uses that server.`);
    return false;
  }
  return true;
}

export function registerDbCommands(program: Command, getConfig: () => Config): void {
  const db = program
    .command('db')
    .description('manage the embedded Neo4j (ignored when NEO4J_URI is set)')
    .addHelpText(
      'after',
      `
The embedded Neo4j keeps its data in $STANCEGRAPH_HOME/neo4j (default ./var/neo4j), listens for
Bolt on 127.0.0.1:$STANCEGRAPH_NEO4J_PORT (default 7687) and logs to neo4j.log there. Auth is on:
user neo4j, password in $STANCEGRAPH_HOME/neo4j-password (owner-only; made at the first start).`,
    );

  db.command('install')
    .description(`fetch Neo4j ${embedded.NEO4J_VERSION} from Maven Central and build the launcher (once)`)
    .action(() => {
      embedded.install(info);
      info(embedded.isInstalled() ? 'Embedded Neo4j is installed.' : 'Embedded Neo4j is not installed.');
    });

  db.command('start')
    .description('start the embedded Neo4j, or find the running one; waits until Bolt answers')
    .action(async () => {
      const config = getConfig();
      if (!requireEmbedded(config, 'start')) return;
      const { alreadyRunning, pid } = await embedded.start(config, info);
      info(
        `${alreadyRunning ? 'Already running' : 'Started'}: Neo4j ${embedded.NEO4J_VERSION} (pid ${pid}) at ${embedded.boltUri(config)}`,
      );
    });

  db.command('stop')
    .description('stop the embedded Neo4j gracefully')
    .action(async () => {
      const config = getConfig();
      if (!requireEmbedded(config, 'stop')) return;
      const { wasRunning } = await embedded.stop(config);
      info(wasRunning ? 'Stopped the embedded Neo4j.' : 'The embedded Neo4j was not running.');
    });

  db.command('status')
    .description('say whether the embedded Neo4j runs (exit code 0 if it does, 3 if not)')
    .option('--json', 'print the status as JSON')
    .action((options: { json?: boolean }) => {
      const config = getConfig();
      const s = embedded.status(config);
      if (options.json)
        process.stdout.write(`${JSON.stringify({ ...s, external: config.neo4j.uri ?? null })}\n`);
      else if (config.neo4j.uri) info(`External Neo4j: ${config.neo4j.uri} (NEO4J_URI).`);
      else if (s.running) info(`Running: pid ${s.pid}, ${s.uri}, data in ${s.home}`);
      else
        info(
          `Not running${s.installed ? '' : ' (not installed yet: `stancegraph db install`)'}. Data in ${s.home}`,
        );
      process.exitCode = s.running || config.neo4j.uri ? 0 : 3;
    });
}
