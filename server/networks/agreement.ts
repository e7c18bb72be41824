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

/** The positions interned: actors numbered in id order, each claim's and each actor's positions. */
interface Positions {
  actors: string[];
  claims: string[];
  n: number;
  /** Claim c's positions are p in starts[c] .. starts[c + 1] - 1: actor who[p], positive[p] (1 or 0). */
  starts: Int32Array;
  who: Int32Array;
  positive: Int32Array;
  /** Actor a's positions are e in actorStart[a] .. actorStart[a + 1] - 1, in claim order. */
  actorStart: Int32Array;
  actorClaim: Int32Array;
  actorPositive: Uint8Array;
}

function positionsOf(rows: Iterable<ClaimPositions>): Positions {
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
  return { actors, claims, n, starts, who, positive, actorStart, actorClaim, actorPositive };
}

/**
 * Pairs the positions of each claim: every unordered pair of different actors with a position on
 * the same claim is tied by it, as an agreement (same polarity) or a conflict (opposite), each
 * claim at most once per pair and kind (an actor with both polarities on a claim both agrees and
 * conflicts with the others there).
 */
export function agreementTies(rows: Iterable<ClaimPositions>): AgreementTies {
  const { actors, claims, n, starts, who, positive, actorStart, actorClaim, actorPositive } =
    positionsOf(rows);

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
  return packed(actors, claims, tieA, tieB, out);
}

