// Type stage: what relationship a clause or a cue word expresses. Reads the cue lexicon (cues.ts)
// and the parse: verb, noun and adjective cues, deontic modals, negation scope ("will not",
// "refused to"), future and intention, modality (conditional / future / hypothetical) and a
// factuality filter that leaves background events (subordinate "when/after" clauses) alone.

import type { MODALITIES, RelationshipTypeName } from '../../../model/vocabulary.ts';
import {
  ACCEPTANCE_VERBS,
  ADJECTIVE_CUES,
  CONSEQUENCE_NOUNS,
  DEONTIC_MODALS,
  HOSTILE_VERBS,
  INTENTION_VERBS,
  NOUN_CUES,
  PHRASE_CUES,
  VERB_CUES,
  type Cue,
} from './cues.ts';
import { children, headOf, lemma, pos, relOf, token, word, type Sentence } from './sentence.ts';

export type Modality = (typeof MODALITIES)[number];

export interface Typed {
  type: RelationshipTypeName;
  /** The rule or cue that decided (`verb:demand`, `modal:must`, `negated-future`). */
  cue: string;
  /** The token that carries the cue. */
  at: number;
  modality: Modality;
  /** Whether the type came from the clause's own lexical verb (its subject then acts itself). */
  lexical: boolean;
}

/** The preposition or marker attached to a token ("for" in "call for", "if" in an if-clause). */
export function caseOf(s: Sentence, i: number): string | undefined {
  const c = children(s, i, 'case', 'mark', 'compound:prt')[0];
  return c === undefined ? undefined : word(s, c);
}

export function particles(s: Sentence, i: number): string[] {
  const out: string[] = [];
  for (const c of children(s, i, 'compound:prt', 'obl', 'nmod', 'advmod', 'ccomp', 'xcomp')) {
    if (relOf(s, c) === 'compound:prt' || relOf(s, c) === 'advmod') out.push(word(s, c));
    else for (const k of children(s, c, 'case', 'mark')) out.push(word(s, k));
  }
  return out;
}

/** "not", "n't", "never", "no" attached to the verb or to its auxiliaries. */
export function isNegated(s: Sentence, i: number): boolean {
  const neg = (k: number) =>
    ['not', "n't", 'never', 'no'].includes(word(s, k)) || token(s, k).lemma === 'not';
  if (children(s, i, 'advmod', 'neg', 'det').some(neg)) return true;
  // "is not going to rewind": the negation sits on the governing "going"
  const up = headOf(s, i);
  if (up && relOf(s, i) === 'xcomp' && lemma(s, up) === 'go' && children(s, up, 'advmod', 'neg').some(neg))
    return true;
  return false;
}

function auxLemmas(s: Sentence, i: number): string[] {
  const out = children(s, i, 'aux', 'aux:pass').map((a) => lemma(s, a));
  const up = headOf(s, i);
  // "is going to", "plans to", "has to", "need to": the governing verb acts as the auxiliary.
  if (up && relOf(s, i) === 'xcomp') {
    const l = lemma(s, up);
    if (l === 'go' && pos(s, up) === 'VBG') out.push('will');
    if (l === 'have' || l === 'need') out.push('must');
  }
  return out;
}

/** Modality from the parse: an "if/unless" clause or "in the event of" → conditional, will → future. */
export function modalityOf(s: Sentence, i: number, extra: number[] = []): Modality {
  for (const at of [i, ...extra]) {
    for (const c of children(s, at, 'advcl', 'obl', 'nmod')) {
      const mark = children(s, c, 'mark', 'case').map((k) => word(s, k));
      if (mark.some((m) => ['if', 'unless', 'provided', 'once'].includes(m))) return 'conditional';
      if (lemma(s, c) === 'event' && mark.includes('in')) return 'conditional';
    }
  }
  const aux = auxLemmas(s, i);
  if (aux.some((a) => a === 'would' || a === 'could' || a === 'might')) return 'hypothetical';
  if (aux.some((a) => a === 'will' || a === 'shall')) return 'future';
  return 'asserted';
}

