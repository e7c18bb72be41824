// The stages put together for one sentence: find the cues (type stage), who holds each position
// (speakers and actors stages), what it is about (claim stage) or whom it targets, and the quote
// (provenance stage). Returns candidates; index.ts orders and de-duplicates them per document.

import { relationshipType } from '../../../model/vocabulary.ts';
import type { Suggestion, Unresolved } from '../types.ts';
import type { ActorRef, ActorRegistry } from './actors.ts';
import { claimText, type ClaimRegistry } from './claim.ts';
import type { Context } from './context.ts';
import { LIGHT_VERBS } from './cues.ts';
import { confidenceOf, quoteSpan } from './provenance.ts';
import {
  children,
  headOf,
  lemma,
  pos,
  relOf,
  subtree,
  textOf,
  token,
  word,
  type Edge,
  type Sentence,
} from './sentence.ts';
import { according, frameAbove, isReportingVerb, speakerToken } from './speakers.ts';
import {
  adjectiveCue,
  caseOf,
  clauseType,
  isBackground,
  nounCue,
  phraseCue,
  verbCue,
  type Typed,
} from './type.ts';

export interface SentenceInput {
  ctx: Context;
  s: Sentence;
  actors: ActorRegistry;
  claims: ClaimRegistry;
  /** Who "I"/"we" are and who holds an unattributed position here (a quote's or turn's speaker). */
  voice: ActorRef | undefined;
  /** Where the sentence's own words start when it opens with a briefing turn's label. */
  bodyStart?: number;
}

export interface SentenceOutput {
  suggestions: Suggestion[];
  unresolved: Unresolved[];
}

/** Sources that report rather than hold a position: their sentence's own subject acts. */
const SOURCE_HEADS = new Set([
  'official',
  'source',
  'newspaper',
  'agency',
  'report',
  'statement',
  'media',
  'radio',
  'television',
  'daily',
  'weekly',
  'paper',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'diplomat',
  'observer',
  'analyst',
  'witness',
  'resident',
  'post',
  'times',
  'ministry',
]);

interface Candidate {
  typed: Typed;
  /** Token naming the holder, or an actor already known (voice). */
  holder: number | ActorRef | undefined;
  /** Heads of the clauses the stance is about (claims), or tokens to search for a target actor. */
  about: number[];
  /** Explicit target token for interactions. */
  target?: number;
  /** Who holds it if `holder` names no actor ("…, the group said": the clause's own subject). */
  fallback?: number;
  /** The reported clause's subject: the body the speaker speaks for, when it is a country or institution. */
  behalf?: number;
}

const CLAUSE_RELS = ['ccomp', 'xcomp', 'parataxis', 'csubj', 'advcl'];

function subjectOf(s: Sentence, v: number): number | undefined {
  const direct = children(s, v, 'nsubj', 'nsubj:pass').find((n) => !relOf(s, n).includes('pass'));
  if (direct !== undefined) return direct;
  // A controlled or coordinated verb takes its governor's subject ("agreed to share", "and urged").
  const rel = relOf(s, v);
  const up = headOf(s, v);
  if (up !== 0 && (rel === 'xcomp' || rel === 'conj')) return subjectOf(s, up);
  // "issued a declaration demanding that …": the subject of the verb whose object the clause qualifies.
  if (up !== 0 && rel === 'acl' && relOf(s, up) === 'obj' && LIGHT_VERBS.has(lemma(s, headOf(s, up))))
    return subjectOf(s, headOf(s, up));
  return undefined;
}

function ownSubject(s: Sentence, i: number): boolean {
  return children(s, i, 'nsubj', 'nsubj:pass').length > 0;
}

function isPronoun(s: Sentence, i: number): boolean {
  return pos(s, i) === 'PRP' || pos(s, i) === 'WP' || pos(s, i) === 'EX';
}

/** Whether the reporting verb's speaker is a source that relays others' positions ("a UN official said"). */
function isRelaySource(s: Sentence, speaker: number): boolean {
  return SOURCE_HEADS.has(lemma(s, speaker)) && token(s, speaker).ner !== 'PERSON';
}

