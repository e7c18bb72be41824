// Provenance and the whole pipeline: every quote is the text at its offsets whatever the script
// or punctuation, confidence is the cue's measured precision, and the same input gives the same
// output.

import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../server/extract/pipeline/index.ts';
import { confidenceOf, UNMEASURED_CONFIDENCE } from '../../../server/extract/pipeline/provenance.ts';
import precision from '../../../server/extract/pipeline/cue-precision.json' with { type: 'json' };
import { annotate, docOf, EMPTY, extract } from './_extract.ts';

const TEXT = [
  'Prices rose 5% + fees in Kyiv — “a disaster” 😟, said Olena Kovalenko.',
  '',
  'Олена Коваленко said the government must cut the 20% tax — now.',
  '',
  '“We will not accept any new tariffs,” Trade Minister Anna Berg said. – We need fair rules.”',
  '',
  'Der Minister Hans Weber demanded that the 10+2 talks resume. 中国 rejected the plan.',
].join('\n');

describe('provenance', () => {
  it('gives every suggestion a quote equal to the text at its offsets (curly quotes, dashes, %, +, emoji, Cyrillic, CJK)', async () => {
    const result = await extract(TEXT);
    expect(result.suggestions.length).toBeGreaterThanOrEqual(3);
    for (const s of result.suggestions) {
      expect(TEXT.slice(s.start, s.end)).toBe(s.quote);
      expect(s.quote.trim()).toBe(s.quote);
    }
  });

  it('takes the confidence from the cue’s measured precision', async () => {
    const measured = (precision as { cues: Record<string, number> }).cues;
    const result = await extract('Greece refused to recognize the new republic.');
    expect(result.suggestions[0]!.confidence).toBe(measured['verb:refuse'] ?? UNMEASURED_CONFIDENCE);
    expect(confidenceOf('verb:never-measured-cue')).toBe(UNMEASURED_CONFIDENCE);
  });

  it('gives the same output for the same input', async () => {
    const annotation = await annotate(TEXT);
    const first = extractDocument(docOf(TEXT), annotation, EMPTY);
    const second = extractDocument(docOf(TEXT), await annotate(TEXT), EMPTY);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
