// The managed NLP runtime: Stanford CoreNLP 4.5.10's server, run from the jars Maven fetches
// (nlp/pom.xml) on 127.0.0.1 only, the pipeline's annotators preloaded, counted ready only once a
// tiny annotation succeeds. Start is idempotent, stop graceful; pid, properties and log live in
// $STANCEGRAPH_HOME/corenlp. STANCEGRAPH_CORENLP_URL replaces it with servers of one's own.

import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../config.ts';
import {
  abandonStart,
  isProcessOf,
  logTail,
  mavenPackage,
  portIsOpen,
  readPid,
  sleep,
  spawnJava,
  stopProcess,
} from '../process/managed.ts';
import { CoreNlpClient, CoreNlpError } from './client.ts';
import type { CoreNlpDocument } from '../extract/types.ts';

export const CORENLP_VERSION = '4.5.10';
const RUNTIME_DIR = path.join(PROJECT_ROOT, 'nlp');
const PROVIDER_JAR = path.join(RUNTIME_DIR, 'target', 'stancegraph-corenlp-1.0.0.jar');
const LIB_DIR = path.join(RUNTIME_DIR, 'target', 'lib');
const MAIN_CLASS = 'edu.stanford.nlp.pipeline.StanfordCoreNLPServer';
const READY_TEXT = 'Stancegraph is ready.';

const JVM_FLAGS = [
  '-Dfile.encoding=UTF-8',
  // CoreNLP's server binds every interface and has no option against it: this provider binds loopback.
  '-Dcom.sun.net.httpserver.HttpServerProvider=org.stancegraph.corenlp.LoopbackHttpServerProvider',
  '--add-exports=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
];

export interface NlpPaths {
  home: string;
  pidFile: string;
  logFile: string;
  propertiesFile: string;
}

export function nlpPaths(config: Config): NlpPaths {
  const home = config.nlp.home;
  return {
    home,
    pidFile: path.join(home, 'corenlp.pid'),
    logFile: path.join(home, 'corenlp.log'),
    propertiesFile: path.join(home, 'server.properties'),
  };
}

/** The managed server's URL (on 127.0.0.1). */
export function managedUrl(config: Config): string {
  return `http://127.0.0.1:${config.nlp.port}`;
}

type Log = (message: string) => void;

export function isInstalled(): boolean {
  return (
    fs.existsSync(PROVIDER_JAR) &&
    fs.existsSync(path.join(LIB_DIR, `stanford-corenlp-${CORENLP_VERSION}.jar`)) &&
    fs.existsSync(path.join(LIB_DIR, `stanford-corenlp-${CORENLP_VERSION}-models.jar`))
  );
}

/** Fetches CoreNLP and its English models from Maven Central (once; about 480 MB). */
export function install(log: Log = () => {}): void {
  if (isInstalled()) return;
  log(
    `Fetching Stanford CoreNLP ${CORENLP_VERSION} and its models from Maven Central into nlp/target (first run only, about 480 MB)…`,
  );
  mavenPackage(
    path.join(RUNTIME_DIR, 'pom.xml'),
    'CoreNLP',
    'Install Maven and Java 17+, or set STANCEGRAPH_CORENLP_URL to use a CoreNLP server of your own.',
    (message) => new CoreNlpError(message),
  );
  if (!isInstalled()) throw new CoreNlpError('CoreNLP: Maven ran but the jars are missing.');
  log('CoreNLP jars ready.');
}

export interface NlpStatus {
  running: boolean;
  pid: number | undefined;
  url: string;
  home: string;
  installed: boolean;
}

export function status(config: Config): NlpStatus {
  const paths = nlpPaths(config);
  const pid = readPid(paths.pidFile);
  const running = pid !== undefined && isProcessOf(pid, MAIN_CLASS);
  return {
    running,
    pid: running ? pid : undefined,
    url: managedUrl(config),
    home: paths.home,
    installed: isInstalled(),
  };
}

/** Java properties format: `key=value`, backslashes and line breaks escaped. */
function propertiesText(properties: Record<string, string>): string {
  const escape = (value: string) =>
    value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/^ /, '\\ ');
  const lines = Object.keys(properties)
    .sort()
    .map((key) => `${escape(key).replace(/[=: ]/g, (c) => `\\${c}`)}=${escape(properties[key]!)}`);
  return `# Written by stancegraph at every start; edits here are overwritten.\n${lines.join('\n')}\n`;
}

/**
 * Waits until a CoreNLP server at `url` annotates a tiny text with `properties` (the first
 * request after start waits for the models to load), or throws after `timeoutMs`.
 */
export async function waitUntilReady(
  url: string,
  properties: Record<string, string>,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      const client = new CoreNlpClient({ urls: [url], timeoutMs: Math.max(remaining, 1000) });
      const document = await client.annotate(READY_TEXT, properties);
      if (document.sentences.length > 0) return;
      throw new CoreNlpError(`CoreNLP at ${url}: annotated the test sentence without sentences.`);
    } catch (error) {
      if (!isAlive()) throw new CoreNlpError('CoreNLP: the server exited during start-up.');
      if (Date.now() + 500 > deadline) {
        throw new CoreNlpError(
          `CoreNLP: not ready at ${url} after ${Math.round(timeoutMs / 1000)}s (${(error as Error).message}).`,
        );
      }
      await sleep(500);
    }
  }
}