/** The clauses a cue is about: its complement, object or prepositional object, split at "and". */
function aboutOf(s: Sentence, at: number): number[] {
  // "urged X to Y": the claim is Y (X is whom the demand addresses), one claim, not two.
  const clauses = children(s, at, 'ccomp', 'xcomp', 'csubj');
  const heads = clauses.length > 0 ? clauses : children(s, at, 'obj');
  for (const o of children(s, at, 'obl', 'nmod', 'acl', 'advcl')) {
    const mark = caseOf(s, o);
    if (
      ['for', 'on', 'to', 'of', 'that', 'upon', 'about', 'against', 'if'].includes(mark ?? '') ||
      relOf(s, o) === 'acl'
    )
      heads.push(o);
  }
  return heads;
}

export function findCandidates(input: SentenceInput): Candidate[] {
  const { s, voice } = input;
  const out: Candidate[] = [];
  const used = new Set<number>();
  const refused = new Set<number>();

  // 1. Reporting verbs with a typed complement: "X said (that) Y must …", "according to X, …".
  for (let v = 1; v <= s.tokens.length; v++) {
    const frameComplements = isReportingVerb(s, v) ? reportedClauses(s, v) : [];
    for (const c of frameComplements) {
      // A modal decides over the complement's verb: "announced that X must agree to …" is a demand.
      const grammar = clauseType(s, c);
      const typed =
        (grammar?.cue.startsWith('modal:') ? grammar : undefined) ??
        verbCue(s, c) ??
        adjectiveCue(s, c) ??
        grammar ??
        lightNounCue(s, c) ??
        phraseCue(
          s,
          subtree(s, c, (e) => CLAUSE_RELS.includes(e.rel)),
        );
      if (!typed) continue;
      used.add(typed.at);
      const speaker = speakerToken(s, v);
      const own = subjectOf(s, c);
      const holder =
        own !== undefined && !isPronoun(s, own) && speaker !== undefined && isRelaySource(s, speaker)
          ? own
          : speaker;
      // "removing the sanctions is out of the question": the idiom's subject is the claim.
      const idiomSubject = typed.cue.startsWith('phrase:') ? children(s, c, 'csubj', 'nsubj')[0] : undefined;
      const about =
        idiomSubject !== undefined
          ? [idiomSubject]
          : typed.lexical || typed.cue.startsWith('adj:')
            ? aboutOf(s, typed.at)
            : [c];
      const fallback = own !== undefined && !isPronoun(s, own) ? own : undefined;
      // "Smith said the United States does not plan to …": Smith speaks for the clause's subject.
      const behalf = holder === speaker ? own : undefined;
      out.push({ typed, holder, about: about.length > 0 ? about : [c], fallback, behalf });
    }
  }

  for (let i = 1; i <= s.tokens.length; i++) {
    if (used.has(i)) continue;
    const typed = verbCue(s, i);
    if (typed) {
      // What a rejection rejects is not done: "rejected an offer to host a summit" hosts nothing.
      if (refused.has(i)) continue;
      if (
        isReportingVerb(s, i) &&
        children(s, i, 'ccomp').length > 0 &&
        typed.type !== 'WARNS' &&
        typed.type !== 'DEMANDS'
      )
        continue;
      used.add(i);
      const own = subjectOf(s, i);
      const frame = frameAbove(s, i);
      let holder: number | ActorRef | undefined = own;
      if (frame && !(own !== undefined && !isPronoun(s, own) && isRelaySource(s, frame.speaker)))
        holder = frame.speaker;
      if (
        holder !== undefined &&
        typeof holder === 'number' &&
        isPronoun(s, holder) &&
        voice &&
        ['i', 'we'].includes(word(s, holder))
      )
        holder = voice;
      const about = aboutOf(s, i);
      if (typed.type === 'REJECTS' || typed.type === 'OPPOSES')
        for (const a of about) for (const t of subtree(s, a)) refused.add(t);
      out.push({ typed, holder, about });
      continue;
    }
    const adj = adjectiveCue(s, i);
    if (adj) {
      used.add(i);
      const own = children(s, i, 'nsubj', 'nsubj:pass')[0];
      const frame = frameAbove(s, i);
      const up = headOf(s, i);
      const considerer = relOf(s, i) === 'xcomp' && up ? subjectOf(s, up) : undefined;
      const deontic = adj.type === 'DEMANDS';
      // The speaker holds the position, not the subject of the reported clause ("X said the
      // alliance is ready to …" is X's commitment).
      const holder: number | ActorRef | undefined = deontic
        ? (frame?.speaker ?? considerer ?? voice)
        : (frame?.speaker ?? (own !== undefined && word(s, own) !== 'it' ? own : voice));
      const clauses = [
        ...children(s, i, 'ccomp', 'xcomp', 'csubj', ...(deontic ? [] : ['obl'])),
        ...children(s, i, 'advcl').filter((a) => ['if', 'unless'].includes(caseOf(s, a) ?? '')),
      ];
      out.push({ typed: adj, holder, about: clauses.length > 0 ? clauses : [up || i] });
      continue;
    }
    const noun = nounCue(s, i);
    if (noun) {
      const holderToken = nominalHolder(s, i);
      if (noun.type === 'MEETS') {
        const light = headOf(s, i);
        if (!(relOf(s, i) === 'obj' && ['hold', 'have'].includes(lemma(s, light)))) continue;
        const target =
          children(s, i, 'nmod').find((m) => caseOf(s, m) === 'with') ??
          children(s, light, 'obl').find((m) => caseOf(s, m) === 'with');
        used.add(i);
        out.push({ typed: noun, holder: subjectOf(s, light), about: [], target });
        continue;
      }
      if (holderToken === undefined) continue;
      used.add(i);
      const about = children(s, i, 'nmod', 'acl', 'ccomp').filter(
        (m) =>
          relOf(s, m) === 'acl' ||
          ['for', 'on', 'of', 'to', 'that', 'about'].includes(caseOf(s, m) ?? '') ||
          relOf(s, m) === 'ccomp',
      );
      out.push({ typed: noun, holder: holderToken, about: about.length > 0 ? about : [i] });
      continue;
    }
  }

  // 3. A root clause said "according to X", or in someone's voice (a quote, a briefing turn),
  //    typed by its grammar ("the alliance will …", "it should be announced …").
  for (let i = 1; i <= s.tokens.length; i++) {
    if (used.has(i)) continue;
    const rel = relOf(s, i);
    if (!(rel === 'root' || (rel === 'conj' && relOf(s, headOf(s, i)) === 'root') || rel === 'parataxis'))
      continue;
    const frame = frameAbove(s, i);
    const holder = frame && frame.verb === frame.complement ? frame.speaker : frame ? undefined : voice;
    if (holder === undefined) continue;
    const typed =
      clauseType(s, i) ??
      phraseCue(
        s,
        subtree(s, i, (e) => CLAUSE_RELS.includes(e.rel)),
      );
    if (!typed) continue;
    used.add(i);
    out.push({ typed, holder, about: [i] });
  }
  return out;
}

