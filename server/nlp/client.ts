// The HTTP client of a Stanford CoreNLP server (ours, or any named by STANCEGRAPH_CORENLP_URL):
// one POST per text with the properties in the URL, the text as UTF-8 plain text (so `%` and `+`
// are not URL-decoded), texts too long for the server split at paragraph boundaries and the
// answers stitched back with every offset shifted, so callers always see one document.

import type {
  Annotator,
  CoreNlpCorefMention,
  CoreNlpDocument,
  CoreNlpQuote,
  CoreNlpSentence,
} from '../extract/types.ts';

/**
 * The longest text sent in one request. CoreNLP refuses texts over 100,000 characters, but long
 * before that coreference gets slow (its cost grows faster than the text: a 90,000-character
 * request did not finish in 300 s on 2 busy cores), so long texts go in pieces of about a dozen
 * news articles. Coreference then does not cross pieces; everything else is per sentence anyway.
 */
export const DEFAULT_MAX_CHARS = 20_000;

export class CoreNlpError extends Error {
  override name = 'CoreNlpError';
}

export interface CoreNlpClientOptions {
  /** One or more server base URLs (http://host:port); documents are spread round-robin. */
  urls: readonly string[];
  /** Per request, in milliseconds. */
  timeoutMs: number;
  /** Longest text sent in one request; longer texts are split at paragraph boundaries. */
  maxChars?: number;
}

/** Annotates texts with one or more CoreNLP servers, taking turns per request. */
export class CoreNlpClient implements Annotator {
  readonly urls: readonly string[];
  private readonly timeoutMs: number;
  private readonly maxChars: number;
  private next = 0;

  constructor(options: CoreNlpClientOptions) {
    if (options.urls.length === 0) throw new CoreNlpError('CoreNLP: expected at least one server URL.');
    this.urls = options.urls.map((url) => url.replace(/\/+$/, ''));
    this.timeoutMs = options.timeoutMs;
    this.maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  }

  async annotate(text: string, properties: Record<string, string>): Promise<CoreNlpDocument> {
    const chunks = splitText(text, this.maxChars);
    const parts: CoreNlpDocument[] = [];
    for (const chunk of chunks) parts.push(await this.post(chunk.text, properties));
    return mergeAnnotations(parts.map((document, i) => ({ document, offset: chunks[i]!.offset })));
  }

  /** The server the next request goes to (round-robin over `urls`). */
  private pick(): string {
    const url = this.urls[this.next % this.urls.length]!;
    this.next += 1;
    return url;
  }

