// Neo4j's offline importer (`neo4j-admin database import full`) for the embedded Neo4j: run from
// the jars `db install` fetched (org.neo4j:neo4j-import-tool and neo4j-command-line, see
// neo4j/pom.xml) with the embedded instance's own neo4j.conf, while that instance is stopped.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Config } from '../config.ts';
import { embeddedPaths, install, javaBinary, JVM_FLAGS, LIB_DIR } from './embedded.ts';

export class ImportToolError extends Error {
  override name = 'ImportToolError';
}

export interface ImportToolInput {
  /** Node CSV files, each with its header on the first line. */
  nodes: string[];
  relationships: string[];
  /** Files whose quoted values may hold line breaks (the importer reads only these the slow way). */
  multiline: string[];
  arrayDelimiter: string;
  /** Where the importer's report of bad entries goes. */
  reportFile: string;
  database: string;
}

const ADMIN_MAIN_CLASS = 'org.neo4j.cli.AdminTool';

/**
 * Worker threads for the importer: at least 4. Its default is one per core, but its stages also
 * wait on reading and writing: on 2 cores, 1M stances (3 million relationships) imported in 19–21 s
 * with 4 threads against 23–26 s with 2 (and 23 s with 8).
 */
export const importThreads = () => Math.max(4, os.availableParallelism());

/** The `neo4j-admin database import full` arguments for `input` (importer options, then the database). */
export function importArguments(input: ImportToolInput): string[] {
  const codePoint = input.arrayDelimiter.codePointAt(0)!;
  return [
    'database',
    'import',
    'full',
    ...input.nodes.map((file) => `--nodes=${file}`),
    ...input.relationships.map((file) => `--relationships=${file}`),
    `--array-delimiter=U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
    ...(input.multiline.length > 0
      ? ['--multiline-fields-format=v2', `--multiline-fields=${input.multiline.join(',')}`]
      : []),
    // The loader validated everything: one bad entry means a bug, and the import fails whole.
    '--bad-tolerance=0',
    '--skip-bad-relationships=false',
    '--skip-duplicate-nodes=false',
    `--threads=${importThreads()}`,
    `--report-file=${input.reportFile}`,
    input.database,
  ];
}

/**
 * Runs the offline importer into the embedded Neo4j's data directory. The embedded Neo4j must be
 * stopped and the database absent (the caller moves it aside). Lines the importer prints go to
 * `log`; a failure throws with the last of them.
 */
export async function runImportTool(
  config: Config,
  input: ImportToolInput,
  log: (line: string) => void = () => {},
): Promise<void> {
  install(log);
  const paths = embeddedPaths(config);
  if (!fs.existsSync(paths.confFile)) {
    throw new ImportToolError(`Import: ${paths.confFile} is missing; start the embedded Neo4j once first`);
  }
  const heap = config.embedded.heap;
  const child = spawn(
    javaBinary(),
    [
      `-Xmx${heap}`,
      ...JVM_FLAGS,
      '-cp',
      path.join(LIB_DIR, '*'),
      ADMIN_MAIN_CLASS,
      ...importArguments(input),
    ],
    {
      // neo4j-admin finds neo4j.conf in NEO4J_CONF; the embedded home is its NEO4J_HOME.
      env: { ...process.env, NEO4J_HOME: paths.home, NEO4J_CONF: paths.home },
      cwd: path.dirname(input.reportFile),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const tail: string[] = [];
  // Whole lines only: the importer writes a line in several pieces ("IMPORT ", "DONE", " in 1s").
  const collect = (line: string) => {
    if (!line.trim()) return;
    tail.push(line);
    if (tail.length > 40) tail.shift();
    // The progress dots, 5 % a line, stay out of the log.
    if (!/^[.\s-]+\d+%/.test(line)) log(line);
  };
  const lines = [
    readline.createInterface({ input: child.stdout, crlfDelay: Infinity }),
    readline.createInterface({ input: child.stderr, crlfDelay: Infinity }),
  ];
  const drained = Promise.all(lines.map((rl) => new Promise((resolve) => rl.once('close', resolve))));
  for (const rl of lines) rl.on('line', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) =>
      reject(
        new ImportToolError(
          `Import: could not start Java (${javaBinary()}): ${error.message}. Install Java 17+ or set JAVA_HOME.`,
        ),
      ),
    );
    child.once('close', resolve);
  });
  await drained;
  if (code !== 0) {
    throw new ImportToolError(
      `Import: neo4j-admin database import full failed (exit ${code}).\n${tail.slice(-20).join('\n')}`,
    );
  }
}