/** Clauses that report background, not a position: "when/after/before/since/as" subordinates. */
export function isBackground(s: Sentence, i: number): boolean {
  for (let at = i, guard = 0; at !== 0 && guard < 50; at = headOf(s, at), guard++) {
    const rel = relOf(s, at);
    if (rel === 'advcl') {
      const mark = children(s, at, 'mark').map((k) => word(s, k));
      // Also a condition's own verb ("… unless the president agrees to step down"): not a position.
      const subordinators = ['when', 'after', 'before', 'since', 'as', 'while', 'until', 'if', 'unless'];
      if (mark.some((m) => subordinators.includes(m))) return true;
    }
    if (rel === 'ccomp' || rel === 'root' || rel === 'parataxis') return false;
  }
  return false;
}

/** A verb, or a word the tagger got wrong that the parse gives an auxiliary ("would blockade"/NN). */
export function isPredicate(s: Sentence, i: number): boolean {
  return pos(s, i).startsWith('VB') || (!pos(s, i).startsWith('JJ') && children(s, i, 'aux').length > 0);
}

function withNegation(cue: Cue, negated: boolean): RelationshipTypeName | null {
  if (!negated) return cue.type;
  return cue.negated ?? null;
}

/** A verb cue at `i`, if its lemma (and particle, where the lexicon asks for one) is a cue. */
export function verbCue(s: Sentence, i: number): Typed | undefined {
  if (!isPredicate(s, i)) return undefined;
  const l = lemma(s, i);
  const cue = VERB_CUES[l];
  if (!cue) return undefined;
  if (cue.particle && !particles(s, i).some((p) => cue.particle!.includes(p))) return undefined;
  const type = withNegation(cue, isNegated(s, i));
  if (!type) return undefined;
  return { type, cue: `verb:${l}`, at: i, modality: modalityOf(s, i), lexical: true };
}

export function nounCue(s: Sentence, i: number): Typed | undefined {
  if (!pos(s, i).startsWith('NN') || pos(s, i).startsWith('NNP')) return undefined;
  const l = lemma(s, i);
  const cue = NOUN_CUES[l];
  if (!cue) return undefined;
  return { type: cue.type, cue: `noun:${l}`, at: i, modality: modalityOf(s, i), lexical: true };
}

export function adjectiveCue(s: Sentence, i: number): Typed | undefined {
  const l = lemma(s, i);
  const cue = ADJECTIVE_CUES[l];
  if (!cue) return undefined;
  if (!(pos(s, i).startsWith('JJ') || pos(s, i) === 'VBN' || (l === 'time' && pos(s, i) === 'NN')))
    return undefined;
  // Must be predicative: a copula, or the complement of "consider … (to be) key".
  const hasCop =
    children(s, i, 'cop').length > 0 || (pos(s, i) === 'VBN' && children(s, i, 'aux:pass').length > 0);
  const up = headOf(s, i);
  const considered =
    up !== 0 && relOf(s, i) === 'xcomp' && ['consider', 'deem', 'find', 'see'].includes(lemma(s, up));
  if (!hasCop && !considered) return undefined;
  const type = withNegation(cue, isNegated(s, i));
  if (!type) return undefined;
  return { type, cue: `adj:${l}`, at: i, modality: modalityOf(s, i), lexical: false };
}

