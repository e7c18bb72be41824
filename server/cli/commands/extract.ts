// `stancegraph extract <files, folders or URLs...>`: news texts in, a draft dataset of suggested
// stances and interactions out (a YAML file, a bulk folder, standard output, or straight into the
// graph with --load), with a progress bar and a summary on stderr.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { DatasetValidationError, formatIssue } from '../../dataset/errors.ts';
import { loadFiles } from '../../dataset/load.ts';
import { draftYaml, writeDraftFolder, type Draft } from '../../extract/draft.ts';
import { combine, gazetteerFromGraph, knownFromFiles } from '../../extract/gazetteer.ts';
import { InputError, readInputs, type MetadataFlags } from '../../extract/inputs.ts';
import { llmEngine } from '../../extract/llm.ts';
import { CORENLP_PROPERTIES } from '../../extract/pipeline/index.ts';
import { extractAll, ruleEngine, type ExtractionSummary } from '../../extract/run.ts';
import { withoutRejected } from '../../write/rejections.ts';
import type { Gazetteer } from '../../extract/types.ts';
import { connect, type Neo4jConnection } from '../../neo4j/connection.ts';
import { connectAnnotator } from '../../nlp/runtime.ts';
import { info, progress } from '../output.ts';
import { formatReport } from './load.ts';

interface ExtractOptions extends MetadataFlags {
  out?: string;
  load?: boolean;
  known: string[];
  graph: boolean;
  engine: 'rule' | 'llm';
}

/** `--out x.yaml|x.yml|x.json` is one file; anything else (`drafts/`, an existing folder) a bulk folder. */
function outputKind(out: string): 'yaml' | 'json' | 'folder' {
  const ext = path.extname(out).toLowerCase();
  if (!out.endsWith('/') && (ext === '.yaml' || ext === '.yml')) return 'yaml';
  if (!out.endsWith('/') && ext === '.json') return 'json';
  return 'folder';
}

function writeDraft(draft: Draft, out: string): string[] {
  const kind = outputKind(out);
  if (kind === 'folder') return writeDraftFolder(draft, out);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, kind === 'yaml' ? draftYaml(draft) : `${JSON.stringify(draft, null, 2)}\n`);
  return [out];
}

export function formatSummary(summary: ExtractionSummary, engine: string): string {
  const total = Object.values(summary.suggestions).reduce((sum, n) => sum + n, 0);
  const perType = Object.entries(summary.suggestions)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  return [
    `Extracted ${summary.documents - summary.failed.length} of ${summary.documents} document(s) in ${(summary.elapsedMs / 1000).toFixed(1)}s (${engine} engine):`,
    `  ${total} suggestion(s)${perType ? ` (${perType})` : ''}`,
    `  ${summary.newActors} new actor(s), ${summary.newClaims} new claim(s), ${summary.unresolved} unresolved mention(s)`,
    ...(engine === 'llm'
      ? [`  ${summary.inventions} invented quote(s) dropped (not found verbatim in the text)`]
      : []),
    ...summary.failed.map((f) => `  failed: ${f.id}: ${f.message}`),
  ].join('\n');
}

/** The graph's actors and claims when a Neo4j answers (the embedded one is not started for this). */
async function graphGazetteer(
  config: Config,
  load: boolean,
): Promise<{ gazetteer?: Gazetteer; connection?: Neo4jConnection }> {
  try {
    const connection = await connect(config, { startEmbedded: load, log: info });
    return { gazetteer: await gazetteerFromGraph(connection.driver, connection.target.database), connection };
  } catch (error) {
    if (load) throw error;
    info(
      `No graph to resolve names against (${(error as Error).message.split('. ')[0]}); using --known only.`,
    );
    return {};
  }
}

