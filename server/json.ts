// Plain JSON values and their canonical text (object keys sorted): a neutral module that the
// dataset validator (equal records) and the graph checksum (equal graphs) both use.

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/** JSON with object keys sorted, so that equal values give equal text. */
export function canonicalJson(value: Plain): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
