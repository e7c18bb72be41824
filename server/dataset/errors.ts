// Dataset errors say where (file:line:column and the field's path), what was wrong and what was
// expected. Validation collects all of them before anything is written.

export interface DatasetIssue {
  file: string;
  /** 1-based line and column, when the file's syntax gives positions (YAML and JSON both do). */
  line?: number;
  column?: number;
  /** The field, as a path: `relationships[3].quote`. Empty for the whole file. */
  path: string;
  message: string;
}

export function formatIssue(issue: DatasetIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.column ?? 1}` : issue.file;
  return `${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

export class DatasetValidationError extends Error {
  override name = 'DatasetValidationError';
  constructor(readonly issues: DatasetIssue[]) {
    super(
      `Dataset: ${issues.length} error${issues.length === 1 ? '' : 's'}; nothing was written.\n` +
        issues.map((issue) => `  ${formatIssue(issue)}`).join('\n'),
    );
  }
}

export function pathToString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
