// Background extraction: a document added in the client (or by a script) is annotated by CoreNLP
// and run through the rule pipeline while the request that added it has long been answered. One
// worker per CoreNLP server (STANCEGRAPH_CORENLP_URL, comma-separated; else the managed server,
// started on demand as `stancegraph extract` does). The suggestions are written in one transaction
// through the write API's path (server/write/commit.ts): the loader's validation for each, one
// change in the change log (undoable), all or nothing. Suggestions a coder rejected before are not
// suggested again; the document's earlier suggestions (still waiting) are replaced; what is coded
// already stays as it is. Jobs live in memory: their state is for watching progress, the graph
// holds the outcome.

import { createHash } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../api/db.ts';
import { ProblemError } from '../api/problem.ts';
import type { Config } from '../config.ts';
import { queries } from '../cypher/registry.ts';
import { actorSchema, claimSchema, relationshipSchema } from '../dataset/schema.ts';
import { buildDraft, type Draft, type DraftRelationship } from '../extract/draft.ts';
import { gazetteerFromGraph } from '../extract/gazetteer.ts';
import { CORENLP_PROPERTIES } from '../extract/pipeline/index.ts';
import { ruleEngine } from '../extract/run.ts';
import type { Annotator, SourceDocument } from '../extract/types.ts';
import { toPlain } from '../neo4j/values.ts';
import { CoreNlpClient } from '../nlp/client.ts';
import { start as startManagedCoreNlp } from '../nlp/runtime.ts';
import { commitWrite, type WritePlan } from '../write/commit.ts';
import { type ExtractionCounts, type ExtractionJob, type ExtractionStep } from '../../model/coding.ts';
import { withoutRejected } from '../write/rejections.ts';
import {
  identityOf,
  plainProps,
  readRelationship,
  relationshipRef,
  type NodeSnapshot,
  type RelationshipSnapshot,
} from '../write/state.ts';
import { lookupIds, resolveWrite } from '../write/validate.ts';

const PROGRESS: Record<ExtractionStep, number> = {
  waiting: 0,
  annotating: 0.1,
  extracting: 0.7,
  writing: 0.85,
  finished: 1,
};

/** The CoreNLP servers to work with, one annotator each; resolved once, at the first job. */
export type AnnotatorSource = () => Promise<Annotator[]>;

/** Annotators from the configuration: each server of STANCEGRAPH_CORENLP_URL, or the managed one. */
export function annotatorsOf(config: Config, log: (message: string) => void = () => {}): AnnotatorSource {
  return async () => {
    const urls = config.nlp.urls ?? [(await startManagedCoreNlp(config, CORENLP_PROPERTIES, log)).url];
    return urls.map((url) => new CoreNlpClient({ urls: [url], timeoutMs: config.nlp.timeoutMs }));
  };
}

/**
 * The queue as the server runs it for `config`: on `driver`, CoreNLP from `annotatorsOf` (started
 * with the first job), the write transaction under the API's query timeout.
 */
export function serverExtractionQueue(
  config: Config,
  driver: Driver,
  log?: (message: string) => void,
): ExtractionQueue {
  return new ExtractionQueue({
    db: { driver, database: config.neo4j.database },
    annotators: annotatorsOf(config, log),
    timeoutMs: config.api.queryTimeoutMs,
  });
}

export class ExtractionCancelled extends Error {
  override name = 'ExtractionCancelled';
}

export interface ExtractionQueueOptions {
  db: Db;
  annotators: AnnotatorSource;
  /** The write transaction's timeout. */
  timeoutMs: number;
}

type Listener = (job: ExtractionJob) => void;

interface Work {
  job: ExtractionJob;
  who: string;
}

