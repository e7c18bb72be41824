// How the command line talks to people: messages on stderr (so stdout stays clean for data),
// a plain-text table for query results, and a progress bar on terminals only.

import { SingleBar } from 'cli-progress';

export const info = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/** Renders rows as an aligned text table, truncating long cells. */
export function table(columns: string[], rows: string[][], maxWidth = 60): string {
  const clip = (cell: string) => {
    const flat = cell.replace(/\s+/g, ' ');
    return flat.length > maxWidth ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const cells = rows.map((row) => row.map(clip));
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join(' │ ')
      .trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...cells.map(line)].join('\n');
}

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** A progress bar on a terminal for work of `total` units; silent when stderr is not a TTY. */
export function progress(label: string, total: number): Progress {
  if (!process.stderr.isTTY || total < 1) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