/**
 * The clauses a reporting verb reports: its clausal complements ("said (that) …", "said: …"), a
 * controlled clause the parser hung on it ("said Russia is preparing to …" parsed as said → xcomp),
 * and a clause under a complementizer it took for an object ("said that" → obj "that" → dep).
 */
function reportedClauses(s: Sentence, v: number): number[] {
  const out = children(s, v, 'ccomp', 'parataxis');
  for (const x of children(s, v, 'xcomp'))
    if (pos(s, x).startsWith('VB') || pos(s, x).startsWith('JJ')) out.push(x);
  for (const o of children(s, v, 'obj')) {
    if (word(s, o) === 'that') out.push(...children(s, o, 'dep').filter((d) => pos(s, d).startsWith('VB')));
  }
  return out;
}

/** "expressed hope that …", "reaffirmed their commitment to …": a cue noun as a light verb's object. */
function lightNounCue(s: Sentence, v: number): Typed | undefined {
  if (!LIGHT_VERBS.has(lemma(s, v))) return undefined;
  for (const o of children(s, v, 'obj')) {
    const typed = nounCue(s, o);
    if (typed && typed.type !== 'MEETS') return typed;
  }
  return undefined;
}

/** Who holds a nominal position: "Moscow's demands", "proposals from Russia", "the idea … expressed by X". */
function nominalHolder(s: Sentence, n: number): number | ActorRef | undefined {
  const poss = children(s, n, 'nmod:poss')[0];
  const up0 = headOf(s, n);
  // "reiterated its demand", "they reaffirmed [the U.S. and NATO's] commitment": the subject of
  // the light verb holds the position; the possessor may be whom it concerns.
  if (
    poss !== undefined &&
    up0 !== 0 &&
    ['obj', 'dep'].includes(relOf(s, n)) &&
    LIGHT_VERBS.has(lemma(s, up0))
  )
    return subjectOf(s, up0) ?? poss;
  if (poss !== undefined) return poss;
  for (const m of children(s, n, 'nmod', 'amod')) {
    if (['by', 'from'].includes(caseOf(s, m) ?? '')) return m;
  }
  const up = headOf(s, n);
  if (up !== 0 && ['obj', 'dep'].includes(relOf(s, n)) && LIGHT_VERBS.has(lemma(s, up)))
    return subjectOf(s, up);
  return undefined;
}