  private async post(text: string, properties: Record<string, string>): Promise<CoreNlpDocument> {
    const base = this.pick();
    const url = `${base}/?properties=${encodeURIComponent(JSON.stringify({ ...properties, outputFormat: 'json' }))}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: text,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new CoreNlpError(describeFetchError(base, error as Error, this.timeoutMs));
    }
    const body = await response.text().catch((error: Error) => {
      throw new CoreNlpError(`CoreNLP at ${base}: the answer broke off (${error.message}).`);
    });
    if (!response.ok) {
      throw new CoreNlpError(
        `CoreNLP at ${base} answered ${response.status} ${response.statusText}: ${body.trim().slice(0, 300)}`,
      );
    }
    try {
      const document = JSON.parse(body) as CoreNlpDocument;
      if (!Array.isArray(document.sentences)) throw new Error('no `sentences` array');
      return document;
    } catch (error) {
      throw new CoreNlpError(
        `CoreNLP at ${base}: expected its JSON output, got ${JSON.stringify(body.slice(0, 120))} (${(error as Error).message}).`,
      );
    }
  }
}

function describeFetchError(base: string, error: Error, timeoutMs: number): string {
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return `CoreNLP at ${base}: no answer within ${timeoutMs / 1000}s (STANCEGRAPH_CORENLP_TIMEOUT).`;
  }
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? error.message;
  if (cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET') {
    return (
      `CoreNLP at ${base} closed the connection in the middle of a request (${detail}): the server stopped or crashed. ` +
      'Nothing of this text was annotated. Check that it runs (`stancegraph nlp start`, or your own server of STANCEGRAPH_CORENLP_URL), and its log.'
    );
  }
  return (
    `CoreNLP: no server answers at ${base} (${detail}). ` +
    'Start ours with `stancegraph nlp start`, or check STANCEGRAPH_CORENLP_URL.'
  );
}

export interface TextChunk {
  text: string;
  /** Where the chunk starts in the whole text (UTF-16 code units). */
  offset: number;
}

/**
 * Cuts `text` into pieces of at most `maxChars`, preferring paragraph breaks (a blank line), then
 * line breaks, then sentence ends, then spaces; a piece with none of those is cut hard. Every
 * break stays with the piece before it, so the pieces concatenate to the text.
 */
export function splitText(text: string, maxChars: number): TextChunk[] {
  const chunks: TextChunk[] = [];
  let offset = 0;
  while (text.length - offset > maxChars) {
    const window = text.slice(offset, offset + maxChars);
    const cut = lastBreak(window) ?? safeHardCut(text, offset + maxChars) - offset;
    chunks.push({ text: text.slice(offset, offset + cut), offset });
    offset += cut;
  }
  if (offset < text.length || chunks.length === 0) chunks.push({ text: text.slice(offset), offset });
  return chunks;
}

const BREAKS = [/\n[ \t]*\n\s*/g, /\n\s*/g, /[.!?]["”’)]?\s+/g, /\s+/g];

/** The end of the last break in `window` of the strongest kind found in its second half. */
function lastBreak(window: string): number | undefined {
  for (const pattern of BREAKS) {
    let end: number | undefined;
    for (const match of window.matchAll(pattern)) {
      const after = match.index + match[0].length;
      if (after < window.length && after > window.length / 2) end = after;
    }
    if (end !== undefined) return end;
  }
  return undefined;
}

/** A hard cut that does not split a surrogate pair. */
function safeHardCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Quote attribution's document-level token indexes (not in the contract's type, but kept right). */
const QUOTE_TOKEN_FIELDS = [
  'mentionBegin',
  'mentionEnd',
  'canonicalMentionBegin',
  'canonicalMentionEnd',
] as const;

function shiftTokenFields(quote: CoreNlpQuote, tokenBase: number): Record<string, number> {
  const shifted: Record<string, number> = {};
  for (const field of QUOTE_TOKEN_FIELDS) {
    const value = (quote as unknown as Record<string, unknown>)[field];
    if (typeof value === 'number') shifted[field] = value + tokenBase;
  }
  return shifted;
}

/** Joins the annotations of consecutive pieces of one text into one document's annotation. */
export function mergeAnnotations(parts: { document: CoreNlpDocument; offset: number }[]): CoreNlpDocument {
  if (parts.length === 1 && parts[0]!.offset === 0) return parts[0]!.document;
  const sentences: CoreNlpSentence[] = [];
  const quotes: CoreNlpQuote[] = [];
  const corefs: Record<string, CoreNlpCorefMention[]> = {};
  let hasQuotes = false;
  let hasCorefs = false;
  let tokenBase = 0;
  let mentionIdBase = 0;
  let quoteIdBase = 0;
  let paragraphBase = 0;
  for (const { document, offset } of parts) {
    const sentenceBase = sentences.length;
    let lastParagraph = paragraphBase;
    for (const sentence of document.sentences) {
      const paragraph = (sentence as { paragraph?: number }).paragraph;
      if (paragraph !== undefined) lastParagraph = Math.max(lastParagraph, paragraph + paragraphBase);
      sentences.push({
        ...sentence,
        ...(paragraph !== undefined && { paragraph: paragraph + paragraphBase }),
        index: sentence.index + sentenceBase,
        tokens: sentence.tokens.map((token) => ({
          ...token,
          characterOffsetBegin: token.characterOffsetBegin + offset,
          characterOffsetEnd: token.characterOffsetEnd + offset,
        })),
        ...(sentence.entitymentions && {
          entitymentions: sentence.entitymentions.map((mention) => ({
            ...mention,
            docTokenBegin: mention.docTokenBegin + tokenBase,
            docTokenEnd: mention.docTokenEnd + tokenBase,
            characterOffsetBegin: mention.characterOffsetBegin + offset,
            characterOffsetEnd: mention.characterOffsetEnd + offset,
          })),
        }),
      });
    }
    let maxMentionId = mentionIdBase;
    if (document.corefs) {
      hasCorefs = true;
      for (const [chainId, mentions] of Object.entries(document.corefs)) {
        corefs[String(Number(chainId) + mentionIdBase)] = mentions.map((mention) => {
          maxMentionId = Math.max(maxMentionId, mention.id + mentionIdBase);
          return { ...mention, id: mention.id + mentionIdBase, sentNum: mention.sentNum + sentenceBase };
        });
        maxMentionId = Math.max(maxMentionId, Number(chainId) + mentionIdBase);
      }
    }
    let maxQuoteId = quoteIdBase;
    if (document.quotes) {
      hasQuotes = true;
      for (const quote of document.quotes) {
        maxQuoteId = Math.max(maxQuoteId, quote.id + quoteIdBase + 1);
        quotes.push({
          ...quote,
          ...shiftTokenFields(quote, tokenBase),
          id: quote.id + quoteIdBase,
          beginIndex: quote.beginIndex + offset,
          endIndex: quote.endIndex + offset,
          beginToken: quote.beginToken + tokenBase,
          endToken: quote.endToken + tokenBase,
          beginSentence: quote.beginSentence + sentenceBase,
          endSentence: quote.endSentence + sentenceBase,
        });
      }
    }
    paragraphBase = lastParagraph + 1;
    mentionIdBase = maxMentionId + 1;
    quoteIdBase = maxQuoteId;
    tokenBase += document.sentences.reduce((sum, sentence) => sum + sentence.tokens.length, 0);
  }
  return {
    ...parts[0]!.document,
    sentences,
    ...(hasCorefs && { corefs }),
    ...(hasQuotes && { quotes }),
  };
}
