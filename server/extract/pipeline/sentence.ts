// A sentence of CoreNLP's answer as a dependency tree the stages can walk: children by relation,
// the head of each token, subtrees and their character spans. Token indexes are CoreNLP's
// (1-based within the sentence); 0 is the root.

import type { CoreNlpDependency, CoreNlpSentence, CoreNlpToken } from '../types.ts';

export interface Edge {
  rel: string;
  /** The token at the other end (the dependent for `children`, the governor for `head`). */
  token: number;
}

export interface Sentence {
  index: number;
  tokens: CoreNlpToken[];
  start: number;
  end: number;
  /** The governor of each token (index 0 unused). */
  heads: (Edge | undefined)[];
  kids: Edge[][];
}

export function sentenceOf(raw: CoreNlpSentence): Sentence {
  const n = raw.tokens.length;
  const heads: (Edge | undefined)[] = new Array<Edge | undefined>(n + 1).fill(undefined);
  const kids: Edge[][] = Array.from({ length: n + 1 }, () => []);
  const deps: CoreNlpDependency[] = raw.basicDependencies ?? [];
  for (const dep of deps) {
    if (dep.dependent < 1 || dep.dependent > n) continue;
    const rel = dep.dep === 'ROOT' ? 'root' : dep.dep;
    heads[dep.dependent] = { rel, token: dep.governor };
    kids[dep.governor]?.push({ rel, token: dep.dependent });
  }
  for (const list of kids) list.sort((a, b) => a.token - b.token);
  const first = raw.tokens[0];
  const last = raw.tokens[n - 1];
  return {
    index: raw.index,
    tokens: raw.tokens,
    start: first?.characterOffsetBegin ?? 0,
    end: last?.characterOffsetEnd ?? 0,
    heads,
    kids,
  };
}

export function token(s: Sentence, i: number): CoreNlpToken {
  const t = s.tokens[i - 1];
  if (!t) throw new RangeError(`sentence ${s.index}: no token ${i}`);
  return t;
}

export const lemma = (s: Sentence, i: number): string => token(s, i).lemma.toLowerCase();
export const word = (s: Sentence, i: number): string => token(s, i).word.toLowerCase();
export const pos = (s: Sentence, i: number): string => token(s, i).pos;

/** Children of `i` whose relation is one of `rels` (a relation matches its subtypes: `nmod` ⊇ `nmod:poss`). */
export function children(s: Sentence, i: number, ...rels: string[]): number[] {
  return (s.kids[i] ?? [])
    .filter((e) => rels.length === 0 || rels.some((r) => matches(e.rel, r)))
    .map((e) => e.token);
}

export function child(s: Sentence, i: number, ...rels: string[]): number | undefined {
  return children(s, i, ...rels)[0];
}

export function relOf(s: Sentence, i: number): string {
  return s.heads[i]?.rel ?? 'root';
}

export function headOf(s: Sentence, i: number): number {
  return s.heads[i]?.token ?? 0;
}

function matches(rel: string, wanted: string): boolean {
  return rel === wanted || rel.startsWith(`${wanted}:`);
}

export function hasRel(s: Sentence, i: number, wanted: string): boolean {
  return matches(relOf(s, i), wanted);
}

/** `i` and every token below it, in order; `skip` prunes the subtrees under those relations or tokens. */
export function subtree(s: Sentence, i: number, skip: (edge: Edge) => boolean = () => false): number[] {
  const out: number[] = [];
  const walk = (at: number) => {
    out.push(at);
    for (const e of s.kids[at] ?? []) if (!skip(e)) walk(e.token);
  };
  walk(i);
  return out.sort((a, b) => a - b);
}

/** Whether `i` lies in the subtree of `top`. */
export function dominates(s: Sentence, top: number, i: number): boolean {
  for (let at = i, guard = 0; at !== 0 && guard < 200; at = headOf(s, at), guard++)
    if (at === top) return true;
  return false;
}

/** The character span of a set of tokens, trimmed of leading and trailing punctuation. */
export function spanOf(s: Sentence, indexes: number[]): { start: number; end: number } {
  const sorted = [...indexes].sort((a, b) => a - b);
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi && isTrimmable(s, sorted[lo]!)) lo++;
  while (hi > lo && isTrimmable(s, sorted[hi]!)) hi--;
  return {
    start: token(s, sorted[lo]!).characterOffsetBegin,
    end: token(s, sorted[hi]!).characterOffsetEnd,
  };
}

function isTrimmable(s: Sentence, i: number): boolean {
  const t = token(s, i);
  return (
    /^(?:[,;:\-–—]|``|''|-LRB-|-RRB-|[“”"‘’'(])$/.test(t.word) || /^[,;:“”"‘’–—-]+$/.test(t.originalText)
  );
}

/** The text of tokens `indexes` as written: runs of adjacent tokens with their spacing, gaps as one space. */
export function textOf(text: string, s: Sentence, indexes: number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const i of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  }
  return runs
    .filter((run) => !run.every((i) => isTrimmable(s, i)))
    .map((run) => {
      const { start, end } = spanOf(s, run);
      return text.slice(start, end);
    })
    .join(' ');
}
