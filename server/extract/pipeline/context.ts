// The document as the stages see it: its text, its sentences as trees, CoreNLP's coreference
// chains and quotes indexed by position, and the gazetteer. Built once per document.

import type {
  CoreNlpCorefMention,
  CoreNlpDocument,
  CoreNlpQuote,
  Gazetteer,
  SourceDocument,
} from '../types.ts';
import { sentenceOf, type Sentence } from './sentence.ts';

export interface Context {
  doc: SourceDocument;
  text: string;
  sentences: Sentence[];
  known: Gazetteer;
  /** Coreference chain of a mention, keyed by `sentence:headToken` (0-based sentence). */
  chains: Map<string, CoreNlpCorefMention[]>;
  quotes: CoreNlpQuote[];
}

export function contextOf(doc: SourceDocument, annotation: CoreNlpDocument, known: Gazetteer): Context {
  const chains = new Map<string, CoreNlpCorefMention[]>();
  for (const chain of Object.values(annotation.corefs ?? {})) {
    for (const mention of chain) {
      for (let i = mention.startIndex; i < mention.endIndex; i++) {
        const key = `${mention.sentNum - 1}:${i}`;
        if (!chains.has(key) || i === mention.headIndex) chains.set(key, chain);
      }
    }
  }
  return {
    doc,
    text: doc.text,
    sentences: annotation.sentences.map(sentenceOf),
    known,
    chains,
    quotes: [...(annotation.quotes ?? [])].sort((a, b) => a.beginIndex - b.beginIndex),
  };
}

/** The innermost quote that contains the character range, if any. */
export function quoteAround(ctx: Context, start: number, end: number): CoreNlpQuote | undefined {
  let found: CoreNlpQuote | undefined;
  for (const quote of ctx.quotes) {
    if (quote.beginIndex <= start && end <= quote.endIndex) {
      if (!found || quote.endIndex - quote.beginIndex < found.endIndex - found.beginIndex) found = quote;
    }
  }
  return found;
}
