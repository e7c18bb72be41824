// A set of Neo4j elementIds in about one bit each. An export from a query must name every node and
// relationship the query returns, each once, before it writes the first of them; a Set of strings
// costs about 100 bytes per id (600 MB for a million relationships and their endpoints). Neo4j 5
// writes an elementId as `<format>:<database id>:<internal id>`, and internal ids are dense (a
// store's ids run from 0 to about its count of nodes or relationships), so this set keeps one bitmap
// per prefix, in pages of 65,536 bits (8 KB) allocated when first touched. Its size is bounded by
// the store's highest id / 8 bytes (a million relationships: 125 KB), whatever the number of ids
// added. An id of any other shape is kept as it is, in a plain Set.

const PAGE_BITS = 1 << 16;
const WORDS = PAGE_BITS / 32;
/** The internal id: a whole number without leading zeros, so that the text round-trips. */
const INTERNAL_ID = /^(?:0|[1-9]\d{0,14})$/;

export class ElementIdSet implements Iterable<string> {
  private readonly bitmaps = new Map<string, Map<number, Uint32Array>>();
  private readonly others = new Set<string>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes held by the bitmaps' pages (the plain Set of other ids not included). */
  get bitmapBytes(): number {
    let pages = 0;
    for (const bitmap of this.bitmaps.values()) pages += bitmap.size;
    return pages * WORDS * 4;
  }

  /** Adds an id; true when it was not in the set yet. */
  add(elementId: string): boolean {
    const colon = elementId.lastIndexOf(':');
    const tail = elementId.slice(colon + 1);
    if (colon < 0 || !INTERNAL_ID.test(tail)) return this.addOther(elementId);
    const prefix = elementId.slice(0, colon);
    const id = Number(tail);
    let bitmap = this.bitmaps.get(prefix);
    if (!bitmap) this.bitmaps.set(prefix, (bitmap = new Map()));
    const pageIndex = Math.floor(id / PAGE_BITS);
    let page = bitmap.get(pageIndex);
    if (!page) bitmap.set(pageIndex, (page = new Uint32Array(WORDS)));
    const bit = id % PAGE_BITS;
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if (page[word]! & mask) return false;
    page[word] = page[word]! | mask;
    this.count++;
    return true;
  }

  private addOther(elementId: string): boolean {
    if (this.others.has(elementId)) return false;
    this.others.add(elementId);
    this.count++;
    return true;
  }

  /** The ids, each prefix's in ascending internal id, then the others in insertion order. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (const [prefix, bitmap] of this.bitmaps) {
      for (const pageIndex of [...bitmap.keys()].sort((a, b) => a - b)) {
        const page = bitmap.get(pageIndex)!;
        for (let word = 0; word < WORDS; word++) {
          let bits = page[word]!;
          while (bits !== 0) {
            const low = bits & -bits;
            const bit = 31 - Math.clz32(low);
            yield `${prefix}:${pageIndex * PAGE_BITS + word * 32 + bit}`;
            bits ^= low;
          }
        }
      }
    }
    yield* this.others;
  }
}
