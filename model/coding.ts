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