function targetActor(input: SentenceInput, c: Candidate, holder: ActorRef): ActorRef | undefined {
  const { s, actors, voice } = input;
  const tryToken = (t: number | undefined) => {
    const ref = t === undefined ? undefined : actors.resolve(s, t, voice);
    return ref && ref.id !== holder.id ? ref : undefined;
  };
  if (c.target !== undefined) return tryToken(c.target);
  const at = c.typed.at;
  for (const o of children(s, at, 'obj', 'iobj')) {
    const ref = tryToken(o);
    if (ref) return ref;
  }
  for (const o of children(s, at, 'obl', 'nmod')) {
    if (['with', 'against', 'to', 'on'].includes(caseOf(s, o) ?? '')) {
      const ref = tryToken(o);
      if (ref) return ref;
    }
  }
  // "threatened to break relations with Russia", "further action against Russia", "if Russia
  // continues …, it will have consequences": the first named actor below the cue.
  for (const clause of [...children(s, at, 'xcomp', 'ccomp', 'advcl', 'obj', 'obl')]) {
    for (const t of subtree(s, clause)) {
      if (t === at) continue;
      const rel = relOf(s, t);
      if (!['obj', 'obl', 'nmod', 'nsubj', 'iobj'].some((r) => rel.startsWith(r))) continue;
      if (token(s, t).ner === 'O' && !pos(s, t).startsWith('NNP')) continue;
      const ref = tryToken(t);
      if (ref) return ref;
    }
  }
  return undefined;
}

