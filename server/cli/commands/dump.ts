// `stancegraph dump`: the graph, or one document's coding, written back as a dataset file (YAML),
// so that coders can keep their work in git and load it elsewhere with `stancegraph load`.

import fs from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { datasetYaml, dumpDataset } from '../../dump/dataset.ts';
import { connect } from '../../neo4j/connection.ts';
import { info } from '../output.ts';

export function registerDumpCommand(program: Command, getConfig: () => Config): void {
  program
    .command('dump')
    .description('write the graph (or one document and its coding) as a dataset file (YAML)')
    .option('--doc <id>', 'only this document, the relationships coded from it and their endpoints')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      `
The output is the dataset format that \`stancegraph load\` reads: loading a dump of the whole
graph into an empty database gives the same graph. Document texts are written inline; values the
loader fills in by default (method: manual, confidence: 1, a statement dated by its document, the
MENTIONS that provenance implies) are left out. What the format cannot hold is named on stderr.

Examples:
  $ stancegraph dump --out coding.yaml
  $ stancegraph dump --doc document:2022-01-11-us-nato-envoy-on-russia-talks > article.yaml`,
    )
    .action(async (options: { doc?: string; out?: string }) => {
      const connection = await connect(getConfig(), { log: info });
      try {
        const { dataset, skipped } = await dumpDataset(connection.driver, {
          doc: options.doc,
          database: connection.target.database,
        });
        const what = options.doc ? `the document ${options.doc} and its coding` : 'the whole graph';
        const yaml = datasetYaml(
          dataset,
          `Stancegraph dump of ${what}, ${new Date().toISOString()}.\nLoad with: stancegraph load FILE`,
        );
        if (options.out) fs.writeFileSync(options.out, yaml);
        else process.stdout.write(yaml);
        for (const line of skipped) info(`left out: ${line}`);
        info(
          `Dumped ${dataset.documents.length} document(s), ${dataset.actors.length} actor(s), ${dataset.claims.length} claim(s), ` +
            `${dataset.topics.length} topic(s), ${dataset.events.length} event(s), ${dataset.relationships.length} relationship(s)` +
            `${options.out ? ` to ${options.out}` : ''}.`,
        );
      } finally {
        await connection.close();
      }
    });
}
