// Finding a quote inside its source document: the provenance offsets when they still point at the
// quote (DESIGN.md: text.slice(start, end) === quote), the first occurrence of the quote otherwise.

export interface QuoteSegments {
  before: string;
  quote: string;
  after: string;
  /** How the quote was found: by its offsets, or by searching the text for it. */
  foundBy: 'offsets' | 'search';
}

export function quoteSegments(
  text: string,
  provenance: { quote?: string | undefined; start?: number | undefined; end?: number | undefined },
): QuoteSegments | null {
  const { quote, start, end } = provenance;
  if (!quote) return null;
  if (typeof start === 'number' && typeof end === 'number' && text.slice(start, end) === quote) {
    return { before: text.slice(0, start), quote, after: text.slice(end), foundBy: 'offsets' };
  }
  const at = text.indexOf(quote);
  if (at < 0) return null;
  return { before: text.slice(0, at), quote, after: text.slice(at + quote.length), foundBy: 'search' };
}
