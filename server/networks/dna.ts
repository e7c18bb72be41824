// The networks of discourse network analysis exactly as the Discourse Network Analyzer (DNA 3,
// its Exporter) computes them, from statements read live from the graph: one-mode (actor × actor)
// and two-mode (actor × claim) matrices with rDNA's options and names: variable1, qualifier
// aggregation, normalisation, duplicates. Pure functions: the API reads the statements
// (server/api/routes/networks.ts), this module only counts. docs/NETWORKS.md states the rules.

import type { DnaOptions } from '../../model/networks.ts';

export * from '../../model/networks.ts';

/** One statement (a stance), as DNA sees it: the row variable's values, the concept, agreement. */
export interface DnaStatement {
  person: string;
  organization: string;
  actor: string;
  /** variable2: the claim (DNA's concept). */
  concept: string;
  /** The qualifier: 1 agreement (a positive stance), 0 disagreement. */
  agreement: 0 | 1;
  document: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface DnaMatrix {
  rows: string[];
  columns: string[];
  matrix: number[][];
}

/**
 * The calendar week number, as DNA compares it for `duplicates: week` (UK weeks: Monday to Sunday,
 * week 1 the first with four days of the year; the number only, not the year).
 */
export function weekOfYear(date: string): number {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
}

function scopeOf(statement: DnaStatement, duplicates: DnaOptions['duplicates'], index: number): string {
  switch (duplicates) {
    case 'include':
      return `#${index}`;
    case 'document':
      return statement.document;
    case 'week':
      return `w${weekOfYear(statement.date)}`;
    case 'month':
      return `m${Number(statement.date.slice(5, 7))}`;
    case 'year':
      return `y${statement.date.slice(0, 4)}`;
    case 'acrossrange':
      return '';
  }
}

/** Code-unit order, as Java's String.compareTo sorts DNA's labels. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Steps 2-5 of DNA's exporter: drop statements with an empty variable, drop duplicates in their
 * scope (comparing the qualifier unless it is ignored), sort the labels, count x[i][j][k].
 * The statements come in DNA's order; which duplicate is kept does not change the counts.
 */
export function countStatements(statements: readonly DnaStatement[], options: DnaOptions) {
  const kept: DnaStatement[] = [];
  const seen = new Set<string>();
  statements.forEach((statement, index) => {
    const row = statement[options.variable1];
    if (!row || !statement.concept) return;
    const qualifier = options.qualifierAggregation === 'ignore' ? '' : String(statement.agreement);
    const key = JSON.stringify([
      row,
      statement.concept,
      qualifier,
      scopeOf(statement, options.duplicates, index),
    ]);
    if (seen.has(key)) return;
    seen.add(key);
    kept.push(statement);
  });
  const rows = [...new Set(kept.map((s) => s[options.variable1]))].sort(byCodeUnits);
  const columns = [...new Set(kept.map((s) => s.concept))].sort(byCodeUnits);
  const rowIndex = new Map(rows.map((label, i) => [label, i]));
  const columnIndex = new Map(columns.map((label, j) => [label, j]));
  const x = rows.map(() => columns.map(() => [0, 0] as [number, number]));
  for (const s of kept) x[rowIndex.get(s[options.variable1])!]![columnIndex.get(s.concept)!]![s.agreement]++;
  return { rows, columns, x, kept: kept.length };
}

/** The one-mode (variable1 × variable1) or two-mode (variable1 × claim) matrix of DNA. */
export function dnaNetwork(statements: readonly DnaStatement[], options: DnaOptions): DnaMatrix {
  const { rows, columns, x } = countStatements(statements, options);
  return options.networkType === 'onemode' ? oneMode(rows, x, options) : twoMode(rows, columns, x, options);
}

type Counts = [number, number][][];

function oneMode(rows: string[], x: Counts, options: DnaOptions): DnaMatrix {
  const n = rows.length;
  const total = x.map((row) => row.reduce((sum, [no, yes]) => sum + no + yes, 0));
  const matrix = rows.map(() => rows.map(() => 0));
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      let weight = 0;
      x[a]!.forEach((xa, j) => {
        const xb = x[b]![j]!;
        const congruence = xa[0] * xb[0] + xa[1] * xb[1];
        const conflict = xa[0] * xb[1] + xa[1] * xb[0];
        switch (options.qualifierAggregation) {
          case 'ignore':
            weight += (xa[0] + xa[1]) * (xb[0] + xb[1]);
            break;
          case 'congruence':
            weight += congruence;
            break;
          case 'conflict':
            weight += conflict;
            break;
          case 'subtract':
            weight += congruence - conflict;
            break;
          case 'combine':
            break;
        }
      });
      let divisor = 1;
      if (options.normalization === 'average') divisor = (total[a]! + total[b]!) / 2;
      else if (options.normalization === 'cosine')
        divisor = Math.sqrt(total[a]! * total[a]!) * Math.sqrt(total[b]! * total[b]!);
      else if (options.normalization === 'jaccard') {
        divisor = 0;
        x[a]!.forEach((xa, j) => {
          const xb = x[b]![j]!;
          for (const k of [0, 1] as const) {
            if (xb[k] === 0) divisor += xa[k];
            if (xa[k] === 0) divisor += xb[k];
            if (xa[k] > 0 && xb[k] > 0) divisor += xa[k] * xb[k];
          }
        });
      }
      matrix[a]![b] = divisor === 0 ? 0 : weight / divisor;
    }
  }
  return { rows, columns: rows, matrix };
}

function twoMode(rows: string[], columns: string[], x: Counts, options: DnaOptions): DnaMatrix {
  const matrix = x.map((row) =>
    row.map(([no, yes]) =>
      options.qualifierAggregation === 'subtract'
        ? yes - no
        : options.qualifierAggregation === 'combine'
          ? 2 * (no > 0 ? 1 : 0) + (yes > 0 ? 1 : 0)
          : no + yes,
    ),
  );
  // The divisor: the weights (ignore), the cells with a tie (combine) or the statements (subtract)
  // of the row (activity) or of the column (prominence).
  const divisorOf = (cells: number[], counts: [number, number][]) =>
    options.qualifierAggregation === 'combine'
      ? cells.filter((v) => v > 0).length
      : options.qualifierAggregation === 'subtract'
        ? counts.reduce((sum, [no, yes]) => sum + no + yes, 0)
        : cells.reduce((sum, v) => sum + v, 0);
  if (options.normalization === 'activity') {
    matrix.forEach((row, i) => {
      const divisor = divisorOf(row, x[i]!);
      row.forEach((v, j) => (row[j] = divisor === 0 ? 0 : v / divisor));
    });
  } else if (options.normalization === 'prominence') {
    columns.forEach((_, j) => {
      const divisor = divisorOf(
        matrix.map((row) => row[j]!),
        x.map((row) => row[j]!),
      );
      matrix.forEach((row) => (row[j] = divisor === 0 ? 0 : row[j]! / divisor));
    });
  }
  return { rows, columns, matrix };
}
