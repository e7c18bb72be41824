// `stancegraph load` and `stancegraph validate`: datasets in, all-or-nothing, with a progress bar
// on terminals and a summary of what changed.

import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { DatasetValidationError, formatIssue } from '../../dataset/errors.ts';
import { DEFAULT_BATCH_SIZE, loadFiles, type LoadReport } from '../../dataset/load.ts';
import { DEFAULT_TRANSACTION_ROWS, type Counts } from '../../dataset/writer.ts';
import { datasetJsonSchema } from '../../dataset/schema.ts';
import { rollback } from '../../dataset/undo.ts';
import { isBulkFolder, validateBulk } from '../../dataset/bulk.ts';
import { validateFiles } from '../../dataset/validate.ts';
import { graphLookup } from '../../dataset/lookup.ts';
import { initialLoad, InitialLoadRefused } from '../../dataset/initial.ts';
import { connect } from '../../neo4j/connection.ts';
import { info, progress, table } from '../output.ts';

export function formatReport(report: LoadReport): string {
  const row = (what: string, name: string, c: Counts) => [
    what,
    name,
    String(c.created),
    String(c.updated),
    String(c.unchanged),
  ];
  const rows = [
    ...Object.entries(report.nodes).map(([kind, c]) => row('node', kind, c)),
    ...Object.entries(report.relationships).map(([family, c]) => row('relationship', family, c)),
  ];
  const verb = report.dryRun ? 'Dry run: would load' : 'Loaded';
  return (
    `${table(['what', 'kind', report.dryRun ? 'would create' : 'created', report.dryRun ? 'would update' : 'updated', 'unchanged'], rows)}\n` +
    `${verb} ${report.files.length} file(s) in ${(report.elapsedMs / 1000).toFixed(2)}s` +
    ` (validation ${(report.validationMs / 1000).toFixed(2)}s)` +
    (report.derivedMentions ? `; ${report.derivedMentions} MENTIONS derived from provenance` : '') +
    (report.mergedSkipped.length
      ? `; not written again, merged into other nodes: ${report.mergedSkipped.map((m) => `${m.id} → ${m.into}`).join(', ')}`
      : '') +
    (report.dryRun ? '; nothing was written.' : '.')
  );
}

function printIssues(error: DatasetValidationError): void {
  for (const issue of error.issues) info(formatIssue(issue));
  info(`\n${error.issues.length} error(s); nothing was written.`);
}

/** `load --initial`: one bulk folder through Neo4j's offline importer (dataset/initial.ts). */
async function loadInitial(
  files: string[],
  options: { dryRun?: boolean; json?: boolean },
  config: Config,
): Promise<void> {
  if (files.length !== 1 || options.dryRun) {
    info(
      'load --initial: give exactly one bulk folder, without --dry-run (use `stancegraph validate` to check it).',
    );
    process.exitCode = 2;
    return;
  }
  let bar: ReturnType<typeof progress> | undefined;
  try {
    const report = await initialLoad(config, files[0]!, {
      log: info,
      onProgress: (done, total) => {
        if (total >= 10_000) (bar ??= progress('Writing CSV', total)).update(done);
      },
    });
    bar?.stop();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    if (options.json) process.stdout.write(`${JSON.stringify({ ...report, peakRssMb })}\n`);
    else
      info(
        `${formatReport(report)}\nOffline import: CSV ${(report.csvMs / 1000).toFixed(2)}s, import ${(report.importMs / 1000).toFixed(2)}s, schema ${(report.schemaMs / 1000).toFixed(2)}s.`,
      );
  } catch (error) {
    bar?.stop();
    if (error instanceof InitialLoadRefused) {
      info(error.message);
      process.exitCode = 2;
    } else if (error instanceof DatasetValidationError) {
      printIssues(error);
      process.exitCode = 1;
    } else throw error;
  }
}

