// Documents for coding: GET /api/documents (each with its date, title, publisher and counts),
// GET /api/documents/:id/coding (its text and every coded span and suggestion) and
// POST /api/documents (a new document from pasted text, checked by the dataset schema; with
// `extract: true` extracted in the background) and POST /api/documents/fetch (a web page).

import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { slugId } from '../../../model/slug.ts';
import { toPlain } from '../../neo4j/values.ts';
import { documentSchema } from '../../dataset/schema.ts';
import { zodIssues } from '../../dataset/issues.ts';
import type { FetchLimits } from '../../extract/fetch-guard.ts';
import { readUrl, toDocument } from '../../extract/inputs.ts';
import type { SourceDocument } from '../../extract/types.ts';
import type { ExtractionQueue } from '../../jobs/extraction.ts';
import { authorizeWrite } from '../../write/auth.ts';
import { defineWriteRoute, type WritePlan } from '../../write/route.ts';
import {
  createDocumentBody,
  documentCodingSchema,
  documentSummarySchema,
  fetchDocumentBody,
  writeAnswerSchema,
} from '../../write/schemas.ts';
import { spanOf } from '../../write/spans.ts';
import type { Props } from '../../write/state.ts';
import { conflict, issuePointer, lookupIds } from '../../write/validate.ts';
import { readQuery } from '../db.ts';
import { nodeId } from '../../../model/params.ts';
import { invalidRequest, notFound, pointer, ProblemError } from '../problem.ts';
import { defineRoute, type ApiContext, type HandlerContext } from '../route.ts';
import { problemSchema } from '../../../model/api.ts';

/** `document:2022-01-11-us-envoy-on-russia-talks` from a date and a title. */
/** How long fetching a page may take. */
const FETCH_TIMEOUT_MS = 30_000;

export const documentId = (published: string, title: string): string =>
  slugId('document', `${published} ${title}`, 11);

export const documentRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/documents',
    operationId: 'listDocuments',
    tag: 'write',
    summary:
      'Every document, newest first, with how many stances are coded from it and how many suggestions wait.',
    responses: {
      200: { description: 'The documents.', schema: z.object({ documents: z.array(documentSummarySchema) }) },
    },
    async handle(_input, { app, signal }) {
      const records = await readQuery(
        app.db,
        'documents-list',
        {},
        { timeoutMs: app.api.queryTimeoutMs, signal },
      );
      return { documents: records.map((record) => toPlain(record.toObject())) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/documents/:id/coding',
    operationId: 'getDocumentCoding',
    tag: 'write',
    summary: 'A document’s text with every coded span and suggestion (offsets into the text), in text order.',
    params: z.strictObject({ id: nodeId }),
    responses: {
      200: { description: 'The document and its spans.', schema: documentCodingSchema },
      404: { description: 'No such document.', schema: problemSchema },
    },
    async handle({ params }, { app, signal }) {
      const [record] = await readQuery(
        app.db,
        'document-coding',
        { id: params.id },
        {
          timeoutMs: app.api.queryTimeoutMs,
          signal,
        },
      );
      if (!record) throw notFound('document', params.id, pointer('params', 'id'));
      return {
        document: toPlain(record.get('document')),
        spans: (record.get('spans') as Record<string, unknown>[]).map(spanOf),
      };
    },
  }),
  defineWriteRoute({
    method: 'post',
    path: '/api/documents',
    operationId: 'createDocument',
    tag: 'write',
    summary:
      'Add a document: its text (pasted) and metadata; the id is made from the date and title when not given.',
    description:
      'With `extract: true` the extraction runs in the background once the document is stored: the answer (at once) carries its job as `extraction`; follow it with GET /api/documents/:id/extraction or GET /api/extractions/events.',
    body: createDocumentBody,
    responses: {
      201: { description: 'Added (and, with `extract`, its extraction queued).', schema: writeAnswerSchema },
      400: { description: 'Invalid: each field at fault.', schema: problemSchema },
      409: { description: 'A document with this id exists.', schema: problemSchema },
      503: { description: '`extract: true` but this server runs no extraction.', schema: problemSchema },
    },
    async plan({ body }, { tx, app }) {
      const { extract, ...fields } = body;
      if (extract) extractionQueue(app);
      return newDocumentPlan(tx, { ...fields, id: fields.id ?? documentId(fields.published, fields.title) });
    },
    after: async (result, { body }, ctx) => withExtraction(result, body.extract, ctx),
  }),
  defineWriteRoute({
    method: 'post',
    path: '/api/documents/fetch',
    operationId: 'fetchDocument',
    tag: 'write',
    summary:
      'Add a web page as a document: fetched, its article text taken by Readability, its title, date and publisher from its metadata; then extracted in the background.',
    description:
      'A page that gives no publication date is refused (422, pointing at `/body/published`): send `published` to give it. Fields sent override the page’s metadata only where the page says nothing.',
    body: fetchDocumentBody,
    responses: {
      201: { description: 'Fetched and added; `extraction` is its queued job.', schema: writeAnswerSchema },
      400: { description: 'Invalid: each field at fault.', schema: problemSchema },
      409: { description: 'A document with this id exists.', schema: problemSchema },
      422: {
        description: 'The page could not be fetched or read, or gives no date and none was sent.',
        schema: problemSchema,
      },
      503: { description: 'This server runs no extraction (send `extract: false`).', schema: problemSchema },
    },
    async prepare({ body }, { app, res }) {
      if (body.extract) extractionQueue(app);
      res.locals.fetched = await fetchedDocument(body, app.api.fetch);
    },
    async plan({ body }, { tx, res }) {
      const document = res.locals.fetched as SourceDocument;
      return newDocumentPlan(tx, { ...document, ...(body.id !== undefined && { id: body.id }) });
    },
    after: async (result, { body }, ctx) => withExtraction(result, body.extract, ctx),
  }),
];

