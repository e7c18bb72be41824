// `stancegraph nlp install|start|stop|status`: the managed Stanford CoreNLP server's life cycle.

import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { CORENLP_PROPERTIES } from '../../extract/pipeline/index.ts';
import * as runtime from '../../nlp/runtime.ts';
import { info } from '../output.ts';

function requireManaged(config: Config, action: string): boolean {
  if (config.nlp.urls) {
    info(
      `STANCEGRAPH_CORENLP_URL is set (${config.nlp.urls.join(', ')}): nothing to ${action}; extraction uses those servers.`,
    );
    return false;
  }
  return true;
}

export function registerNlpCommands(program: Command, getConfig: () => Config): void {
  const nlp = program
    .command('nlp')
    .description(
      'manage the local Stanford CoreNLP server that extraction uses (ignored when STANCEGRAPH_CORENLP_URL is set)',
    )
    .addHelpText(
      'after',
      `
The server listens on 127.0.0.1:$STANCEGRAPH_CORENLP_PORT (default 9000) with a heap of
$STANCEGRAPH_CORENLP_HEAP (default 2g; it uses about 2.3 GB in all), preloads the annotators
extraction needs and counts as ready once it has annotated a test sentence (20-40 s after start).
Its pid, properties and log (corenlp.log) are in $STANCEGRAPH_HOME/corenlp. \`stancegraph extract\`
starts it on demand.`,
    );

  nlp
    .command('install')
    .description(
      `fetch Stanford CoreNLP ${runtime.CORENLP_VERSION} and its models from Maven Central (once, about 480 MB)`,
    )
    .action(() => {
      runtime.install(info);
      info(runtime.isInstalled() ? 'CoreNLP is installed.' : 'CoreNLP is not installed.');
    });

  nlp
    .command('start')
    .description('start the CoreNLP server, or find the running one; waits until it annotates')
    .action(async () => {
      const config = getConfig();
      if (!requireManaged(config, 'start')) return;
      const { alreadyRunning, pid, url } = await runtime.start(config, CORENLP_PROPERTIES, info);
      info(
        `${alreadyRunning ? 'Already running' : 'Started'}: CoreNLP ${runtime.CORENLP_VERSION} (pid ${pid}) at ${url}`,
      );
    });

  nlp
    .command('stop')
    .description('stop the CoreNLP server gracefully')
    .action(async () => {
      const config = getConfig();
      if (!requireManaged(config, 'stop')) return;
      const { wasRunning } = await runtime.stop(config);
      info(wasRunning ? 'Stopped CoreNLP.' : 'CoreNLP was not running.');
    });

  nlp
    .command('status')
    .description('say whether the CoreNLP server runs (exit code 0 if it does, 3 if not)')
    .option('--json', 'print the status as JSON')
    .action((options: { json?: boolean }) => {
      const config = getConfig();
      const s = runtime.status(config);
      if (options.json)
        process.stdout.write(`${JSON.stringify({ ...s, external: config.nlp.urls ?? null })}\n`);
      else if (config.nlp.urls)
        info(`External CoreNLP: ${config.nlp.urls.join(', ')} (STANCEGRAPH_CORENLP_URL).`);
      else if (s.running) info(`Running: pid ${s.pid}, ${s.url}, log in ${s.home}`);
      else info(`Not running${s.installed ? '' : ' (not installed yet: `stancegraph nlp install`)'}.`);
      process.exitCode = s.running || config.nlp.urls ? 0 : 3;
    });
}
