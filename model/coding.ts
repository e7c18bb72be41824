// The wire format of coding in the browser: documents with their coded spans, the review queue
// and the write log, as the API answers them (server/api/routes/write-*.ts) and the client reads
// them (client/src/views/documents*.ts).

export type SpanStatus = 'accepted' | 'suggested';

/** A relationship coded from a document, with its span; `ref` names it in write URLs. */
export interface CodedSpan {
  ref: string;
  type: string;
  from: string;
  fromName: string;
  fromKind: string | null;
  to: string;
  toName: string;
  toKind: string | null;
  doc: string;
  quote: string;
  start: number;
  end: number;
  date: string | null;
  method: string;
  confidence: number;
  modality: string;
  status: SpanStatus;
  onBehalfOf: string | null;
  note: string | null;
}

export interface DocumentSummary {
  id: string;
  title: string;
  published: string | null;
  publisher: string | null;
  url: string | null;
  language: string | null;
  length: number;
  /** Accepted stances and interactions coded from it. */
  coded: number;
  /** Suggestions waiting for review. */
  suggested: number;
}

export interface DocumentCoding {
  document: { id: string; title: string; published: string | null; publisher: string | null; text: string };
  spans: CodedSpan[];
}

export interface ChangeRecord {
  id: string;
  at: string;
  who: string;
  action: string;
  summary: string;
  before: unknown;
  after: unknown;
  undoneBy: string | null;
  undoes: string | null;
}

export interface WriteAnswer {
  /** The change that recorded the write (for undo). */
  change: string;
  [key: string]: unknown;
}

// ---- Background extraction (server/jobs/extraction.ts) ----------------------------------------

export const EXTRACTION_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type ExtractionState = (typeof EXTRACTION_STATES)[number];

/** Where a running job is: the steps in order. */
export const EXTRACTION_STEPS = ['waiting', 'annotating', 'extracting', 'writing', 'finished'] as const;
export type ExtractionStep = (typeof EXTRACTION_STEPS)[number];

export interface ExtractionCounts {
  /** Suggestions written. */
  suggestions: number;
  /** Actors and claims the suggestions needed that the graph did not hold. */
  newActors: number;
  newClaims: number;
  /** Suggestions left out because a coder rejected them before. */
  rejectedBefore: number;
  /** Suggestions left out because the same relationship is coded (accepted) already. */
  codedAlready: number;
  /** Waiting suggestions of an earlier extraction of the document that these replaced. */
  replaced: number;
}

/** An extraction of one document, as GET /api/documents/:id/extraction and the event stream give it. */
export interface ExtractionJob {
  doc: string;
  state: ExtractionState;
  step: ExtractionStep;
  /** 0 to 1, by step (annotating is most of the time). */
  progress: number;
  /** ISO timestamps. */
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** How many extractions of this document this server ran (1 for the first). */
  attempt: number;
  counts: ExtractionCounts | null;
  /** Why it failed, for the user. */
  error: string | null;
  /** The change the suggestions were written as (GET /api/changes; undo with POST /api/changes/:id/undo). */
  change: string | null;
}
