// Ids made from names, as people would write them: `person:wendy-sherman`, `document:2022-01-12-…`.
// Shared by the write API (new documents) and the client (new actors and claims while coding).

/** `prefix:` + the first words of `name`, lower-case ASCII joined by hyphens. */
export function slugId(prefix: string, name: string, words = 8): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, words)
    .join('-');
  return `${prefix}:${slug || 'untitled'}`;
}
