// The rule-based extraction pipeline: one CoreNLP-annotated document in, suggested stances and
// interactions out. Deterministic and pure: the same text, annotation and gazetteer give the same
// result. Stages: speakers.ts, type.ts (with cues.ts), claim.ts, actors.ts, provenance.ts.

import type {
  CoreNlpDocument,
  ExtractionResult,
  Gazetteer,
  SourceDocument,
  Suggestion,
  Unresolved,
} from '../types.ts';
import { ActorRegistry, type ActorRef } from './actors.ts';
import { ClaimRegistry } from './claim.ts';
import { contextOf, quoteAround } from './context.ts';
import { briefingTurns, continuesQuote, quoteSpeaker, turnAt } from './speakers.ts';
import { extractSentence } from './stances.ts';

/** The CoreNLP properties the pipeline needs (the annotators it reads and how sentences split). */
export const CORENLP_PROPERTIES: Record<string, string> = {
  annotators: 'tokenize,ssplit,pos,lemma,ner,depparse,coref,quote',
  outputFormat: 'json',
  // Blank-line breaks only: headlines and datelines stay out of the first sentence.
  'ssplit.newlineIsSentenceBreak': 'two',
};

export function extractDocument(
  doc: SourceDocument,
  annotation: CoreNlpDocument,
  known: Gazetteer,
): ExtractionResult {
  const ctx = contextOf(doc, annotation, known);
  const actors = new ActorRegistry(ctx);
  const claims = new ClaimRegistry(known.claims);
  const turns = briefingTurns(doc.text);
  const suggestions: Suggestion[] = [];
  const unresolved: Unresolved[] = [];
  let lastVoice: ActorRef | undefined;
  let inContinuedQuote = false;

  for (const s of ctx.sentences) {
    actors.learnTitles(s);
    // A sentence that opens with the turn's label ("MR PRICE: We …") belongs to that turn.
    const turn = turnAt(turns, Math.max(s.start, s.end - 1));
    if (turn?.housekeeping) continue;
    let voice: ActorRef | undefined;
    const quoted = quoteAround(ctx, s.start, s.end);
    const attributed = quoteSpeaker(ctx, s.start, s.end);
    if (attributed) voice = actors.resolve(attributed.sentence, attributed.head);
    if (!voice && quoted === undefined && continuesQuote(s) && lastVoice) {
      voice = lastVoice;
      inContinuedQuote = true;
    } else if (!voice && inContinuedQuote && lastVoice && !ctx.text.slice(s.start, s.end).includes('“')) {
      voice = lastVoice;
    }
    if (voice === undefined) inContinuedQuote = false;
    if (!voice && turn) voice = actors.turnSpeaker(turn.label);
    const out = extractSentence({ ctx, s, actors, claims, voice, bodyStart: turn?.start });
    suggestions.push(...out.suggestions);
    unresolved.push(...out.unresolved);
    if (voice) lastVoice = voice;
    else {
      // "…,” he said. – We …": the speaker of a quote in this sentence voices its continuation.
      const closing = ctx.quotes.find((q) => q.endSentence === s.index && q.mentionBegin !== undefined);
      const speaker = closing ? quoteSpeaker(ctx, closing.beginIndex, closing.endIndex) : undefined;
      lastVoice = speaker ? actors.resolve(speaker.sentence, speaker.head) : undefined;
      if (ctx.text.slice(s.end, s.end + 4).includes('–') || !closing) inContinuedQuote = false;
    }
  }

  // Only the actors and claims a suggestion refers to (mentions looked at and dropped leave none).
  const kept = dedupe(suggestions);
  const used = new Set(kept.flatMap((s) => [s.from, s.to, ...(s.onBehalfOf ? [s.onBehalfOf] : [])]));
  return {
    actors: [...actors.created.values()]
      .filter((a) => used.has(a.id))
      .sort((a, b) => a.id.localeCompare(b.id)),
    claims: [...claims.created.values()]
      .filter((c) => used.has(c.id))
      .sort((a, b) => a.id.localeCompare(b.id)),
    suggestions: kept,
    unresolved,
  };
}

/** One suggestion per type, holder, target and quote: two cues on the same words say it once. */
function dedupe(suggestions: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const s of suggestions) {
    const key = `${s.type}|${s.from}|${s.to}|${s.start}|${s.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out.sort(
    (a, b) => a.start - b.start || a.end - b.end || a.type.localeCompare(b.type) || a.to.localeCompare(b.to),
  );
}
