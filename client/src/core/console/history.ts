// The console's query history: most recent first, no repeats, bounded; kept in localStorage so
// that it survives a reload (and silently in memory only where storage is refused).

export const HISTORY_LIMIT = 50;
const STORAGE_KEY = 'stancegraph.cypher-history';

export function pushHistory(history: readonly string[], query: string, limit = HISTORY_LIMIT): string[] {
  const text = query.trim();
  if (!text) return [...history];
  return [text, ...history.filter((item) => item !== text)].slice(0, limit);
}

/** Steps through the history from the editor: -1 is the text being edited, 0 the latest query. */
export function stepHistory(history: readonly string[], position: number, direction: 1 | -1): number {
  return Math.max(-1, Math.min(history.length - 1, position + direction));
}

export function loadHistory(storage: Pick<Storage, 'getItem'> | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export function saveHistory(storage: Pick<Storage, 'setItem'> | undefined, history: readonly string[]): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(history));
  } catch {
    // Storage full or refused (private mode): the history lives for this page only.
  }
}
