// `stancegraph import <format> <files or folders...>`: data analysts' own data in (DNA, GDELT,
// ICEWS) through the one import path (server/import/run.ts): progress, a summary with the rows
// that could not be mapped, --dry-run; `import gdelt --from --to` fetches GDELT 2.0's exports.

import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { DatasetValidationError, formatIssue } from '../../dataset/errors.ts';
import { DEFAULT_BATCH_SIZE } from '../../dataset/load.ts';
import { DEFAULT_TRANSACTION_ROWS } from '../../dataset/writer.ts';
import { connect } from '../../neo4j/connection.ts';
import { fetchGdeltExports, DEFAULT_GDELT_BASE_URL } from '../../import/gdelt-fetch.ts';
import { IMPORTERS, importerFor } from '../../import/index.ts';
import { importFiles, type ImportReport } from '../../import/run.ts';
import { ImportInputError } from '../../import/types.ts';
import { info, progress, table } from '../output.ts';
import { formatReport } from './load.ts';

export function formatImportReport(report: ImportReport): string {
  const lines = [
    formatReport(report.load),
    `Read ${report.read} ${report.format} row(s) from ${report.files.length} file(s): ` +
      `${report.records.relationships ?? 0} relationship record(s)` +
      (report.existingNodes
        ? `, ${report.existingNodes} node(s) already in the graph (referenced, not redefined)`
        : '') +
      (report.duplicates ? `, ${report.duplicates} duplicate record(s) kept once` : '') +
      `; ${report.skipped} row(s) could not be mapped.`,
  ];
  if (report.skipped > 0) {
    lines.push(
      table(
        ['reason', 'rows'],
        Object.entries(report.skippedByReason).map(([r, n]) => [r, String(n)]),
        80,
      ),
    );
    for (const row of report.skippedRows)
      lines.push(
        `  ${row.file}${row.line ? `:${row.line}` : ''}${row.record ? ` (${row.record})` : ''}: ${row.reason}`,
      );
    if (report.skippedRows.length < report.skipped)
      lines.push(`  … and ${report.skipped - report.skippedRows.length} more (--list-skipped to see more)`);
  }
  return lines.join('\n');
}

const atLeast = (min: number, flag: string) => (value: string) => {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < min || String(n) !== value)
    throw new Error(
      `${flag}: expected ${min === 0 ? 'a whole number ≥ 0' : 'a positive integer'}, got ${value}`,
    );
  return n;
};
const positive = (flag: string) => atLeast(1, flag);

export function registerImportCommand(program: Command, getConfig: () => Config): void {
  program
    .command('import')
    .description(
      'import DNA (.dna), GDELT (event CSV, CSV.zip) or ICEWS (Dataverse .tab) data, all-or-nothing',
    )
    .argument('<format>', `one of ${Object.keys(IMPORTERS).join(', ')}`)
    .argument('[inputs...]', 'files, or folders of such files')
    .option('-n, --dry-run', 'map and validate everything and report what would change, writing nothing')
    .option(
      '--from <date>',
      'gdelt: fetch GDELT 2.0 15-minute exports from this day (YYYY-MM-DD) or time (YYYYMMDDHHMMSS)',
    )
    .option('--to <date>', 'gdelt: … up to this day (inclusive) or time')
    .option(
      '--base-url <url>',
      'gdelt: where the master file list and exports are',
      process.env.STANCEGRAPH_GDELT_URL ?? DEFAULT_GDELT_BASE_URL,
    )
    .option(
      '--list-skipped <rows>',
      'how many unmappable rows the summary lists',
      atLeast(0, '--list-skipped'),
      50,
    )
    .option('--batch-size <rows>', 'rows per UNWIND batch', positive('--batch-size'), DEFAULT_BATCH_SIZE)
    .option(
      '--transaction-rows <rows>',
      'rows per transaction (larger imports commit in several, undone together on failure)',
      positive('--transaction-rows'),
      DEFAULT_TRANSACTION_ROWS,
    )
    .option(
      '--keep-records <folder>',
      "also keep the loader's records, as a bulk JSON Lines folder, in this new folder",
    )
    .option('--json', 'print the report as JSON on stdout')
    .addHelpText(
      'after',
      `
Every row becomes the loader's records and goes through the loader's validation: input that
cannot be read is refused with its file:line, the field and what was expected, and nothing is
written. A row that is valid but cannot be mapped (one actor only, an unknown CAMEO code, a DNA
statement without a concept) is counted and listed. Importing the same data again changes nothing.

Examples:
  $ stancegraph import dna hearings.dna
  $ stancegraph import gdelt 20191024143000.export.CSV.zip events/
  $ stancegraph import gdelt --from 2022-01-10 --to 2022-01-12
  $ stancegraph import icews --dry-run events.2018.tab`,
    )
    .action(
      async (
        format: string,
        inputs: string[],
        options: {
          dryRun?: boolean;
          from?: string;
          to?: string;
          baseUrl: string;
          listSkipped: number;
          keepRecords?: string;
          batchSize: number;
          transactionRows: number;
          json?: boolean;
        },
      ) => {
        const importer = importerFor(format);
        const fetching = options.from !== undefined || options.to !== undefined;
        if (fetching && format !== 'gdelt')
          throw new Error('--from/--to fetch GDELT exports: only with `import gdelt`');
        if (fetching && (options.from === undefined || options.to === undefined))
          throw new Error('--from and --to go together (e.g. --from 2022-01-10 --to 2022-01-12)');
        if (!fetching && inputs.length === 0)
          throw new Error(`import ${format}: expected files or folders to import`);
        let downloads: string | undefined;
        const connection = await connect(getConfig(), { log: info });
        let bar: ReturnType<typeof progress> | undefined;
        let phase = '';
        try {
          if (fetching) {
            downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-gdelt-'));
            const fetched = await fetchGdeltExports({
              baseUrl: options.baseUrl,
              from: options.from!,
              to: options.to!,
              dir: downloads,
              onProgress: (done, total) => {
                if (phase !== 'fetch') [phase, bar] = ['fetch', progress('Fetching', total)];
                bar!.update(done);
              },
            });
            bar?.stop();
            info(`Fetched ${fetched.length} GDELT export file(s) from ${options.baseUrl}.`);
            inputs = [...inputs, ...fetched];
          }
          const report = await importFiles(connection.driver, importer, inputs, {
            database: connection.target.database,
            dryRun: options.dryRun,
            batchSize: options.batchSize,
            transactionRows: options.transactionRows,
            listSkipped: options.listSkipped,
            keepRecords: options.keepRecords,
            undoDir: path.join(getConfig().embedded.home, 'loads'),
            onProgress: (which, done, total) => {
              if (phase !== which) {
                bar?.stop();
                phase = which;
                bar = progress(which === 'read' ? 'Reading' : 'Loading', total);
              }
              bar!.update(done);
            },
          });
          bar?.stop();
          const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
          if (options.json) process.stdout.write(`${JSON.stringify({ ...report, peakRssMb })}\n`);
          else info(formatImportReport(report));
        } catch (error) {
          bar?.stop();
          if (error instanceof ImportInputError) {
            info(`${error.message}\nNothing was written.`);
            process.exitCode = 1;
          } else if (error instanceof DatasetValidationError) {
            for (const issue of error.issues) info(formatIssue(issue));
            info(`\n${error.issues.length} error(s); nothing was written.`);
            process.exitCode = 1;
          } else throw error;
        } finally {
          await connection.close();
          if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
        }
      },
    );
}
