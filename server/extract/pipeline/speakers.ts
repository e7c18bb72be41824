// Speakers stage: who says a clause. The subject of a reporting verb whose complement holds the
// clause ("Ryabkov stressed that …"), "according to X", a passive's agent, the speaker CoreNLP
// attributes a quote to, a quote continued after a dash, and press-briefing turns ("MR PRICE:").

import { REPORTING_VERBS } from './cues.ts';
import type { Context } from './context.ts';
import { children, headOf, lemma, pos, relOf, word, type Sentence } from './sentence.ts';

/** A speaker turn of a briefing transcript: the label ("MR PRICE") and the text it covers. */
export interface Turn {
  label: string;
  /** Moderators' and questioners' turns hold no stances. */
  housekeeping: boolean;
  start: number;
  end: number;
}

const TURN =
  /^(?:(?:MR|MS|MRS|DR|AMBASSADOR|SECRETARY|GENERAL)\.?\s+)?([A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){0,3}):[ \t]/gmu;
const HOUSEKEEPING = new Set(['MODERATOR', 'QUESTION', 'OPERATOR', 'Q', 'REPORTER', 'PARTICIPANT']);

export function briefingTurns(text: string): Turn[] {
  const marks: { label: string; start: number; body: number }[] = [];
  for (const match of text.matchAll(TURN)) {
    const label = match[0].replace(/:[ \t]$/, '').trim();
    marks.push({ label, start: match.index, body: match.index + match[0].length });
  }
  // A transcript has several turns; one capitalised "NOTE:" is not a briefing.
  if (marks.length < 2) return [];
  return marks.map((mark, i) => ({
    label: mark.label,
    housekeeping: HOUSEKEEPING.has(mark.label.split(/\s+/).pop() ?? ''),
    start: mark.body,
    end: marks[i + 1]?.start ?? text.length,
  }));
}

export function turnAt(turns: Turn[], offset: number): Turn | undefined {
  return turns.find((turn) => turn.start <= offset && offset < turn.end);
}

export function isReportingVerb(s: Sentence, i: number): boolean {
  return pos(s, i).startsWith('VB') && REPORTING_VERBS.has(lemma(s, i));
}

/** The token that names who speaks with verb `v`: its subject, a passive's agent, "according to X". */
export function speakerToken(s: Sentence, v: number): number | undefined {
  const subjects = children(s, v, 'nsubj').filter((n) => !relOf(s, n).includes('pass'));
  if (subjects.length > 0) {
    // Two subjects happen in garbled parses; the one nearest before the verb is the speaker.
    const before = subjects.filter((n) => n < v);
    return (before.length > 0 ? before[before.length - 1] : subjects[0])!;
  }
  for (const o of children(s, v, 'obl', 'nmod')) {
    const marks = children(s, o, 'case').map((k) => word(s, k));
    if (relOf(s, o).endsWith(':agent') || marks.includes('by')) return o;
  }
  return according(s, v);
}

/** "According to X, …": X, attached to the clause at `v`. */
export function according(s: Sentence, v: number): number | undefined {
  for (const o of children(s, v, 'obl', 'nmod', 'advcl')) {
    const marks = children(s, o, 'case', 'mark').map((k) => lemma(s, k));
    if (marks.includes('accord') || marks.includes('according')) return o;
  }
  return undefined;
}

export interface Frame {
  /** The reporting verb (or the clause root for "according to"). */
  verb: number;
  speaker: number;
  /** The head of the reported clause. */
  complement: number;
}

/** The reporting frame above token `i`: walks up through clausal relations to a reporting verb. */
export function frameAbove(s: Sentence, i: number): Frame | undefined {
  let at = i;
  for (let guard = 0; guard < 30; guard++) {
    const acc = according(s, at);
    if (acc !== undefined) return { verb: at, speaker: acc, complement: at };
    const up = headOf(s, at);
    if (up === 0) return undefined;
    const rel = relOf(s, at);
    if (
      !['ccomp', 'parataxis', 'xcomp', 'conj', 'advcl', 'csubj', 'dep', 'obj'].some(
        (r) => rel === r || rel.startsWith(`${r}:`),
      )
    )
      return undefined;
    if (isReportingVerb(s, up) && rel !== 'conj' && rel !== 'advcl') {
      const speaker = speakerToken(s, up);
      if (speaker !== undefined) return { verb: up, speaker, complement: at };
    }
    at = up;
  }
  return undefined;
}

/** The reported clause of a reporting verb written after it ("…, Smith said": the verb's root complement). */
export function complementsOf(s: Sentence, v: number): number[] {
  return children(s, v, 'ccomp', 'parataxis').filter(
    (c) => pos(s, c).startsWith('VB') || pos(s, c).startsWith('JJ') || pos(s, c).startsWith('NN'),
  );
}

/** CoreNLP's speaker for the quote around a span, as the head token of the mention it names. */
export function quoteSpeaker(
  ctx: Context,
  start: number,
  end: number,
): { sentence: Sentence; head: number } | undefined {
  for (const quote of ctx.quotes) {
    if (!(quote.beginIndex <= start && end <= quote.endIndex)) continue;
    const q = quote;
    if (q.mentionBegin === undefined) continue;
    // mentionBegin/End are document token indexes; find the sentence that holds them.
    let offset = 0;
    for (const s of ctx.sentences) {
      if (q.mentionBegin < offset + s.tokens.length) {
        const last = (q.mentionEnd ?? q.mentionBegin) - offset + 1;
        return { sentence: s, head: Math.min(Math.max(1, last), s.tokens.length) };
      }
      offset += s.tokens.length;
    }
  }
  return undefined;
}

/** Whether the sentence opens with a dash: a quote continued after "…,” he said. – We …". */
export function continuesQuote(s: Sentence): boolean {
  const first = s.tokens[0];
  return first !== undefined && /^[–—-]$/.test(first.originalText);
}