export class ExtractionQueue {
  private readonly jobs = new Map<string, ExtractionJob>();
  private readonly waiting: Work[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly closeListeners = new Set<() => void>();
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private annotators: Promise<Annotator[]> | undefined;
  private idle: Annotator[] | undefined;

  constructor(private readonly options: ExtractionQueueOptions) {}

  get closed(): boolean {
    return this.stop.signal.aborted;
  }

  /** The job of a document (the latest), if this server ran or queued one. */
  get(doc: string): ExtractionJob | undefined {
    const job = this.jobs.get(doc);
    return job && { ...job };
  }

  list(): ExtractionJob[] {
    return [...this.jobs.values()].map((job) => ({ ...job }));
  }

  /**
   * Queues an extraction of `doc` (stored already) and answers its job at once. A document whose
   * extraction waits or runs keeps that job: asking again does not queue a second one.
   */
  enqueue(doc: string, who: string): ExtractionJob {
    if (this.closed) throw new ExtractionCancelled('the server is stopping; no extraction is queued');
    const current = this.jobs.get(doc);
    if (current && (current.state === 'queued' || current.state === 'running')) return { ...current };
    const job: ExtractionJob = {
      doc,
      state: 'queued',
      step: 'waiting',
      progress: 0,
      queuedAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      attempt: (current?.attempt ?? 0) + 1,
      counts: null,
      error: null,
      change: null,
    };
    this.jobs.set(doc, job);
    this.waiting.push({ job, who });
    this.emit(job);
    const queued = { ...job };
    void this.pump();
    return queued;
  }

  /** Calls `listener` with a copy of every job at each change; returns the unsubscribe. */
  subscribe(listener: Listener, onClose?: () => void): () => void {
    this.listeners.add(listener);
    if (onClose) this.closeListeners.add(onClose);
    return () => {
      this.listeners.delete(listener);
      if (onClose) this.closeListeners.delete(onClose);
    };
  }

  /**
   * At server shutdown: waiting jobs are cancelled (state `cancelled`, nothing written), running
   * ones stop before they write, and listeners (event streams) are told to end.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.stop.abort();
    for (const work of this.waiting.splice(0)) {
      this.finish(work.job, { state: 'cancelled', error: 'the server stopped before this extraction ran' });
    }
    await Promise.allSettled([...this.running]);
    for (const listener of this.closeListeners) listener();
    this.listeners.clear();
    this.closeListeners.clear();
  }

  private emit(job: ExtractionJob): void {
    for (const listener of this.listeners) listener({ ...job });
  }

  private update(job: ExtractionJob, change: Partial<ExtractionJob>): void {
    Object.assign(job, change);
    if (change.step) job.progress = PROGRESS[change.step];
    this.emit(job);
  }

  private finish(job: ExtractionJob, change: Partial<ExtractionJob>): void {
    this.update(job, {
      ...change,
      step: change.state === 'done' ? 'finished' : job.step,
      finishedAt: new Date().toISOString(),
    });
  }

  /** Hands waiting jobs to idle servers (the annotators are made at the first job). */
  private async pump(): Promise<void> {
    if (!this.idle) {
      if (!this.annotators) {
        this.annotators = this.options.annotators();
        this.annotators.then(
          (annotators) => {
            this.idle = [...annotators];
            void this.pump();
          },
          (error: unknown) => {
            // No CoreNLP: the waiting jobs fail with why; the next job tries again.
            this.annotators = undefined;
            for (const work of this.waiting.splice(0))
              this.finish(work.job, { state: 'failed', error: `CoreNLP: ${(error as Error).message}` });
          },
        );
      }
      return;
    }
    while (this.idle.length > 0 && this.waiting.length > 0 && !this.closed) {
      const annotator = this.idle.pop()!;
      const work = this.waiting.shift()!;
      const run = this.run(work, annotator).finally(() => {
        this.running.delete(run);
        this.idle!.push(annotator);
        void this.pump();
      });
      this.running.add(run);
    }
  }

  private async run({ job, who }: Work, annotator: Annotator): Promise<void> {
    this.update(job, { state: 'running', step: 'annotating', startedAt: new Date().toISOString() });
    try {
      const { counts, change } = await extractOne(
        this.options,
        job.doc,
        who,
        annotator,
        this.stop.signal,
        (step) => this.update(job, { step }),
      );
      this.finish(job, { state: 'done', counts, change });
    } catch (error) {
      if (error instanceof ExtractionCancelled || this.closed)
        this.finish(job, {
          state: 'cancelled',
          error: 'the server stopped during this extraction; nothing was written',
        });
      else this.finish(job, { state: 'failed', error: describe(error) });
    }
  }
}

/** A message for the user: a validation problem names each field at fault. */
function describe(error: unknown): string {
  if (error instanceof ProblemError) return `${error.problem.title}: ${error.problem.detail ?? ''}`;
  return (error as Error).message;
}

/** Settles with `work`, or rejects at once when `signal` aborts (the work itself is left to end). */
function unlessStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ExtractionCancelled('stopped'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ExtractionCancelled('stopped'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function readDocument(db: Db, doc: string): Promise<SourceDocument> {
  const { records } = await db.driver.executeQuery(
    queries['document-coding'],
    { id: doc },
    { database: db.database, routing: neo4j.routing.READ },
  );
  const record = records[0];
  if (!record) throw new Error(`no document "${doc}" in the graph`);
  const d = toPlain(record.get('document')) as Record<string, unknown>;
  const text = typeof d.text === 'string' ? d.text : '';
  if (text.trim() === '') throw new Error(`${doc} has no text to extract from`);
  return {
    id: doc,
    text,
    published: String(d.published ?? ''),
    title: String(d.title ?? doc),
    ...(typeof d.publisher === 'string' && { publisher: d.publisher }),
    ...(typeof d.url === 'string' && { url: d.url }),
    language: typeof d.language === 'string' ? d.language : 'en',
  };
}

/** Annotates, extracts and writes one document's suggestions; throws without writing anything. */
async function extractOne(
  options: ExtractionQueueOptions,
  doc: string,
  who: string,
  annotator: Annotator,
  signal: AbortSignal,
  step: (step: ExtractionStep) => void,
): Promise<{ counts: ExtractionCounts; change: string }> {
  const { db } = options;
  const document = await readDocument(db, doc);
  const gazetteer = await gazetteerFromGraph(db.driver, db.database);
  const annotated = await unlessStopped(ruleEngine(annotator).extract(document, gazetteer), signal);
  step('extracting');
  const draft = buildDraft([{ document, result: annotated.result }], 'rule');
  const { kept, leftOut } = await withoutRejected(db.driver, draft.relationships, db.database);
  if (signal.aborted) throw new ExtractionCancelled('stopped');
  step('writing');
  let counts: ExtractionCounts | undefined;
  const fingerprint = createHash('sha256').update(`extract ${doc} ${Date.now()}`).digest('hex');
  const result = await commitWrite(db, { who, fingerprint, timeoutMs: options.timeoutMs }, async (tx) => {
    const plan = await suggestionsPlan(tx, doc, { ...draft, relationships: kept });
    counts = { ...plan.counts, rejectedBefore: leftOut };
    if (signal.aborted) throw new ExtractionCancelled('stopped');
    return plan.plan;
  });
  return { counts: counts!, change: (result.body as { change: string }).change };
}

/**
 * The write of a document's suggestions, checked as the write API checks a relationship
 * (resolveWrite: the loader's schema and rules, quotes against the text), against the graph as
 * this transaction sees it.
 */
async function suggestionsPlan(
  tx: ManagedTransaction,
  doc: string,
  draft: Draft,
): Promise<{ plan: WritePlan; counts: Omit<ExtractionCounts, 'rejectedBefore'> }> {
  const { records } = await tx.run(queries['suggestions-queue'], { doc, limit: neo4j.int(100_000) });
  const earlier = new Map<string, RelationshipSnapshot>(
    records.map((record) => {
      const rel = {
        type: record.get('type') as string,
        from: record.get('from') as string,
        to: record.get('to') as string,
        props: plainProps(record.get('props')),
      };
      return [relationshipRef(rel), rel];
    }),
  );
  const entities = [...draft.actors, ...draft.claims];
  const inGraph = await lookupIds(
    tx,
    entities.map((entity) => entity.id),
  );
  const newActors = new Map(
    draft.actors.filter((a) => !inGraph.has(a.id)).map((a) => [a.id, actorSchema.parse(a)]),
  );
  const newClaims = new Map(
    draft.claims.filter((c) => !inGraph.has(c.id)).map((c) => [c.id, claimSchema.parse(c)]),
  );
  const nodes = new Map<string, NodeSnapshot>();
  const written = new Map<string, RelationshipSnapshot>();
  let codedAlready = 0;
  for (const [index, draftRel] of draft.relationships.entries()) {
    const at = ['relationships', index];
    const snapshot = asSnapshot(draftRel);
    const earlierOne = earlier.get(relationshipRef(snapshot));
    if (!earlierOne && (await readRelationship(tx, identityOf(snapshot)))) {
      codedAlready += 1; // the same relationship is coded (accepted) already: leave it be
      continue;
    }
    const ends = [...new Set([draftRel.from, draftRel.to, draftRel.onBehalfOf])];
    const parsed = relationshipSchema.safeParse(draftRel);
    if (!parsed.success) {
      throw new Error(
        `suggestion ${index} (${draftRel.type} ${draftRel.from} → ${draftRel.to}): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const resolved = await resolveWrite(
      tx,
      {
        relationship: parsed.data,
        actors: ends.flatMap((id) => (id && newActors.has(id) ? [newActors.get(id)!] : [])),
        claims: ends.flatMap((id) => (id && newClaims.has(id) ? [newClaims.get(id)!] : [])),
      },
      at,
      earlierOne ? { allowExisting: earlierOne } : {},
    );
    for (const node of resolved.nodes) nodes.set(node.id, node);
    for (const rel of [resolved.relationship, ...resolved.mentions]) written.set(relationshipRef(rel), rel);
  }
  const suggestions = draft.relationships.length - codedAlready;
  const counts = {
    suggestions,
    newActors: [...nodes.values()].filter((n) => n.kind !== 'Claim').length,
    newClaims: [...nodes.values()].filter((n) => n.kind === 'Claim').length,
    codedAlready,
    replaced: earlier.size,
  };
  return {
    counts,
    plan: {
      status: 200,
      body: { doc, ...counts },
      action: 'extract-document',
      summary: `extracted ${suggestions} suggestion(s) from ${doc}${earlier.size ? ` (replacing ${earlier.size} waiting)` : ''}`,
      before: { nodes: [], relationships: [...earlier.values()] },
      after: { nodes: [...nodes.values()], relationships: [...written.values()] },
    },
  };
}

function asSnapshot(rel: DraftRelationship): RelationshipSnapshot {
  const { type, from, to, ...props } = rel;
  return { type, from, to, props };
}