/** The type a complement clause (headed by `c`) expresses by its grammar, when it has no lexical cue. */
export function clauseType(s: Sentence, c: number): Typed | undefined {
  // "is (not) going to X": X's clause, with "going to" as its future and "not" as its negation.
  const goingTo = lemma(s, c) === 'go' && pos(s, c) === 'VBG' ? children(s, c, 'xcomp')[0] : undefined;
  if (goingTo !== undefined) return clauseType(s, goingTo);
  const negated = isNegated(s, c);
  const aux = auxLemmas(s, c);
  const l = lemma(s, c);
  const modality = modalityOf(s, c);

  // "We need …" (said by someone): a demand of the speaker's side.
  if (l === 'need' && isPredicate(s, c) && !negated) {
    const subject = children(s, c, 'nsubj')[0];
    if (subject !== undefined && ['we', 'i'].includes(word(s, subject)))
      return { type: 'DEMANDS', cue: 'verb:need', at: c, modality, lexical: false };
  }

  // "X must / should / has to …": a demand.
  const deontic = aux.find((a) => DEONTIC_MODALS.has(a));
  if (deontic) return { type: 'DEMANDS', cue: `modal:${deontic}`, at: c, modality, lexical: false };

  // "is possible (only) if Y": Y is demanded, conditionally.
  if (l === 'possible' && modality === 'conditional')
    return { type: 'DEMANDS', cue: 'possible-if', at: c, modality: 'conditional', lexical: false };

  // "does not plan to / has no intention to": a commitment not to act.
  if (INTENTION_VERBS.has(l) && isPredicate(s, c) && children(s, c, 'xcomp').length > 0) {
    const act = children(s, c, 'xcomp')[0]!;
    if (negated)
      return {
        type: 'COMMITS_TO',
        cue: `negated-intention:${l}`,
        at: c,
        modality: 'asserted',
        lexical: false,
      };
    if (HOSTILE_VERBS.has(lemma(s, act)))
      return { type: 'WARNS', cue: `intention-hostile:${l}`, at: c, modality: 'future', lexical: false };
    return {
      type: 'COMMITS_TO',
      cue: `intention:${l}`,
      at: c,
      modality: modalityOf(s, c, [act]) === 'conditional' ? 'conditional' : 'future',
      lexical: false,
    };
  }

  const future = aux.some((a) => a === 'will' || a === 'shall' || a === 'would');
  if (future && negated) {
    if (ACCEPTANCE_VERBS.has(l) || aux.includes('be'))
      return {
        type: 'REJECTS',
        cue: `negated-future:${ACCEPTANCE_VERBS.has(l) ? l : 'passive'}`,
        at: c,
        modality: 'asserted',
        lexical: false,
      };
    return { type: 'REJECTS', cue: 'negated-future', at: c, modality: 'asserted', lexical: false };
  }
  if (future && !negated && isPredicate(s, c)) {
    // "… it will have serious consequences": a threat, not a commitment.
    const consequences = children(s, c, 'obj').some((o) => CONSEQUENCE_NOUNS.has(lemma(s, o)));
    if (consequences)
      return {
        type: 'WARNS',
        cue: 'future-consequences',
        at: c,
        modality: modality === 'conditional' ? 'conditional' : 'future',
        lexical: false,
      };
    if (
      HOSTILE_VERBS.has(l) ||
      (modality === 'conditional' &&
        children(s, c, 'advcl').some((a) => children(s, a, 'mark').some((m) => word(s, m) === 'unless')))
    )
      return {
        type: 'WARNS',
        cue: `future-hostile:${l}`,
        at: c,
        modality: modality === 'conditional' ? 'conditional' : 'future',
        lexical: false,
      };
    if (aux.includes('would') && modality !== 'conditional') return undefined;
    return {
      type: 'COMMITS_TO',
      cue: 'future',
      at: c,
      modality: modality === 'asserted' || modality === 'hypothetical' ? 'future' : modality,
      lexical: false,
    };
  }
  return undefined;
}

/** An idiom of the lexicon in the words of the clause ("out of the question", "serious consequences"). */
export function phraseCue(s: Sentence, tokens: number[]): Typed | undefined {
  const words = tokens.map((i) => word(s, i));
  const joined = ` ${words.join(' ')} `;
  for (const { phrase, cue } of PHRASE_CUES) {
    const at = joined.indexOf(` ${phrase} `);
    if (at < 0) continue;
    const index = joined.slice(0, at).trim().split(' ').filter(Boolean).length;
    const tok = tokens[index] ?? tokens[0]!;
    return {
      type: cue.type,
      cue: `phrase:${phrase.replace(/ /g, '-')}`,
      at: tok,
      modality: 'asserted',
      lexical: false,
    };
  }
  return undefined;
}
