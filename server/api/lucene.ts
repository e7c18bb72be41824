// What people type into the search box, as a Lucene query for Neo4j's full-text indexes. The
// input is split into words (letters and digits only), each word escaped and matched exactly
// (boosted), as a prefix ("ryab" → Ryabkov) and, when long enough, fuzzily ("Juliana" → Julianne).
// Lucene operators cannot come in: words are lower-cased (AND/OR/NOT are operators only in upper
// case) and every special character is escaped. The result is a query parameter, never Cypher.

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

const MAX_WORDS = 8;

/** The words of a search, lower-cased; one-letter words are dropped when there are longer ones. */
export function searchWords(input: string): string[] {
  const words = input
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const long = words.filter((word) => word.length > 1);
  return (long.length > 0 ? long : words).slice(0, MAX_WORDS);
}

function wordClause(word: string): string {
  const term = escapeLucene(word);
  const fuzzy = word.length >= 6 ? `${term}~2` : word.length >= 4 ? `${term}~1` : undefined;
  return `(${[`${term}^4`, `${term}*^2`, ...(fuzzy ? [fuzzy] : [])].join(' OR ')})`;
}

/** `all`: every word must match (the first try); `any`: one is enough (the fallback). */
export function luceneQuery(words: string[], mode: 'all' | 'any'): string {
  return words.map((word) => (mode === 'all' ? `+${wordClause(word)}` : wordClause(word))).join(' ');
}
