// The ties of the agreement network (DESIGN.md, discourse network analysis): two actors agree on a
// claim when they took the same polarity on it, conflict when they took opposite ones. Pure: the
// API reads each claim's positions (cypher/queries/agreement-network.cypher), this module pairs
// them. A year of a 100k-stance graph pairs its 16,000 stances (14,000 distinct positions) into
// 176,000 (pair, claim) ties, so the pairing works on interned integer ids and typed arrays: no
// string key, object or Set per pair.

/**
 * One claim's positions as the query returns them: [actor id, polarity (1 or -1)], one per stance
 * (an actor's repeated positions on a claim count once).
 */
export interface ClaimPositions {
  claim: string;
  positions: [string, number][];
}

/**
 * The ties, packed. Tie t joins actors[a[t]] and actors[b[t]] (a[t] < b[t]; `actors` sorted by
 * code units, so the ties are ordered by source id, then target id). Its agreed claims are
 * claims[agreedClaims[i]] for i in agreedStart[t] .. agreedStart[t + 1] - 1, in the order of the
 * query's rows; likewise the conflicted ones.
 */
export interface AgreementTies {
  actors: string[];
  claims: string[];
  size: number;
  a: Int32Array;
  b: Int32Array;
  agreedStart: Int32Array;
  agreedClaims: Int32Array;
  conflictedStart: Int32Array;
  conflictedClaims: Int32Array;
}

/** An Int32Array that grows as values are pushed. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Pairs the positions of each claim: every unordered pair of different actors with a position on
 * the same claim is tied by it, as an agreement (same polarity) or a conflict (opposite), each
 * claim at most once per pair and kind (an actor with both polarities on a claim both agrees and
 * conflicts with the others there).
 */
export function agreementTies(rows: Iterable<ClaimPositions>): AgreementTies {
  // Intern the actors, then renumber them in id order (ties come out sorted by number).
  const claims: string[] = [];
  const firstSeen = new Map<string, number>();
  const positionStart = new IntList();
  const positionActor = new IntList(); // first-seen numbers, replaced by ranks below
  const positionPositive = new IntList();
  // The number of the claim where each actor last took each polarity: a repeat (the same stance
  // in another document) is kept once.
  const lastOn: [number[], number[]] = [[], []]; // [negative, positive], by first-seen number
  for (const { claim, positions } of rows) {
    positionStart.push(positionActor.length);
    claims.push(claim);
    for (const [actor, polarity] of positions) {
      let id = firstSeen.get(actor);
      if (id === undefined) firstSeen.set(actor, (id = firstSeen.size));
      const positive = polarity > 0 ? 1 : 0;
      if (lastOn[positive][id] === claims.length) continue;
      lastOn[positive][id] = claims.length;
      positionActor.push(id);
      positionPositive.push(positive);
    }
  }
  positionStart.push(positionActor.length);
  const actors = [...firstSeen.keys()].sort(byCodeUnits);
  const rank = new Int32Array(actors.length);
  actors.forEach((actor, i) => (rank[firstSeen.get(actor)!] = i));
  const n = actors.length;
  const starts = positionStart.data;
  const who = positionActor.data;
  const positive = positionPositive.data;
  for (let p = 0; p < positionActor.length; p++) who[p] = rank[who[p]!]!;

  // Each actor's positions (claim and polarity), in claim order: a compressed adjacency list.
  const actorStart = new Int32Array(n + 1);
  for (let p = 0; p < positionActor.length; p++) actorStart[who[p]! + 1]!++;
  for (let i = 0; i < n; i++) actorStart[i + 1]! += actorStart[i]!;
  const fill = actorStart.slice(0, n);
  const actorClaim = new Int32Array(positionActor.length);
  const actorPositive = new Uint8Array(positionActor.length);
  for (let c = 0; c < claims.length; c++) {
    for (let p = starts[c]!; p < starts[c + 1]!; p++) {
      const slot = fill[who[p]!]!++;
      actorClaim[slot] = c;
      actorPositive[slot] = positive[p]!;
    }
  }

  // For each actor a, its partners b > a with their claims, in scratch arrays stamped with a (no
  // clearing between actors); then emitted in b's order.
  const stamp = new Int32Array(n).fill(-1);
  const head = [new Int32Array(n), new Int32Array(n)]; // [conflicted, agreed] linked lists per b
  const tail = [new Int32Array(n), new Int32Array(n)];
  const lastClaim = [new Int32Array(n), new Int32Array(n)];
  const entryClaim = new IntList();
  const entryNext = new IntList();
  const touched: number[] = [];
  const tieA = new IntList();
  const tieB = new IntList();
  const out = [
    { start: new IntList(), claims: new IntList() },
    { start: new IntList(), claims: new IntList() },
  ];
  for (let a = 0; a < n; a++) {
    touched.length = 0;
    entryClaim.length = 0;
    entryNext.length = 0;
    for (let e = actorStart[a]!; e < actorStart[a + 1]!; e++) {
      const c = actorClaim[e]!;
      const pa = actorPositive[e]!;
      for (let p = starts[c]!; p < starts[c + 1]!; p++) {
        const b = who[p]!;
        if (b <= a) continue;
        if (stamp[b] !== a) {
          stamp[b] = a;
          touched.push(b);
          for (const kind of [0, 1]) {
            head[kind]![b] = -1;
            lastClaim[kind]![b] = -1;
          }
        }
        const kind = pa === positive[p] ? 1 : 0;
        if (lastClaim[kind]![b] === c) continue;
        lastClaim[kind]![b] = c;
        const entry = entryClaim.length;
        entryClaim.push(c);
        entryNext.push(-1);
        if (head[kind]![b] === -1) head[kind]![b] = entry;
        else entryNext.data[tail[kind]![b]!] = entry;
        tail[kind]![b] = entry;
      }
    }
    touched.sort((x, y) => x - y);
    for (const b of touched) {
      tieA.push(a);
      tieB.push(b);
      for (const kind of [0, 1]) {
        out[kind]!.start.push(out[kind]!.claims.length);
        for (let e = head[kind]![b]!; e !== -1; e = entryNext.data[e]!)
          out[kind]!.claims.push(entryClaim.data[e]!);
      }
    }
  }
  for (const kind of [0, 1]) out[kind]!.start.push(out[kind]!.claims.length);
  return {
    actors,
    claims,
    size: tieA.length,
    a: tieA.toArray(),
    b: tieB.toArray(),
    agreedStart: out[1]!.start.toArray(),
    agreedClaims: out[1]!.claims.toArray(),
    conflictedStart: out[0]!.start.toArray(),
    conflictedClaims: out[0]!.claims.toArray(),
  };
}

/** The claim ids of tie t's agreements or conflicts. */
export function tieClaims(ties: AgreementTies, t: number, kind: 'agreed' | 'conflicted'): string[] {
  const [start, list] =
    kind === 'agreed' ? [ties.agreedStart, ties.agreedClaims] : [ties.conflictedStart, ties.conflictedClaims];
  const claims: string[] = [];
  for (let i = start[t]!; i < start[t + 1]!; i++) claims.push(ties.claims[list[i]!]!);
  return claims;
}
