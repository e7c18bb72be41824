// The `stancegraph` command line: the embedded Neo4j (db start|stop|status|install), the schema,
// dataset validation and loading, read queries from the terminal, extraction from news texts
// (extract, and the CoreNLP server: nlp start|stop|status|install), and `start`, which brings the
// whole thing up. Every subcommand has --help; errors are printed as one readable message.

import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from '../config.ts';

type Register = (program: Command, getConfig: () => Config) => void;

/**
 * Each command module, by the commands it registers, imported only when needed: a run of one
 * command loads that command's module alone (`load` does not carry the HTTP server's and
 * extraction's modules: 60 MB less resident); --help and unknown commands load them all.
 */
const COMMAND_MODULES: { names: string[]; module: () => Promise<Register> }[] = [
  {
    names: ['start', 'serve'],
    module: async () => (await import('./commands/start.ts')).registerStartCommand,
  },
  { names: ['db'], module: async () => (await import('./commands/db.ts')).registerDbCommands },
  {
    names: ['load', 'rollback', 'validate', 'dataset-schema'],
    module: async () => (await import('./commands/load.ts')).registerLoadCommands,
  },
  { names: ['import'], module: async () => (await import('./commands/import.ts')).registerImportCommand },
  {
    names: ['export-dna'],
    module: async () => (await import('./commands/export-dna.ts')).registerExportDnaCommand,
  },
  { names: ['dump'], module: async () => (await import('./commands/dump.ts')).registerDumpCommand },
  {
    names: ['query', 'summary'],
    module: async () => (await import('./commands/query.ts')).registerQueryCommands,
  },
  { names: ['extract'], module: async () => (await import('./commands/extract.ts')).registerExtractCommand },
  { names: ['nlp'], module: async () => (await import('./commands/nlp.ts')).registerNlpCommands },
];

/** The program with the commands `argv` runs (all of them for help, or when it names none). */
export async function buildProgram(getConfig: () => Config, argv: string[] = []): Promise<Command> {
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
  const named = COMMAND_MODULES.find(({ names }) => names.includes(argv[2] ?? ''));
  const modules = await Promise.all((named ? [named] : COMMAND_MODULES).map(({ module }) => module()));
  for (const register of modules) register(program, getConfig);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let config: Config | undefined;
  const getConfig = () => (config ??= loadConfig());
  try {
    const program = (await buildProgram(getConfig, argv)).exitOverride();
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`stancegraph: ${(error as Error).message}\n`);
    return 1;
  }
}
