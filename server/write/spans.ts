// Relationships read for the coding views become CodedSpans (model/coding.ts): plain values, the
// ref that names them in write URLs, the endpoints' names and kinds.

import type { CodedSpan, SpanStatus } from '../../model/coding.ts';
import { kindOfLabels } from '../../model/kinds.ts';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import { plainProps, relationshipRef, type Props } from './state.ts';

const text = (value: Props[string] | undefined): string | null => (typeof value === 'string' ? value : null);

/** A row {type, from, fromName, fromLabels, to, toName, toLabels, props} as a span. */
export function spanOf(row: Neo4jRecord | Record<string, unknown>): CodedSpan {
  const get = (key: string): unknown =>
    'get' in row && typeof row.get === 'function' ? row.get(key) : (row as Record<string, unknown>)[key];
  const props = plainProps(get('props'));
  const type = get('type') as string;
  const from = get('from') as string;
  const to = get('to') as string;
  return {
    ref: relationshipRef({ type, from, to, props }),
    type,
    from,
    fromName: String(get('fromName')),
    fromKind: kindOfLabels((get('fromLabels') as string[] | null) ?? []) ?? null,
    to,
    toName: String(get('toName')),
    toKind: kindOfLabels((get('toLabels') as string[] | null) ?? []) ?? null,
    doc: text(props.doc) ?? '',
    quote: text(props.quote) ?? '',
    start: Number(props.start ?? 0),
    end: Number(props.end ?? 0),
    date: text(props.date),
    method: text(props.method) ?? 'manual',
    confidence: typeof props.confidence === 'number' ? props.confidence : 1,
    modality: text(props.modality) ?? 'asserted',
    status: (text(props.status) ?? 'accepted') as SpanStatus,
    onBehalfOf: text(props.onBehalfOf),
    note: text(props.note),
  };
}
