// Coding in the browser, apart from its views: the write API's calls (with an Idempotency-Key per
// action, so that a retried request never writes twice), a document's text cut into segments by
// its coded spans, and ids made from names for new actors and claims.

import type {
  ChangeRecord,
  CodedSpan,
  DocumentCoding,
  DocumentSummary,
  ExtractionJob,
} from '../../../../model/coding.ts';
import { slugId } from '../../../../model/slug.ts';
import { relationshipType, VOCABULARY } from '../../../../model/vocabulary.ts';
import { ApiError, problemFromResponse, unreachableProblem } from '../api/utils.ts';

export type { ChangeRecord, CodedSpan, DocumentCoding, DocumentSummary, ExtractionJob };

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'Idempotency-Key': crypto.randomUUID() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new ApiError(unreachableProblem(error));
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  if (!response.ok) throw new ApiError(problemFromResponse(response.status, response.statusText, parsed));
  return parsed as T;
}

const enc = encodeURIComponent;

export interface NewRelationship {
  type: string;
  from: string;
  to: string;
  doc: string;
  quote: string;
  start: number;
  end: number;
  modality?: string;
  date?: string;
}

export const codingApi = {
  auth: () => call<{ writesEnabled: boolean; canWrite: boolean }>('GET', '/api/auth'),
  documents: async () => (await call<{ documents: DocumentSummary[] }>('GET', '/api/documents')).documents,
  coding: (id: string) => call<DocumentCoding>('GET', `/api/documents/${enc(id)}/coding`),
  addDocument: (doc: {
    title: string;
    published: string;
    publisher?: string;
    text: string;
    extract?: boolean;
  }) => call<{ id: string; change: string; extraction?: ExtractionJob }>('POST', '/api/documents', doc),
  /** A web page: the server fetches it, takes its article text and metadata, and extracts it. */
  fetchDocument: (page: { url: string; published?: string; extract?: boolean }) =>
    call<{ id: string; change: string; extraction?: ExtractionJob }>('POST', '/api/documents/fetch', page),
  extract: (doc: string) => call<ExtractionJob>('POST', `/api/documents/${enc(doc)}/extraction`),
  createRelationship: (
    relationship: NewRelationship,
    create: { actors?: { id: string; name: string }[]; claims?: { id: string; text: string }[] } = {},
  ) => call<{ ref: string; change: string }>('POST', '/api/relationships', { relationship, ...create }),
  updateRelationship: (ref: string, fields: Record<string, unknown>) =>
    call<{ ref: string; change: string }>('PATCH', `/api/relationships/${enc(ref)}`, fields),
  deleteRelationship: (ref: string) => call<{ change: string }>('DELETE', `/api/relationships/${enc(ref)}`),
  suggestions: async (doc?: string) =>
    (await call<{ suggestions: CodedSpan[] }>('GET', `/api/suggestions${doc ? `?doc=${enc(doc)}` : ''}`))
      .suggestions,
  accept: (ref: string) => call<{ change: string }>('POST', `/api/suggestions/${enc(ref)}/accept`),
  reject: (ref: string) => call<{ change: string }>('POST', `/api/suggestions/${enc(ref)}/reject`),
  acceptAbove: (minConfidence: number, doc?: string) =>
    call<{ accepted: number; change: string }>('POST', '/api/suggestions/accept', {
      minConfidence,
      ...(doc ? { doc } : {}),
    }),
  merge: (into: string, from: string) =>
    call<{ moved: number; change: string }>('POST', '/api/merges', { into, from }),
  search: async (q: string, kinds: string) =>
    (
      await call<{ results: { id: string; label: string; kind: string }[] }>(
        'GET',
        `/api/search?q=${enc(q)}&kinds=${enc(kinds)}&limit=8`,
      )
    ).results,
  changes: async () => (await call<{ changes: ChangeRecord[] }>('GET', '/api/changes?limit=50')).changes,
  undo: (change: string) => call<{ change: string }>('POST', `/api/changes/${enc(change)}/undo`),
};

/** A piece of the text and the spans that cover it (none for plain text). */
export interface Segment {
  start: number;
  end: number;
  spans: CodedSpan[];
}

/** Cuts `text` at every span boundary; overlapping spans both cover the pieces they share. */
export function segments(text: string, spans: readonly CodedSpan[]): Segment[] {
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    if (span.start >= 0 && span.end <= text.length && span.start < span.end)
      cuts.add(span.start).add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    out.push({ start, end, spans: spans.filter((s) => s.start <= start && s.end >= end) });
  }
  return out;
}

/** Widens a selection to whole words and trims spaces at its ends: what a coder means to select. */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  const word = /[\p{L}\p{N}’'-]/u;
  while (start > 0 && word.test(text[start - 1]!) && word.test(text[start]!)) start--;
  while (end < text.length && word.test(text[end]!) && word.test(text[end - 1]!)) end++;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** An id for a new node from its name: `person:wendy-sherman`, `claim:nato-should-…`. */
export const idFor = (prefix: string, name: string): string => slugId(prefix, name);

/** The types a coder picks from a text span: stances (actor → claim) and interactions (actor → actor). */
export const CODING_TYPES = VOCABULARY.filter(
  (row) => row.family === 'stance' || row.family === 'interaction',
);

export function spanColor(span: Pick<CodedSpan, 'type'>): string {
  return relationshipType(span.type)?.color ?? '#888';
}

export function isInteraction(type: string): boolean {
  return relationshipType(type)?.family === 'interaction';
}

/** Asks the documents view to open a document at an offset (from a panel: "in the text"). */
export const OPEN_DOCUMENT_EVENT = 'stancegraph:open-document';

export function openDocumentAt(doc: string, start?: number): void {
  window.dispatchEvent(new CustomEvent(OPEN_DOCUMENT_EVENT, { detail: { doc, start } }));
}

/**
 * Follows background extractions (GET /api/extractions/events): `onJob` gets every job at once,
 * then each change. The browser reconnects by itself; returns the stop.
 */
export function watchExtractions(onJob: (job: ExtractionJob) => void): () => void {
  const source = new EventSource('/api/extractions/events');
  source.addEventListener('extraction', (event) => onJob(JSON.parse((event as MessageEvent<string>).data)));
  return () => source.close();
}

/** A dropped HTML file's article as text (its <article> or <main>, else its body) and its metadata. */
export function htmlDocument(html: string): { text: string; title?: string; published?: string } {
  const page = new DOMParser().parseFromString(html, 'text/html');
  for (const junk of page.querySelectorAll('script, style, nav, header, footer, aside, noscript'))
    junk.remove();
  const root = page.querySelector('article') ?? page.querySelector('main') ?? page.body;
  const blocks = [...root.querySelectorAll('h1, h2, h3, h4, p, li, blockquote, pre')]
    .filter((block) => !block.parentElement?.closest('p, li, blockquote, pre'))
    .map((block) => (block.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const meta = (key: string) =>
    page.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content')?.trim();
  const date = /^\d{4}-\d{2}-\d{2}/.exec(meta('article:published_time') ?? meta('date') ?? '')?.[0];
  const title = meta('og:title') ?? page.title.trim();
  return {
    text: blocks.length > 0 ? blocks.join('\n\n') : (root.textContent ?? '').trim(),
    ...(title ? { title } : {}),
    ...(date ? { published: date } : {}),
  };
}
