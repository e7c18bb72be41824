// The write API's request and response schemas (zod): requests reuse the dataset schema, so a
// write is checked as the loader checks a file; responses are documented in the OpenAPI document.

import { z } from 'zod';
import { MODALITIES } from '../../model/vocabulary.ts';
import { actorSchema, anyId, claimSchema, documentSchema, relationshipSchema } from '../dataset/schema.ts';

export const refParams = z.strictObject({
  ref: z.string().min(1).describe('a relationship, as the `ref` the API gives it'),
});

export const createRelationshipBody = z.strictObject({
  relationship: relationshipSchema,
  actors: z.array(actorSchema).optional().describe('new actors the relationship refers to, created with it'),
  claims: z.array(claimSchema).optional().describe('new claims the relationship refers to, created with it'),
});

const offset = z.number().int('expected an integer offset').min(0, 'expected an offset ≥ 0');

/** Fields of a relationship that an edit may change; null removes an optional one. */
export const updateRelationshipBody = z.strictObject({
  type: z.string().optional(),
  from: anyId.optional(),
  to: anyId.optional(),
  quote: z.string().min(1, 'expected the exact words').optional(),
  start: offset.optional(),
  end: offset.optional(),
  date: z.string().nullable().optional(),
  modality: z.enum(MODALITIES).optional(),
  onBehalfOf: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
});

export const createDocumentBody = z.strictObject({
  id: z.string().optional().describe('document:…; made from the date and title when left out'),
  title: z.string(),
  published: z.string(),
  publisher: z.string().optional(),
  url: z.string().optional(),
  language: z.string().optional(),
  text: z.string(),
  extract: z
    .boolean()
    .optional()
    .describe('queue its extraction once stored (suggestions arrive in the background)'),
});

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'expected a real date');

export const fetchDocumentBody = z.strictObject({
  url: z
    .string()
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'expected an http(s) URL')
    .describe('the page to add'),
  id: z.string().optional().describe('document:…; made from the URL when left out'),
  published: isoDay.optional().describe('the date, when the page gives none (YYYY-MM-DD)'),
  title: z.string().min(1).optional().describe('when the page gives none'),
  publisher: z.string().min(1).optional().describe('when the page gives none'),
  language: z.string().min(1).optional().describe('when the page gives none (default en)'),
  extract: z.boolean().default(true).describe('queue its extraction once stored (default true)'),
});
/** The dataset's document schema, for the semantic check of a new document. */
export const documentRecordSchema = documentSchema;

export const mergeBody = z.strictObject({
  into: anyId.describe('the node that stays'),
  from: anyId.describe('the node merged into it (its id becomes an alias of `into`)'),
});

export const bulkAcceptBody = z.strictObject({
  doc: anyId.optional().describe('only this document’s suggestions'),
  minConfidence: z.number().min(0).max(1).describe('accept every suggestion at least this confident'),
});

const json = z.unknown();
export const spanSchema = z.object({
  ref: z.string(),
  type: z.string(),
  from: z.string(),
  fromName: z.string(),
  fromKind: z.string().nullable(),
  to: z.string(),
  toName: z.string(),
  toKind: z.string().nullable(),
  doc: z.string(),
  quote: z.string(),
  start: z.number(),
  end: z.number(),
  date: z.string().nullable(),
  method: z.string(),
  confidence: z.number(),
  modality: z.string(),
  status: z.enum(['accepted', 'suggested']),
  onBehalfOf: z.string().nullable(),
  note: z.string().nullable(),
});
export const writeAnswerSchema = z.object({ change: z.string() }).catchall(json);
export const documentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  published: z.string().nullable(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  language: z.string().nullable(),
  length: z.number(),
  coded: z.number(),
  suggested: z.number(),
});
export const documentCodingSchema = z.object({
  document: z.object({ id: z.string(), title: z.string(), text: z.string() }).catchall(json),
  spans: z.array(spanSchema),
});
export const changeSchema = z.object({
  id: z.string(),
  at: z.string(),
  who: z.string(),
  action: z.string(),
  summary: z.string(),
  before: json,
  after: json,
  undoneBy: z.string().nullable(),
  undoes: z.string().nullable(),
});