export function extractSentence(input: SentenceInput): SentenceOutput {
  const { ctx, s, actors, claims, voice } = input;
  const suggestions: Suggestion[] = [];
  const unresolved: Unresolved[] = [];
  const candidates = findCandidates(input);
  const cueTokens = new Set(candidates.map((c) => c.typed.at));
  for (const c of candidates) {
    if (isBackground(s, c.typed.at)) continue;
    const resolved =
      (typeof c.holder === 'number' ? actors.resolve(s, c.holder, voice) : c.holder) ??
      (c.fallback !== undefined ? actors.resolve(s, c.fallback, voice) : undefined);
    // A pronoun coreference left unresolved: "she" is the person who last held a position, "they"
    // the two sides of the meeting reported just before.
    const holders: ActorRef[] = resolved
      ? [resolved]
      : typeof c.holder === 'number'
        ? actors.recentFor(word(s, c.holder), s.index)
        : [];
    if (holders.length === 0) {
      if (typeof c.holder === 'number') {
        const t = token(s, c.holder);
        unresolved.push({
          text: t.originalText,
          start: t.characterOffsetBegin,
          end: t.characterOffsetEnd,
          reason: `no actor for the holder of ${c.typed.cue}`,
        });
      }
      continue;
    }
    if (resolved && typeof c.holder === 'number' && c.typed.type === 'MEETS' && c.holder === c.target)
      continue;
    for (const holder of holders) {
      if (holder.kind === 'Person') actors.notePerson(holder);
      // A meeting announced, offered or conditional has not happened: it is a commitment to meet.
      if (c.typed.type === 'MEETS' && c.typed.modality !== 'asserted') {
        c.typed = { ...c.typed, type: 'COMMITS_TO', cue: `${c.typed.cue}:planned` };
        c.about = [c.typed.at];
      }
      const quote = quoteSpan(ctx, s, input.bodyStart);
      const base = {
        type: c.typed.type,
        from: holder.id,
        quote: ctx.text.slice(quote.start, quote.end),
        start: quote.start,
        end: quote.end,
        confidence: confidenceOf(c.typed.cue),
        modality: c.typed.modality,
        cue: c.typed.cue,
        ...onBehalfOf(input, c, holder),
      };
      const family = relationshipType(c.typed.type)?.family;
      if (family === 'interaction') {
        const target = targetActor(input, c, holder);
        if (!target) continue;
        suggestions.push({ ...base, to: target.id });
        if (c.typed.type === 'MEETS') actors.noteMeeting(s.index, [holder, target]);
        continue;
      }
      const holderToken = typeof c.holder === 'number' ? c.holder : -1;
      for (const head of claimHeads(s, c)) {
        // The claim's words: the clause without who says it ("according to X", the subject of a
        // cue with no complement) and, for a bare cue ("ruled out sending troops"), the cue itself.
        // Clauses joined by "and" with their own cue or subject are claims of their own.
        const skip = (e: Edge) =>
          e.token === holderToken ||
          according(s, head) === e.token ||
          (e.rel === 'conj' && (ownSubject(s, e.token) || cueTokens.has(e.token))) ||
          false;
        let tokens = subtree(s, head, skip);
        if (head === c.typed.at) {
          const after = tokens.filter((t) => t > c.typed.at && relOf(s, t) !== 'compound:prt');
          if (after.length > 0) tokens = after;
        }
        // "called on Russia to withdraw": the addressee is the subject of the demanded act.
        const addressee =
          c.typed.lexical && c.typed.type === 'DEMANDS' && relOf(s, head) === 'xcomp'
            ? children(s, c.typed.at, 'obj')[0]
            : undefined;
        if (addressee !== undefined)
          tokens = [
            ...subtree(s, addressee),
            ...tokens.filter((t) => !(relOf(s, t) === 'mark' && word(s, t) === 'to')),
          ];
        const words = textOf(ctx.text, s, tokens);
        // A commitment not to act is about not acting: "does not plan to deploy" → "Not deploy …".
        const stripped = claimText(stripNegation(words, c.typed.type));
        const text = c.typed.cue.startsWith('negated-intention')
          ? `Not ${stripped.charAt(0).toLowerCase()}${stripped.slice(1)}`
          : stripped;
        if (stemsTooFew(text)) continue;
        suggestions.push({ ...base, to: claims.claimFor(text) });
      }
    }
  }
  return { suggestions, unresolved };
}

/** `onBehalfOf` when the speaker (a person) reports the position of a country or institution. */
function onBehalfOf(input: SentenceInput, c: Candidate, holder: ActorRef): { onBehalfOf?: string } {
  if (c.behalf === undefined || holder.kind !== 'Person' || isPronoun(input.s, c.behalf)) return {};
  const body = input.actors.resolve(input.s, c.behalf, input.voice);
  return body && body.kind !== 'Person' && body.id !== holder.id ? { onBehalfOf: body.id } : {};
}

/** The clause heads a stance is about: each complement, and clauses joined to it by "and". */
function claimHeads(s: Sentence, c: Candidate): number[] {
  // "possible if A and B": each condition is its own claim.
  if (c.typed.cue === 'possible-if') {
    const conditions = children(s, c.typed.at, 'advcl').flatMap((a) => [
      a,
      ...children(s, a, 'conj').filter((k) => children(s, k, 'nsubj', 'nsubj:pass').length > 0),
    ]);
    if (conditions.length > 0) return conditions;
  }
  return c.about.length > 0 ? c.about : [c.typed.at];
}

function stripNegation(text: string, type: string): string {
  if (type !== 'REJECTS') return text;
  return text.replace(/\s+(?:not|n't|never)\b/gi, '').replace(/\bwon't\b/gi, 'will');
}

function stemsTooFew(text: string): boolean {
  return text.split(/\s+/).filter((w) => w.length > 2).length < 1;
}