/** The server's extraction queue, or a 503 saying there is none. */
export function extractionQueue(app: ApiContext): ExtractionQueue {
  if (!app.extraction || app.extraction.closed)
    throw new ProblemError({
      type: '/problems/extraction-off',
      title: 'Extraction is off',
      status: 503,
      detail: app.extraction
        ? 'the server is stopping; try again once it runs'
        : 'this server runs no background extraction; add the document without `extract`, then run `stancegraph extract`',
    });
  return app.extraction;
}

/** The answer of an added document, with its extraction queued (or, on a replay, as it is now). */
function withExtraction(
  result: { status: number; body: unknown; replayed: boolean },
  extract: boolean | undefined,
  ctx: HandlerContext,
): unknown {
  const answer = result.body as { id?: string };
  if (!extract || result.status !== 201 || typeof answer?.id !== 'string') return result.body;
  const queue = extractionQueue(ctx.app);
  const job =
    (result.replayed ? queue.get(answer.id) : undefined) ??
    queue.enqueue(answer.id, authorizeWrite(ctx.req, ctx.app.writer));
  return { ...answer, extraction: job };
}

/** A new document as the loader checks one; a 409 when its id is taken. */
async function newDocumentPlan(
  tx: ManagedTransaction,
  record: Record<string, unknown> & { id: string },
): Promise<WritePlan> {
  const parsed = documentSchema.safeParse(record);
  if (!parsed.success) {
    const source = { file: 'request body', dir: '', data: record, locate: () => undefined };
    throw invalidRequest(zodIssues(source, parsed.error).map((issue) => issuePointer(issue)));
  }
  if ((await lookupIds(tx, [record.id])).size > 0)
    throw conflict(`a document "${record.id}" exists already; give another id`, pointer('body', 'id'));
  const { textFile: _textFile, ...props } = parsed.data;
  return {
    status: 201,
    body: { id: record.id },
    action: 'create-document',
    summary: `added ${record.id}`,
    before: { nodes: [], relationships: [] },
    after: {
      nodes: [{ id: record.id, kind: 'Document', props: props as unknown as Props }],
      relationships: [],
    },
  };
}

const unreadable = (detail: string, at: string) =>
  new ProblemError({
    type: '/problems/unreadable-page',
    title: 'Cannot add this page',
    status: 422,
    detail,
    errors: [{ pointer: at, detail }],
  });

/** The page at `body.url` as a document (Readability's text, the page's metadata, then the body's). */
async function fetchedDocument(
  body: z.output<typeof fetchDocumentBody>,
  limits: FetchLimits,
): Promise<SourceDocument> {
  let read;
  try {
    read = await readUrl(body.url, FETCH_TIMEOUT_MS, limits);
  } catch (error) {
    throw unreadable((error as Error).message, pointer('body', 'url'));
  }
  if (read.metadata.published === undefined && body.published === undefined)
    throw unreadable(
      `${body.url}: the page gives no publication date; send "published": "YYYY-MM-DD"`,
      pointer('body', 'published'),
    );
  try {
    return toDocument(read, body);
  } catch (error) {
    throw unreadable((error as Error).message, pointer('body', 'url'));
  }
}
