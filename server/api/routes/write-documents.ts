// Documents for coding: GET /api/documents (each with its date, title, publisher and counts),
// GET /api/documents/:id/coding (its text and every coded span and suggestion) and
// POST /api/documents (a new document from pasted text, checked by the dataset schema).

import { z } from 'zod';
import { slugId } from '../../../model/slug.ts';
import { toPlain } from '../../neo4j/values.ts';
import { documentSchema } from '../../dataset/schema.ts';
import { zodIssues } from '../../dataset/issues.ts';
import { defineWriteRoute } from '../../write/route.ts';
import {
  createDocumentBody,
  documentCodingSchema,
  documentSummarySchema,
  writeAnswerSchema,
} from '../../write/schemas.ts';
import { spanOf } from '../../write/spans.ts';
import type { Props } from '../../write/state.ts';
import { conflict, issuePointer, lookupIds } from '../../write/validate.ts';
import { readQuery } from '../db.ts';
import { nodeId } from '../../../model/params.ts';
import { invalidRequest, notFound, pointer } from '../problem.ts';
import { defineRoute } from '../route.ts';
import { problemSchema } from '../../../model/api.ts';

/** `document:2022-01-11-us-envoy-on-russia-talks` from a date and a title. */
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
    body: createDocumentBody,
    responses: {
      201: { description: 'Added.', schema: writeAnswerSchema },
      400: { description: 'Invalid: each field at fault.', schema: problemSchema },
      409: { description: 'A document with this id exists.', schema: problemSchema },
    },
    async plan({ body }, { tx }) {
      const record = { ...body, id: body.id ?? documentId(body.published, body.title) };
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
    },
  }),
];
