// The two kinds of provenance of DESIGN.md and their rules: text-grounded (doc, quote, start,
// end: the exact words) and record-grounded (doc for the source URL, without text; source, the
// dataset; record, its id; method import; the record's codes). The relationship schema takes the
// record fields from here, and resolveRelationship (validate.ts) calls checkProvenance once.

import { z } from 'zod';
import type { NodeKind } from '../../model/kinds.ts';
import type { RelationshipType } from '../../model/vocabulary.ts';

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');
const count = z.number().int('expected a whole number').min(0, 'expected a count ≥ 0');

/** The fields a relationship may carry beyond text-grounded provenance: spread into relationshipSchema. */
export const RECORD_FIELDS = {
  source: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'expected a dataset name in lower case such as gdelt, icews, dna')
    .optional()
    .describe('the dataset a record-grounded relationship comes from'),
  record: nonEmpty.optional().describe("the record's own id in that dataset"),
  onBehalfOf: z
    .string()
    .regex(/^(person|institution|country):[a-z0-9][a-z0-9._-]*$/, 'expected an actor id')
    .optional()
    .describe('the actor the speaker spoke for (a minister for a government; DNA person + organisation)'),
  coder: nonEmpty.optional().describe('who coded it, as the source dataset names them'),
  cameo: z
    .string()
    .regex(/^\d{2,4}[A-Za-z]?$/, 'expected a CAMEO event code such as 043')
    .optional(),
  goldstein: z.number().min(-10).max(10).optional().describe('Goldstein scale, -10..10'),
  quadClass: z
    .number()
    .int()
    .min(1)
    .max(4)
    .optional()
    .describe('1 verbal / 2 material cooperation, 3 verbal / 4 material conflict'),
  intensity: z.number().min(-10).max(10).optional().describe("ICEWS's intensity"),
  mentions: count.optional(),
  sources: count.optional(),
  articles: count.optional(),
  tone: z.number().optional().describe('average tone of the articles (GDELT AvgTone)'),
  place: nonEmpty.optional().describe('where the event happened, as the dataset names it'),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
};

/** The fields of record-grounded provenance only: they make no sense beside a quote. */
const RECORD_ONLY = [
  'goldstein',
  'quadClass',
  'intensity',
  'mentions',
  'sources',
  'articles',
  'tone',
] as const;

export type ProvenanceKind = 'text' | 'record' | 'none';

/** The fields of a relationship record these rules read (schema.ts spreads RECORD_FIELDS into it). */
export type RelationshipRecord = {
  type: string;
  doc?: string | undefined;
  quote?: string | undefined;
  start?: number | undefined;
  date?: string | undefined;
  method: string;
  source?: string | undefined;
  record?: string | undefined;
  onBehalfOf?: string | undefined;
} & Partial<Record<(typeof RECORD_ONLY)[number], unknown>>;

/** Which kind of provenance a relationship claims: a quote makes it text-grounded, a record id record-grounded. */
export function provenanceKind(rel: Pick<RelationshipRecord, 'quote' | 'record' | 'source'>): ProvenanceKind {
  if (rel.quote !== undefined) return 'text';
  if (rel.record !== undefined || rel.source !== undefined) return 'record';
  return 'none';
}

export interface ProvenanceContext {
  kindOf(id: string): NodeKind | undefined;
  /** Whether a document is known and holds text (undefined: not known). */
  hasText(id: string): boolean | undefined;
  issue(message: string, field?: string): void;
}

/**
 * Checks a relationship's provenance against its kind's rules; reports through `ctx.issue`.
 * A stance or interaction needs one kind; a record-grounded one needs doc, source, record,
 * date and method import, and no offsets; a quote needs a document with text.
 */
export function checkProvenance(
  record: RelationshipRecord,
  vocabulary: RelationshipType,
  needed: boolean,
  ctx: ProvenanceContext,
): void {
  const kind = provenanceKind(record);
  if ((record.source === undefined) !== (record.record === undefined)) {
    ctx.issue(
      'expected both `source` (the dataset) and `record` (its id), or neither',
      record.source === undefined ? 'source' : 'record',
    );
  }
  if (kind === 'record') {
    const missing = (['doc', 'date'] as const).filter((field) => record[field] === undefined);
    if (missing.length > 0) {
      ctx.issue(
        `a record-grounded ${record.type} needs ${missing.map((f) => `\`${f}\``).join(' and ')}: the Document of its source URL and the event's date`,
        missing[0],
      );
    }
    if (record.method !== 'import') {
      ctx.issue(
        `expected \`method: import\` on a record-grounded relationship (from ${record.source}), got ${record.method}`,
        'method',
      );
    }
    if (record.start !== undefined) {
      ctx.issue('`start`/`end` without a `quote`; a record-grounded relationship has no offsets', 'start');
    }
  } else if (needed) {
    const missing = (['doc', 'quote'] as const).filter((field) => record[field] === undefined);
    if (missing.length > 0) {
      ctx.issue(
        `a ${record.type} (${vocabulary.family}) needs provenance: missing ${missing.map((f) => `\`${f}\``).join(' and ')}; expected the document id and the exact quote (or, for imported event data, \`source\` and \`record\`)`,
      );
    }
  }
  if (kind !== 'record') {
    const stray = RECORD_ONLY.filter((field) => record[field] !== undefined);
    if (stray.length > 0) {
      ctx.issue(
        `${stray.map((f) => `\`${f}\``).join(', ')} belong to record-grounded provenance; expected \`source\` and \`record\` beside them`,
        stray[0],
      );
    }
  }
  if (kind === 'text' && record.doc !== undefined && ctx.hasText(record.doc) === false) {
    ctx.issue(
      `document "${record.doc}" has no text (a record-grounded source's document); expected a document with text for a quote`,
      'quote',
    );
  }
  // A dangling onBehalfOf is reported with the other references (resolve.ts), once the graph was asked.
  if (record.onBehalfOf !== undefined && !needed) {
    ctx.issue(`\`onBehalfOf\` is for stances and interactions, not a ${record.type}`, 'onBehalfOf');
  }
}

/** The key of a relationship with a record id: one relationship per (dataset, record). */
export function recordKey(rel: Pick<RelationshipRecord, 'source' | 'record'>): string | undefined {
  return rel.record !== undefined ? `record|${rel.source}|${rel.record}` : undefined;
}
