// Signing in to write: GET /api/auth/signin?token=… (the URL the server prints at start) sets the
// session cookie and opens the client; GET /api/auth says whether this browser may write.

import { z } from 'zod';
import { credentialOf, SESSION_COOKIE, sessionValue } from '../../write/auth.ts';
import { ProblemError } from '../problem.ts';
import { defineRoute } from '../route.ts';
import { problemSchema } from '../../../model/api.ts';

export const authRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/auth',
    operationId: 'getAuth',
    tag: 'write',
    summary: 'Whether writes are on and whether this request may write (token or session cookie).',
    responses: {
      200: {
        description: 'What this request may do.',
        schema: z.object({
          writesEnabled: z.boolean(),
          canWrite: z.boolean(),
          via: z.enum(['token', 'session']).nullable(),
        }),
      },
    },
    async handle(_input, { app, req }) {
      const via = credentialOf(req, app.writer) ?? null;
      return { writesEnabled: app.writer !== undefined, canWrite: via !== null, via };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/signin',
    operationId: 'signIn',
    tag: 'write',
    summary: 'Sign this browser in to write: sets the session cookie and opens the client.',
    query: z.strictObject({ token: z.string().min(1).describe('the token the server printed at start') }),
    responses: {
      303: { description: 'Signed in; to the client.' },
      401: { description: 'Not the token.', schema: problemSchema },
    },
    async handle({ query }, { app, res }) {
      const writer = app.writer;
      if (!writer || sessionValue(query.token) !== sessionValue(writer.token)) {
        throw new ProblemError({
          type: '/problems/unauthorized',
          title: 'Not the token',
          status: 401,
          detail: 'This is not the write token; open the sign-in URL the server printed at start.',
        });
      }
      res.cookie(SESSION_COOKIE, sessionValue(writer.token), {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        maxAge: 30 * 24 * 3600 * 1000,
      });
      res.redirect(303, '/');
      return undefined;
    },
  }),
];
