// Which relationship keys a bulk folder has already stated, in typed arrays instead of a Set of
// strings: an open-addressing hash table of 32-bit key hashes with the line (and byte offset) that
// first stated each. A hash found again is confirmed exactly: the caller re-reads the earlier line
// and compares the keys, so two different keys with the same hash are never called duplicates.
// 16 bytes a slot, at most 3/4 full: about 22 bytes a relationship, against 100+ for strings.

/** FNV-1a over UTF-16 code units, then MurmurHash3's finaliser to spread the bits. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface KeyTableOptions {
  /** Whether the key first stated at `offset` is exactly `key` (called when their hashes are equal). */
  sameKey: (key: string, offset: number) => boolean;
  /** For tests: a hash that collides on purpose. */
  hash?: (key: string) => number;
  initialCapacity?: number;
}

export class KeyTable {
  private hashes: Uint32Array;
  /** 0: an empty slot (lines count from 1). */
  private lines: Uint32Array;
  private offsets: Float64Array;
  private count = 0;
  private readonly hash: (key: string) => number;
  /** Hashes found equal and confirmed (or not) by re-reading: for tests and diagnostics. */
  confirmations = 0;

  constructor(private readonly options: KeyTableOptions) {
    this.hash = options.hash ?? hashKey;
    let capacity = 1024;
    while (capacity < (options.initialCapacity ?? 0)) capacity *= 2;
    this.hashes = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
    this.offsets = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes the table's arrays take. */
  get bytes(): number {
    return this.hashes.byteLength + this.lines.byteLength + this.offsets.byteLength;
  }

  /**
   * Adds `key`, stated at `line` (from 1) and byte `offset`; if the same key was added before,
   * adds nothing and returns that first line.
   */
  add(key: string, line: number, offset: number): number | undefined {
    if (!Number.isInteger(line) || line < 1 || line > 0xffffffff)
      throw new RangeError(`KeyTable: line ${line} out of range`);
    const h = this.hash(key) >>> 0;
    const mask = this.hashes.length - 1;
    let slot = h & mask;
    for (;;) {
      const first = this.lines[slot]!;
      if (first === 0) break;
      if (this.hashes[slot] === h) {
        this.confirmations++;
        if (this.options.sameKey(key, this.offsets[slot]!)) return first;
      }
      slot = (slot + 1) & mask;
    }
    this.hashes[slot] = h;
    this.lines[slot] = line;
    this.offsets[slot] = offset;
    if (++this.count * 4 > this.hashes.length * 3) this.grow();
    return undefined;
  }

  private grow(): void {
    const [hashes, lines, offsets] = [this.hashes, this.lines, this.offsets];
    const capacity = hashes.length * 2;
    this.hashes = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
    this.offsets = new Float64Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < hashes.length; i++) {
      if (lines[i] === 0) continue;
      let slot = hashes[i]! & mask;
      while (this.lines[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[i]!;
      this.lines[slot] = lines[i]!;
      this.offsets[slot] = offsets[i]!;
    }
  }
}
