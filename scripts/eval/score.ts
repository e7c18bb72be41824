// Scoring for `npm run eval`: matches suggestions to gold relationships and counts precision,
// recall and F1 per type and pooled. The matching rules are written out in EVALUATION.md from
// the constants and comments here, so the report and the code say the same thing.

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scored {
  precision: number;
  recall: number;
  f1: number;
}

export function scoreOf(c: Counts): Scored {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export interface ActorNames {
  id: string;
  names: string[];
}

export interface GoldRelationship {
  type: string;
  from: ActorNames;
  start: number;
  end: number;
}

export interface Predicted {
  type: string;
  from: ActorNames;
  start: number;
  end: number;
  cue: string;
}

const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

/** Founding rule: same id, or one of the predicted actor's names equals one of the gold actor's (case-insensitive). */
export function sameActor(a: ActorNames, b: ActorNames): boolean {
  if (a.id === b.id) return true;
  const names = new Set(b.names.map(norm));
  return a.names.some((n) => names.has(norm(n)));
}

/** PLOVER rule: a name of the speaker contains a source actorText, or the other way round (case-insensitive). */
export function containsActor(speaker: ActorNames, actorText: string): boolean {
  const t = norm(actorText);
  if (t === '') return false;
  return speaker.names.some((n) => {
    const m = norm(n);
    return m !== '' && (m.includes(t) || t.includes(m));
  });
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

export interface DocumentScore {
  perType: Map<string, Counts>;
  /** For each prediction, whether it matched a gold relationship. */
  verdicts: boolean[];
  /** Indexes of the gold relationships some prediction took. */
  taken: Set<number>;
}

/**
 * One-to-one matching, predictions in text order: a prediction takes the first unmatched gold
 * relationship of the same type whose speaker is the same actor and whose quote overlaps its own.
 */
export function scoreDocument(gold: GoldRelationship[], predicted: Predicted[]): DocumentScore {
  const perType = new Map<string, Counts>();
  const counts = (type: string) => {
    let c = perType.get(type);
    if (!c) perType.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const taken = new Set<number>();
  const verdicts = predicted.map((p) => {
    const g = gold.findIndex(
      (r, i) => !taken.has(i) && r.type === p.type && sameActor(p.from, r.from) && overlaps(p, r),
    );
    if (g >= 0) {
      taken.add(g);
      counts(p.type).tp++;
      return true;
    }
    counts(p.type).fp++;
    return false;
  });
  gold.forEach((r, i) => {
    if (!taken.has(i)) counts(r.type).fn++;
  });
  return { perType, verdicts, taken };
}

export function pooled(perType: Map<string, Counts>): Counts {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const c of perType.values()) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  return total;
}