export function registerLoadCommands(program: Command, getConfig: () => Config): void {
  program
    .command('load')
    .description(
      'validate dataset files (YAML or JSON) as a whole, then load them all-or-nothing (one transaction, or several with an undo log)',
    )
    .argument(
      '<files...>',
      'dataset files (YAML/JSON), or one bulk folder of JSON Lines files; references may cross files and reach ids already in the graph',
    )
    .option('-n, --dry-run', 'validate and report what would change, writing nothing')
    .option('--batch-size <rows>', 'rows per UNWIND batch', (v) => Number.parseInt(v, 10), DEFAULT_BATCH_SIZE)
    .option(
      '--transaction-rows <rows>',
      'rows per transaction; a larger load commits in several and rolls them all back on failure',
      (v) => Number.parseInt(v, 10),
      DEFAULT_TRANSACTION_ROWS,
    )
    .option('--json', 'print the report as JSON on stdout')
    .option(
      '--initial',
      "into an empty embedded database: Neo4j's offline importer (stops Neo4j while it imports; several times faster)",
    )
    .addHelpText(
      'after',
      `
All-or-nothing: if any file has an error, every error is listed (file:line:column, the field,
what was expected) and nothing is written. Loading the same files again changes nothing.

--initial (one bulk folder, the embedded Neo4j, an empty database): validates exactly the same
way, writes CSV files for \`neo4j-admin database import full\`, stops the embedded Neo4j, imports,
starts it again and applies the schema. It refuses, changing nothing, when the database holds
anything or NEO4J_URI names another server.

Examples:
  $ stancegraph load data/founding/2022-01-11-us-nato-envoy-on-russia-talks.yaml
  $ stancegraph load --dry-run my-articles/*.yaml
  $ stancegraph load --initial bench/work/synthetic-1000000-s1`,
    )
    .action(
      async (
        files: string[],
        options: {
          dryRun?: boolean;
          batchSize: number;
          transactionRows: number;
          json?: boolean;
          initial?: boolean;
        },
      ) => {
        if (options.initial) return loadInitial(files, options, getConfig());
        for (const [flag, value] of [
          ['--batch-size', options.batchSize],
          ['--transaction-rows', options.transactionRows],
        ] as const) {
          if (!Number.isInteger(value) || value < 1)
            throw new Error(`${flag}: expected a positive integer, got ${value}`);
        }
        const connection = await connect(getConfig(), { log: info });
        let bar: ReturnType<typeof progress> | undefined;
        try {
          const report = await loadFiles(connection.driver, files, {
            database: connection.target.database,
            dryRun: options.dryRun,
            batchSize: options.batchSize,
            transactionRows: options.transactionRows,
            undoDir: path.join(getConfig().embedded.home, 'loads'),
            maxTextBytes: getConfig().maxTextBytes,
            onProgress: (done, total) => {
              if (total >= 10_000) (bar ??= progress('Loading', total)).update(done);
            },
          });
          bar?.stop();
          const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
          if (options.json) process.stdout.write(`${JSON.stringify({ ...report, peakRssMb })}\n`);
          else info(formatReport(report));
        } catch (error) {
          bar?.stop();
          if (!(error instanceof DatasetValidationError)) throw error;
          printIssues(error);
          process.exitCode = 1;
        } finally {
          await connection.close();
        }
      },
    );

  program
    .command('rollback')
    .description('play back the undo log of a load that was interrupted (a crash between its transactions)')
    .argument('<undo-log>', 'the .undo.jsonl file the interrupted load left in $STANCEGRAPH_HOME/loads')
    .action(async (file: string) => {
      const connection = await connect(getConfig(), { log: info });
      try {
        const report = await rollback(connection.driver, file, connection.target.database);
        info(
          `Rolled back: ${report.deletedNodes} nodes and ${report.deletedRelationships} relationships deleted, ${report.restoredNodes + report.restoredRelationships} restored.`,
        );
        fs.rmSync(file);
      } finally {
        await connection.close();
      }
    });

  program
    .command('validate')
    .description('validate dataset files without loading them (references are checked against the graph)')
    .argument('<files...>', 'dataset files (YAML or JSON), or one bulk folder of JSON Lines files')
    .action(async (files: string[]) => {
      const folders = files.filter(isBulkFolder);
      if (folders.length > 0 && files.length > 1) {
        info('Give one bulk folder (JSON Lines), or dataset files (YAML/JSON), not both.');
        process.exitCode = 2;
        return;
      }
      const connection = await connect(getConfig(), { log: info });
      try {
        const lookup = graphLookup(connection.driver, connection.target.database);
        let issues;
        if (folders[0] !== undefined) {
          const result = await validateBulk(folders[0], lookup, { maxTextBytes: getConfig().maxTextBytes });
          result.index?.close();
          issues = result.issues;
        } else ({ issues } = await validateFiles(files, lookup, { maxTextBytes: getConfig().maxTextBytes }));
        if (issues.length > 0) {
          printIssues(new DatasetValidationError(issues));
          process.exitCode = 1;
        } else info(folders[0] !== undefined ? `${folders[0]}: valid.` : `${files.length} file(s) valid.`);
      } finally {
        await connection.close();
      }
    });

  program
    .command('dataset-schema')
    .description('print the JSON Schema of the dataset format (for editors; data/dataset.schema.json)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
    });
}