/** The ties as AgreementTies: out[0] the conflicted claims' lists, out[1] the agreed (each list closed here). */
function packed(
  actors: string[],
  claims: string[],
  tieA: IntList,
  tieB: IntList,
  out: { start: IntList; claims: IntList }[],
): AgreementTies {
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

/** The two kinds of tie, as the packed ties name them. */
export type TieKindName = 'agreed' | 'conflicted';

/**
 * The `limit` strongest ties of the asked kinds, packed as agreementTies packs all of them (the
 * same ties with the same claims, in the same order, when `limit` keeps everything), and how many
 * there were. A year of a million stances ties 3,333 actors by 2.8 million (pair, kind) edges,
 * more than any canvas draws and 87 MB even packed: the pairs are counted first (a counter per
 * partner, no claim lists), the `limit` with the most claims kept (ties broken by the smaller
 * actor id, then the larger), and the claims listed for those alone.
 */
export function strongestTies(
  rows: Iterable<ClaimPositions>,
  kinds: readonly TieKindName[],
  limit: number,
): { ties: AgreementTies; total: number } {
  const { actors, claims, n, starts, who, positive, actorStart, actorClaim, actorPositive } =
    positionsOf(rows);
  // Each claim's positions sorted by actor (then polarity), and each actor's entry pointing at its
  // place there: an actor's partners on a claim are the positions after its own, so each pair of
  // positions is visited once (a hub claim taken by 5,000 actors is 12.5 million pairs).
  const sorted = new Int32Array(who.length);
  for (let p = 0; p < sorted.length; p++) sorted[p] = who[p]! * 2 + positive[p]!;
  for (let c = 0; c < claims.length; c++) sorted.subarray(starts[c]!, starts[c + 1]!).sort();
  const fill = actorStart.slice(0, n);
  const actorPlace = new Int32Array(who.length);
  for (let c = 0; c < claims.length; c++)
    for (let p = starts[c]!; p < starts[c + 1]!; p++) actorPlace[fill[sorted[p]! >> 1]!++] = p;
  const wantAgreed = kinds.includes('agreed');
  const wantConflicted = kinds.includes('conflicted');
  // Count: for each actor a, how many claims it shares with each partner b > a, per kind
  // (count[2b + 1] agreed, count[2b] conflicted; each claim at most once per pair and kind).
  const stamp = new Int32Array(n).fill(-1);
  const count = new Int32Array(2 * n);
  const lastClaim = new Int32Array(2 * n);
  const touched = new Int32Array(n);
  /** Counts a's claims with each partner b > a into `count`; its partners, in order. */
  const countPartners = (a: number): Int32Array => {
    let touchedCount = 0;
    for (let e = actorStart[a]!; e < actorStart[a + 1]!; e++) {
      const c = actorClaim[e]!;
      const place = actorPlace[e]!;
      const pa = sorted[place]! & 1; // the polarity of the position at that place
      const end = starts[c + 1]!;
      for (let p = place + 1; p < end; p++) {
        const key = sorted[p]!;
        const b = key >> 1;
        if (b === a) continue; // its other polarity on the same claim
        if (stamp[b] !== a) {
          stamp[b] = a;
          touched[touchedCount++] = b;
          count[2 * b] = count[2 * b + 1] = 0;
          lastClaim[2 * b] = lastClaim[2 * b + 1] = -1;
        }
        const agreed = pa === (key & 1);
        if (agreed ? !wantAgreed : !wantConflicted) continue;
        const slot = 2 * b + (agreed ? 1 : 0);
        if (lastClaim[slot] === c) continue;
        lastClaim[slot] = c;
        count[slot]!++;
      }
    }
    // In order: a scan of the stamps when a partners with a good part of all actors (3,000 of
    // 3,333 in a dense year), else a sort (a typed array's, without a comparator call each).
    if (touchedCount * 16 < n - a) return touched.subarray(0, touchedCount).sort();
    let ordered = 0;
    for (let b = a + 1; b < n; b++) if (stamp[b] === a) touched[ordered++] = b;
    return touched.subarray(0, ordered);
  };

  // First count: how many edges of each weight (millions of edges, none kept).
  const histogram = new Int32Array(claims.length + 2);
  let total = 0;
  let heaviest = 0;
  for (let a = 0; a < n; a++) {
    const partners = countPartners(a);
    for (let i = 0; i < partners.length; i++) {
      for (let kind = 1; kind >= 0; kind--) {
        const weight = count[2 * partners[i]! + kind]!;
        if (weight === 0) continue;
        histogram[weight]!++;
        total++;
        if (weight > heaviest) heaviest = weight;
      }
    }
  }
  // Keep the heaviest: every edge above the threshold weight, and at it the first ones in order.
  let threshold = heaviest + 1;
  let above = 0;
  while (threshold > 1 && above + histogram[threshold - 1]! <= limit) above += histogram[--threshold]!;
  let atThreshold = limit - above; // how many of weight threshold - 1 still fit

  // Then count again, keeping those edges.
  stamp.fill(-1);
  const edgeA = new IntList();
  const edgeB = new IntList();
  const edgeKind = new IntList();
  for (let a = 0; a < n; a++) {
    const partners = countPartners(a);
    for (let i = 0; i < partners.length; i++) {
      const b = partners[i]!;
      for (let kind = 1; kind >= 0; kind--) {
        const weight = count[2 * b + kind]!;
        if (weight === 0 || weight < threshold - 1) continue;
        if (weight === threshold - 1) {
          if (atThreshold === 0) continue;
          atThreshold--;
        }
        edgeA.push(a);
        edgeB.push(b);
        edgeKind.push(kind);
      }
    }
  }
  const keptEdges = edgeA.length;

  // The kept edges' claims, from a merge of the two actors' positions (both in claim order).
  const tieA = new IntList();
  const tieB = new IntList();
  const out = [
    { start: new IntList(), claims: new IntList() },
    { start: new IntList(), claims: new IntList() },
  ];
  const kept = [false, false];
  for (let i = 0; i < keptEdges;) {
    const [a, b] = [edgeA.data[i]!, edgeB.data[i]!];
    kept[0] = kept[1] = false;
    for (; i < keptEdges && edgeA.data[i] === a && edgeB.data[i] === b; i++) kept[edgeKind.data[i]!] = true;
    tieA.push(a);
    tieB.push(b);
    for (const kind of [0, 1]) out[kind]!.start.push(out[kind]!.claims.length);
    let x = actorStart[a]!;
    let y = actorStart[b]!;
    const [xEnd, yEnd] = [actorStart[a + 1]!, actorStart[b + 1]!];
    while (x < xEnd && y < yEnd) {
      const [cx, cy] = [actorClaim[x]!, actorClaim[y]!];
      if (cx < cy) x++;
      else if (cy < cx) y++;
      else {
        // Both took positions on claim cx: one or two each (both polarities).
        let [found0, found1] = [false, false];
        let xi = x;
        for (; xi < xEnd && actorClaim[xi] === cx; xi++) {
          for (let yi = y; yi < yEnd && actorClaim[yi] === cx; yi++) {
            if (actorPositive[xi] === actorPositive[yi]) found1 = true;
            else found0 = true;
          }
        }
        while (y < yEnd && actorClaim[y] === cx) y++;
        x = xi;
        if (found0 && kept[0]) out[0]!.claims.push(cx);
        if (found1 && kept[1]) out[1]!.claims.push(cx);
      }
    }
  }
  return { total, ties: packed(actors, claims, tieA, tieB, out) };
}
