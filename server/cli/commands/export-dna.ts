// `stancegraph export-dna`: the statements imported from a DNA database written back as CSV, the
// way rDNA's dna_getStatements() lists them (server/import/dna-export.ts).

import fs from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { dnaStatements, dnaStatementsCsv } from '../../import/dna-export.ts';
import { connect } from '../../neo4j/connection.ts';
import { info } from '../output.ts';

export function registerExportDnaCommand(program: Command, getConfig: () => Config): void {
  program
    .command('export-dna')
    .description("write the statements imported from DNA as CSV, as rDNA's dna_getStatements() lists them")
    .option('--file <name>', 'the .dna file whose statements to write (its name without .dna, as a slug)')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      `
Columns: ID, statement_type_id, document_id, start, stop, coder, person, organization, concept,
agreement (rDNA's, with the coder's name where rDNA gives its id), one row per statement of type
"DNA Statement" in ID order. A statement whose stance was changed in Stancegraph is written as it
is now (agreement from its polarity).

Examples:
  $ stancegraph import dna hearings.dna && stancegraph export-dna --out statements.csv
  $ stancegraph export-dna --file hearings`,
    )
    .action(async (options: { file?: string; out?: string }) => {
      const connection = await connect(getConfig(), { log: info });
      try {
        const rows = await dnaStatements(connection.driver, {
          file: options.file,
          database: connection.target.database,
        });
        const csv = dnaStatementsCsv(rows);
        if (options.out) fs.writeFileSync(options.out, csv);
        else process.stdout.write(csv);
        info(`Wrote ${rows.length} DNA statement(s)${options.out ? ` to ${options.out}` : ''}.`);
      } finally {
        await connection.close();
      }
    });
}
