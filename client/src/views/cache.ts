// A small memo of API answers for the panels, so that redrawing a panel (after the graph changed)
// does not fetch again or flicker; failed answers are forgotten so that a retry fetches.

interface Entry<T> {
  promise: Promise<T>;
  value?: T;
}

const LIMIT = 100;
const entries = new Map<string, Entry<unknown>>();

export function cached<T>(key: string, fetch: () => Promise<T>): Entry<T> {
  const hit = entries.get(key) as Entry<T> | undefined;
  if (hit) return hit;
  const entry: Entry<T> = { promise: fetch() };
  entry.promise.then(
    (value) => (entry.value = value),
    () => entries.delete(key),
  );
  entries.set(key, entry);
  if (entries.size > LIMIT) entries.delete(entries.keys().next().value!);
  return entry;
}

/** Draws `loading` until the answer comes (or at once when it is there), then `done` or `failed`. */
export function whenReady<T>(
  entry: Entry<T>,
  current: () => boolean,
  draw: { loading(): void; done(value: T): void; failed(error: unknown): void },
): void {
  if ('value' in entry) return draw.done(entry.value as T);
  draw.loading();
  entry.promise.then(
    (value) => current() && draw.done(value),
    (error: unknown) => current() && draw.failed(error),
  );
}
