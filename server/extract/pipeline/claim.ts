// Claim stage: the clause a stance is about, as a neutral claim text (the complement's words, the
// negation that carried a refusal and the leading "that" removed), matched to a known claim when
// their content words overlap enough, else a new claim with an id derived from its words.

import type { KnownClaim, NewClaim } from '../types.ts';
import { slug } from './actors.ts';

/**
 * Two claims are the same when the Dice coefficient of their content-word stems is at least this.
 * 0.5 means at least half the content words agree; measured on the founding dataset's claims and
 * their aliases, lower values joined claims that differ in their action (withdraw vs strengthen).
 */
export const CLAIM_SIMILARITY_THRESHOLD = 0.5;

const STOPWORDS = new Set(
  'a an the of to in on for from with by at and or but that this these those it its is are be been was were will would should must can could may might not no nor as than then there their they them he she his her we our us i you your which who whom what when where while into about over under after before between up down out off also any all some such only own same so too very just do does did has have had being'.split(
    ' ',
  ),
);

/** Lower-case content-word stems ("guarantees" → "guarante", "expanding" → "expand"). */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOPWORDS.has(raw)) continue;
    out.add(raw.replace(/(?:ies|es|s|ed|ing|ly)$/, '').slice(0, 8));
  }
  return out;
}

export function similarity(a: string, b: string): number {
  const x = stems(a);
  const y = stems(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Neutral claim text from the words of a complement: no leading "that", quotes or final stop. */
export function claimText(words: string): string {
  const text = words
    .replace(/^[\s“”"‘’'«»(–—-]+/, '')
    .replace(/^(?:that|to|of|on|for|about)\s+/i, '')
    .replace(/[\s“”"‘’'«».,;:–—-]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class ClaimRegistry {
  readonly created = new Map<string, NewClaim>();

  constructor(private readonly known: KnownClaim[]) {}

  /** The id of the known claim this text matches best (at or above the threshold), else a new claim's. */
  claimFor(text: string): string {
    let best: { id: string; score: number } | undefined;
    for (const claim of this.known) {
      for (const candidate of [claim.text, ...claim.aliases]) {
        const score = similarity(text, candidate);
        if (score >= CLAIM_SIMILARITY_THRESHOLD && (!best || score > best.score))
          best = { id: claim.id, score };
      }
    }
    if (best) return best.id;
    for (const claim of this.created.values()) {
      if (similarity(text, claim.text) >= CLAIM_SIMILARITY_THRESHOLD) return claim.id;
    }
    const base = slug(text.split(/\s+/).slice(0, 10).join(' ')) || 'claim';
    let id = `claim:${base}`;
    for (let n = 2; this.created.has(id); n++) id = `claim:${base}-${n}`;
    this.created.set(id, { id, text });
    return id;
  }
}