export function registerExtractCommand(program: Command, getConfig: () => Config): void {
  program
    .command('extract')
    .description(
      'suggest stances and interactions from news texts (offline, Stanford CoreNLP): a draft dataset to review and load',
    )
    .argument('<inputs...>', '.txt, .md or .html files, folders of them, or http(s) URLs')
    .option(
      '-o, --out <path>',
      'write the draft to a YAML file (.yaml), a JSON file (.json) or a bulk folder (anything else, e.g. drafts/); default: YAML on stdout',
    )
    .option('--load', 'load the draft into the graph at once (all-or-nothing, like `stancegraph load`)')
    .option(
      '--known <dataset>',
      'a dataset whose actors and claims mentions resolve to (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--no-graph', "don't resolve names against the actors and claims in the graph")
    .option('--engine <engine>', 'rule (CoreNLP and the rule pipeline) or llm (STANCEGRAPH_LLM_URL)', 'rule')
    .option('--published <YYYY-MM-DD>', 'publication date, for inputs that do not give one')
    .option('--title <title>', 'title, for inputs that do not give one')
    .option('--url <url>', 'source URL, for inputs that do not give one')
    .option('--publisher <name>', 'publisher, for inputs that do not give one')
    .option(
      '--language <tag>',
      'language tag, for inputs that do not give one (the HTML lang attribute); default en',
    )
    .addHelpText(
      'after',
      `
Every relationship in the draft is a suggestion: method rule (or llm), a confidence and
status: suggested. Suggestions are shown as such and left out of networks until reviewed.
Same input, same output, byte for byte. Document ids come from the file name or the URL.
A document needs a publication date: from the HTML's metadata (article:published_time, …), a
Markdown front matter (published:), or else --published; none is ever invented. The flags
--title, --url, --publisher and --language likewise fill in what an input does not say.
CoreNLP: the local server (\`stancegraph nlp start\`) is started on demand; STANCEGRAPH_CORENLP_URL
names servers of your own (comma-separated: documents are spread over them).

Examples:
  $ stancegraph extract article.txt --published 2022-01-11 --out draft.yaml
  $ stancegraph extract articles/ --out drafts/          # a bulk folder (JSON Lines)
  $ stancegraph extract https://example.org/news/talks.html --known data/founding/*.yaml
  $ stancegraph extract report.md --load                 # front matter: title, published, publisher, url
  $ STANCEGRAPH_LLM_URL=http://127.0.0.1:11434 STANCEGRAPH_LLM_MODEL=qwen2.5:7b \\
      stancegraph extract article.html --engine llm --out draft.yaml`,
    )
    .action(async (inputs: string[], options: ExtractOptions) => {
      const config = getConfig();
      if (options.engine !== 'rule' && options.engine !== 'llm') {
        throw new Error(`--engine: expected rule or llm, got ${JSON.stringify(options.engine)}`);
      }
      if (options.engine === 'llm' && (!config.llm.url || !config.llm.model)) {
        throw new Error(
          '--engine llm: set STANCEGRAPH_LLM_URL and STANCEGRAPH_LLM_MODEL (an OpenAI-compatible server).',
        );
      }
      let documents;
      let known;
      try {
        documents = await readInputs(inputs, options, { fetchTimeoutMs: 30_000 });
        known = knownFromFiles(options.known);
      } catch (error) {
        if (error instanceof InputError) {
          for (const problem of error.problems) info(problem);
          info(`\n${error.problems.length} input(s) could not be read; nothing was extracted.`);
        } else if (error instanceof DatasetValidationError) {
          for (const issue of error.issues) info(formatIssue(issue));
          info(`\n--known: ${error.issues.length} error(s); nothing was extracted.`);
        } else throw error;
        process.exitCode = 1;
        return;
      }
      const { gazetteer, connection } =
        options.graph || options.load ? await graphGazetteer(config, options.load ?? false) : {};
      try {
        const engine =
          options.engine === 'llm'
            ? llmEngine(config.llm)
            : await connectAnnotator(config, CORENLP_PROPERTIES, info).then((client) =>
                ruleEngine(client, client.urls.length),
              );
        const bar = progress('Extracting', documents.length);
        const { draft, summary } = await extractAll(documents, engine, combine(gazetteer, known), (done) =>
          bar.update(done),
        );
        bar.stop();
        if (connection) {
          // What a coder rejected in the review queue is not suggested again.
          const { kept, leftOut } = await withoutRejected(
            connection.driver,
            draft.relationships,
            connection.target.database,
          );
          draft.relationships = kept;
          if (leftOut > 0) info(`Left out ${leftOut} suggestion(s) rejected in review before.`);
        }
        if (options.out) {
          const files = writeDraft(draft, options.out);
          info(`Wrote ${files.join(', ')}`);
        } else if (!options.load) process.stdout.write(draftYaml(draft));
        info(formatSummary(summary, options.engine));
        if (options.load && connection) {
          let dir: string | undefined;
          let target = options.out;
          if (!target) {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-extract-'));
            target = path.join(dir, 'draft.yaml');
            fs.writeFileSync(target, draftYaml(draft));
          }
          try {
            const report = await loadFiles(connection.driver, [target], {
              database: connection.target.database,
              undoDir: path.join(config.embedded.home, 'loads'),
            });
            info(formatReport(report));
          } catch (error) {
            if (!(error instanceof DatasetValidationError)) throw error;
            for (const issue of error.issues) info(formatIssue(issue));
            info(`\nThe draft did not validate: ${error.issues.length} error(s); nothing was loaded.`);
            process.exitCode = 1;
          } finally {
            if (dir) fs.rmSync(dir, { recursive: true, force: true });
          }
        }
        if (summary.failed.length > 0) process.exitCode = 1;
      } finally {
        await connection?.close();
      }
    });
}
