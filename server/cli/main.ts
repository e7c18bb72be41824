// The `stancegraph` command line: the embedded Neo4j (db start|stop|status|install), the schema,
// dataset validation and loading, read queries from the terminal, extraction from news texts
// (extract, and the CoreNLP server: nlp start|stop|status|install), and `start`, which brings the
// whole thing up. Every subcommand has --help; errors are printed as one readable message.

import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerExportDnaCommand } from './commands/export-dna.ts';
import { registerDumpCommand } from './commands/dump.ts';
import { registerExtractCommand } from './commands/extract.ts';
import { registerLoadCommands } from './commands/load.ts';
import { registerNlpCommands } from './commands/nlp.ts';
import { registerQueryCommands } from './commands/query.ts';
import { registerStartCommand } from './commands/start.ts';

export function buildProgram(getConfig: () => Config): Command {
  const program = new Command('stancegraph')
    .description('Who takes which position on what: a Neo4j knowledge graph of actors and stances.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Neo4j: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to use a server of your own; otherwise an
embedded Neo4j 5.26 is started from jars that Maven fetches (Java 17+ and Maven needed).

Examples:
  $ stancegraph start                       # Neo4j + schema + founding dataset + summary
  $ stancegraph load data/founding/*.yaml   # validate, then load all-or-nothing
  $ stancegraph query "MATCH (a:Actor) RETURN a.name LIMIT 5"
  $ stancegraph extract article.html --out draft.yaml   # suggestions from a news text (CoreNLP)`,
    );
  registerStartCommand(program, getConfig);
  registerDbCommands(program, getConfig);
  registerLoadCommands(program, getConfig);
  registerImportCommand(program, getConfig);
  registerExportDnaCommand(program, getConfig);
  registerDumpCommand(program, getConfig);
  registerQueryCommands(program, getConfig);
  registerExtractCommand(program, getConfig);
  registerNlpCommands(program, getConfig);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let config: Config | undefined;
  const getConfig = () => (config ??= loadConfig());
  const program = buildProgram(getConfig).exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`stancegraph: ${(error as Error).message}\n`);
    return 1;
  }
}
