// Background extraction, watched and retried: GET /api/documents/:id/extraction (the job's state,
// progress, counts, error), POST /api/documents/:id/extraction (run it again) and
// GET /api/extractions/events (server-sent events: every job at connection, then each change).

import { z } from 'zod';
import { EXTRACTION_STATES, EXTRACTION_STEPS } from '../../../model/coding.ts';
import { problemSchema } from '../../../model/api.ts';
import { nodeId } from '../../../model/params.ts';
import { authorizeWrite } from '../../write/auth.ts';
import { readQuery } from '../db.ts';
import { notFound, pointer, ProblemError } from '../problem.ts';
import { defineRoute, type HandlerContext } from '../route.ts';
import { extractionQueue } from './write-documents.ts';

const counts = z.object({
  suggestions: z.number(),
  newActors: z.number(),
  newClaims: z.number(),
  rejectedBefore: z.number(),
  codedAlready: z.number(),
  replaced: z.number(),
});

export const extractionJobSchema = z.object({
  doc: z.string(),
  state: z.enum(EXTRACTION_STATES),
  step: z.enum(EXTRACTION_STEPS),
  progress: z.number().min(0).max(1),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  attempt: z.number(),
  counts: counts.nullable(),
  error: z.string().nullable(),
  change: z.string().nullable(),
});

/** When the server sends a comment on a quiet event stream (proxies close idle connections). */
const HEARTBEAT_MS = 15_000;

async function documentExists(id: string, { app, signal }: HandlerContext): Promise<boolean> {
  const records = await readQuery(
    app.db,
    'existing-ids',
    { ids: [id], withText: false },
    { timeoutMs: app.api.queryTimeoutMs, signal },
  );
  return records.some((record) => (record.get('labels') as string[]).includes('Document'));
}

export const extractionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/documents/:id/extraction',
    operationId: 'getExtraction',
    tag: 'write',
    summary:
      'The latest extraction of a document: queued, running, done, failed or cancelled, with progress.',
    params: z.strictObject({ id: nodeId }),
    responses: {
      200: { description: 'The job.', schema: extractionJobSchema },
      404: {
        description: 'No such document, or no extraction of it since the server started.',
        schema: problemSchema,
      },
      503: { description: 'This server runs no background extraction.', schema: problemSchema },
    },
    async handle({ params }, ctx) {
      const job = extractionQueue(ctx.app).get(params.id);
      if (job) return job;
      if (!(await documentExists(params.id, ctx)))
        throw notFound('document', params.id, pointer('params', 'id'));
      throw new ProblemError({
        type: '/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: `no extraction of ${params.id} since the server started; POST to this URL to run one`,
        errors: [{ pointer: pointer('params', 'id'), detail: 'no extraction of this document yet' }],
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/documents/:id/extraction',
    operationId: 'runExtraction',
    tag: 'write',
    summary:
      'Extract a document (again) in the background: its waiting suggestions are replaced, rejected ones stay out.',
    description:
      'Needs the write token. A document whose extraction waits or runs keeps that job (202 with it).',
    params: z.strictObject({ id: nodeId }),
    responses: {
      202: { description: 'Queued (or already queued): the job.', schema: extractionJobSchema },
      401: { description: 'No token.', schema: problemSchema },
      403: { description: 'From another origin or host.', schema: problemSchema },
      404: { description: 'No such document.', schema: problemSchema },
      503: { description: 'This server runs no background extraction.', schema: problemSchema },
    },
    async handle({ params }, ctx) {
      const who = authorizeWrite(ctx.req, ctx.app.writer);
      const queue = extractionQueue(ctx.app);
      if (!(await documentExists(params.id, ctx)))
        throw notFound('document', params.id, pointer('params', 'id'));
      ctx.res.status(202);
      return queue.enqueue(params.id, who);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/extractions/events',
    operationId: 'extractionEvents',
    tag: 'write',
    summary:
      'Server-sent events: an `extraction` event (a job, as GET /api/documents/:id/extraction gives it) for every job at once, then at each change.',
    responses: {
      200: { description: 'An event stream that stays open.', contentTypes: ['text/event-stream'] },
      503: { description: 'This server runs no background extraction.', schema: problemSchema },
    },
    async handle(_input, { app, req, res }) {
      const queue = extractionQueue(app);
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        'X-Accel-Buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      const send = (job: unknown) => res.write(`event: extraction\ndata: ${JSON.stringify(job)}\n\n`);
      for (const job of queue.list()) send(job);
      const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      const unsubscribe = queue.subscribe(send, end);
      req.on('close', end);
      return undefined;
    },
  }),
];