/**
 * Starts the managed CoreNLP server with `properties` (the pipeline's annotators and options) as
 * its defaults, preloading the annotators, or finds the running one. Resolves once it annotates.
 */
export async function start(
  config: Config,
  properties: Record<string, string>,
  log: Log = () => {},
): Promise<{ alreadyRunning: boolean; pid: number; url: string }> {
  const paths = nlpPaths(config);
  const url = managedUrl(config);
  const timeoutMs = config.nlp.startTimeoutSeconds * 1000;
  const current = status(config);
  if (current.running && current.pid !== undefined) {
    const pid = current.pid;
    await waitUntilReady(url, properties, timeoutMs, () => isProcessOf(pid, MAIN_CLASS));
    return { alreadyRunning: true, pid, url };
  }
  if (await portIsOpen(config.nlp.port)) {
    throw new CoreNlpError(
      `CoreNLP: port ${config.nlp.port} on 127.0.0.1 is taken by another process. ` +
        'Set STANCEGRAPH_CORENLP_PORT to a free port, or STANCEGRAPH_CORENLP_URL to use the server that listens there.',
    );
  }
  install(log);
  fs.mkdirSync(paths.home, { recursive: true });
  fs.writeFileSync(paths.propertiesFile, propertiesText(properties));
  const annotators = properties.annotators ?? 'tokenize,ssplit';
  const spawned = await spawnJava(
    [
      `-Xmx${config.nlp.heap}`,
      ...JVM_FLAGS,
      '-cp',
      [PROVIDER_JAR, path.join(LIB_DIR, '*')].join(path.delimiter),
      MAIN_CLASS,
      '-port',
      String(config.nlp.port),
      '-timeout',
      String(config.nlp.timeoutMs),
      '-serverProperties',
      paths.propertiesFile,
      '-preload',
      annotators,
      '-quiet',
    ],
    paths,
    'CoreNLP',
    (message) => new CoreNlpError(message),
  );
  log(
    `Starting CoreNLP ${CORENLP_VERSION} (pid ${spawned.pid}, ${url}, heap ${config.nlp.heap}, log ${paths.logFile}); loading the models takes 20-40 s…`,
  );
  try {
    await waitUntilReady(url, properties, timeoutMs, () => !spawned.exited());
  } catch (error) {
    abandonStart(spawned, paths.pidFile);
    throw new CoreNlpError(
      `${(error as Error).message}\nLast lines of ${paths.logFile}:\n${logTail(paths.logFile)}`,
    );
  }
  return { alreadyRunning: false, pid: spawned.pid, url };
}

/** Stops the managed CoreNLP server (SIGTERM; SIGKILL after `timeoutMs`). */
export async function stop(config: Config, timeoutMs = 30_000): Promise<{ wasRunning: boolean }> {
  return stopProcess(status(config).pid, MAIN_CLASS, nlpPaths(config).pidFile, timeoutMs);
}

/**
 * The annotator extraction uses: the servers of STANCEGRAPH_CORENLP_URL when set (documents
 * spread round-robin), else the managed server, started on demand.
 */
export async function connectAnnotator(
  config: Config,
  properties: Record<string, string>,
  log: Log = () => {},
): Promise<CoreNlpClient> {
  if (config.nlp.urls) return new CoreNlpClient({ urls: config.nlp.urls, timeoutMs: config.nlp.timeoutMs });
  const { url } = await start(config, properties, log);
  return new ManagedCoreNlpClient(config, properties, log, { urls: [url], timeoutMs: config.nlp.timeoutMs });
}

/**
 * The client of the managed server: when the server dies under a request (killed, out of memory:
 * its JVM exits on OutOfMemoryError), it is started again and the text is sent once more. A text
 * is annotated whole or not at all (an error), so extraction never sees half a document; a
 * server that dies twice on the same text gives the error.
 */
export class ManagedCoreNlpClient extends CoreNlpClient {
  /** How many times the server was started again under a request. */
  restarts = 0;
  private restarting: Promise<unknown> | undefined;

  constructor(
    private readonly config: Config,
    private readonly properties: Record<string, string>,
    private readonly log: Log,
    options: ConstructorParameters<typeof CoreNlpClient>[0],
  ) {
    super(options);
  }

  override async annotate(text: string, properties: Record<string, string>): Promise<CoreNlpDocument> {
    try {
      return await super.annotate(text, properties);
    } catch (error) {
      if (!(error instanceof CoreNlpError) || status(this.config).running) throw error;
      this.log(
        `CoreNLP: the server stopped under a request (${error.message.split('\n')[0]}); starting it again and sending the text once more…`,
      );
      // Documents annotated at once share one restart.
      this.restarting ??= start(this.config, this.properties, this.log).finally(() => {
        this.restarting = undefined;
      });
      await this.restarting;
      this.restarts++;
      return super.annotate(text, properties);
    }
  }
}
