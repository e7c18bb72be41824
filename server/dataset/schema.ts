// The dataset format: one zod schema, the source of truth for the loader's validation, the types
// the loader works with, and the published JSON Schema (dataset.schema.json) that editors use.
// Semantic checks that need the whole dataset (references, quotes, endpoint kinds) live in validate.ts.

import { z } from 'zod';
import { ACTOR_KINDS, KINDS, NODE_KINDS, type NodeKind } from '../../model/kinds.ts';
import { METHODS, MODALITIES, STATUSES } from '../../model/vocabulary.ts';
import { RECORD_FIELDS } from './provenance.ts';

export const FORMAT_VERSION = 1;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD', abort: true })
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'expected a real calendar date');

/** An id of one of these kinds: `prefix:slug`, the prefixes read from the model. */
const id = (kinds: readonly NodeKind[]) => {
  const prefixes = kinds.map((kind) => KINDS[kind].prefix);
  return z
    .string()
    .regex(
      new RegExp(`^(${prefixes.join('|')}):[a-z0-9][a-z0-9._-]*$`),
      `expected an id "${prefixes.join(':…" or "')}:…" with a lower-case slug (a-z, 0-9, . _ -)`,
    );
};

export const anyId = id(NODE_KINDS);
const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');

export const documentSchema = z
  .strictObject({
    id: id(['Document']),
    title: nonEmpty,
    published: isoDate,
    publisher: nonEmpty.optional(),
    url: z.url().optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'expected a BCP 47 language tag such as en')
      .default('en'),
    text: z.string().min(1, 'expected the document text').optional(),
    textFile: nonEmpty
      .optional()
      .describe(
        'path of a UTF-8 text file, relative to the dataset file and inside its folder (at most STANCEGRAPH_MAX_TEXT_BYTES, 16 MiB by default)',
      ),
    source: RECORD_FIELDS.source.describe(
      'for the document of a record-grounded source (an event dataset): the dataset; such a document may have no text',
    ),
  })
  .refine((doc) => doc.text === undefined || doc.textFile === undefined, {
    message: 'expected exactly one of `text` or `textFile`',
  })
  .refine((doc) => doc.text !== undefined || doc.textFile !== undefined || doc.source !== undefined, {
    message:
      "expected `text` or `textFile` (only a record-grounded source's document, one with a `source` such as gdelt, has no text)",
  });

const actorFields = {
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  title: nonEmpty.optional().describe('role as written, e.g. "US Permanent Representative to NATO"'),
  description: nonEmpty.optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/, 'expected a Wikidata id such as Q42')
    .optional(),
  mergedIds: z
    .array(id(ACTOR_KINDS))
    .optional()
    .describe('ids of actors merged into this one; they still name it'),
};

export const actorSchema = z
  .strictObject({
    id: id(ACTOR_KINDS),
    ...actorFields,
    iso3: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code such as UKR')
      .optional()
      .describe('countries only'),
  })
  .refine((actor) => actor.iso3 === undefined || actor.id.startsWith(`${KINDS.Country.prefix}:`), {
    message: 'expected `iso3` only on a country (an id country:…)',
    path: ['iso3'],
  });

export const claimSchema = z.strictObject({
  id: id(['Claim']),
  text: nonEmpty.describe('the proposition, phrased neutrally'),
  aliases: z.array(nonEmpty).default([]),
  mergedIds: z
    .array(id(['Claim']))
    .optional()
    .describe('ids of claims merged into this one; they still name it'),
});

export const topicSchema = z.strictObject({
  id: id(['Topic']),
  name: nonEmpty,
  description: nonEmpty.optional(),
});

export const eventSchema = z
  .strictObject({
    id: id(['Event']),
    name: nonEmpty,
    date: isoDate.optional(),
    start: isoDate.optional(),
    end: isoDate.optional(),
    place: nonEmpty.optional(),
  })
  .refine((event) => event.date === undefined || (event.start === undefined && event.end === undefined), {
    message: 'expected either `date` or `start`/`end`, not both',
  })
  .refine((event) => !(event.start && event.end) || event.start <= event.end, {
    message: 'expected `start` on or before `end`',
    path: ['end'],
  });

const offset = z.number().int('expected an integer offset').min(0, 'expected an offset ≥ 0');

export const relationshipSchema = z
  .strictObject({
    type: z
      .string()
      .regex(/^[A-Z][A-Z_]*$/, 'expected a relationship type in UPPER_SNAKE_CASE such as DEMANDS'),
    from: anyId,
    to: anyId,
    doc: id(['Document']).optional().describe('the Document the relationship is coded from'),
    quote: z.string().min(1, 'expected the exact words').optional(),
    start: offset.optional().describe('UTF-16 offset of the quote in the document text'),
    end: offset.optional(),
    date: isoDate.optional().describe("date of the statement; the document's date when omitted"),
    method: z.enum(METHODS).default('manual'),
    confidence: z
      .number()
      .min(0, 'expected a confidence in 0..1')
      .max(1, 'expected a confidence in 0..1')
      .default(1),
    modality: z.enum(MODALITIES).default('asserted'),
    status: z
      .enum(STATUSES)
      .default('accepted')
      .describe(
        'suggested: made by a machine (extract) and not yet reviewed; kept out of networks unless asked for',
      ),
    note: nonEmpty.optional(),
    ...RECORD_FIELDS,
  })
  .superRefine((rel, ctx) => {
    if ((rel.start === undefined) !== (rel.end === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected both `start` and `end`, or neither',
        path: [rel.start === undefined ? 'end' : 'start'],
      });
    }
  })
  .refine((rel) => rel.start === undefined || rel.end === undefined || rel.start < rel.end, {
    message: 'expected `start` < `end`',
    path: ['end'],
  });

export const datasetSchema = z.strictObject({
  stancegraph: z.literal(FORMAT_VERSION).describe('dataset format version'),
  documents: z.array(documentSchema).default([]),
  actors: z.array(actorSchema).default([]),
  claims: z.array(claimSchema).default([]),
  topics: z.array(topicSchema).default([]),
  events: z.array(eventSchema).default([]),
  relationships: z.array(relationshipSchema).default([]),
});

export type DatasetInput = z.input<typeof datasetSchema>;
export type Dataset = z.output<typeof datasetSchema>;
export type DocumentRecord = z.output<typeof documentSchema>;
export type ActorRecord = z.output<typeof actorSchema>;
export type ClaimRecord = z.output<typeof claimSchema>;
export type TopicRecord = z.output<typeof topicSchema>;
export type EventRecord = z.output<typeof eventSchema>;
export type RelationshipRecord = z.output<typeof relationshipSchema>;

/** The JSON Schema published for editors (data/dataset.schema.json is generated from this). */
export function datasetJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(datasetSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://stancegraph.dev/schema/dataset-v1.json',
    title: 'Stancegraph dataset',
  };
}
