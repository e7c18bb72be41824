// Provenance stage: the quote that carries a suggestion (the sentence, cut to the quotation
// marks when the sentence is a quoted passage) with its offsets, and its confidence: the cue's
// precision measured on the development data by `npm run eval` (cue-precision.json).

import precision from './cue-precision.json' with { type: 'json' };
import type { Context } from './context.ts';
import type { Sentence } from './sentence.ts';

/** Confidence of a cue that was never seen in the development data. */
export const UNMEASURED_CONFIDENCE = 0.5;

const MEASURED: Record<string, number> = (precision as { cues: Record<string, number> }).cues;

export function confidenceOf(cue: string): number {
  return MEASURED[cue] ?? MEASURED[cue.split(':')[0] ?? ''] ?? UNMEASURED_CONFIDENCE;
}

/** The sentence's text span, without its surrounding whitespace and opening or closing dashes. */
export function quoteSpan(ctx: Context, s: Sentence, bodyStart?: number): { start: number; end: number } {
  let start = bodyStart !== undefined && bodyStart > s.start && bodyStart < s.end ? bodyStart : s.start;
  let end = s.end;
  const text = ctx.text;
  while (start < end && /[\s–—-]/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
