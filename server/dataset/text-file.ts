// A document's text, inline or from its `textFile`: the file must be a regular file inside the
// dataset's folder (its real path, symlinks resolved: no /etc/passwd, no ../.., no /dev/zero), and
// every text stays under a size limit (STANCEGRAPH_MAX_TEXT_BYTES), each refusal at file:line.

import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_TEXT_BYTES } from '../config.ts';
import type { DatasetIssue } from './errors.ts';
import { decodeUtf8 } from './parse.ts';
import type { DocumentRecord } from './schema.ts';
import { issueAt, type Located } from './issues.ts';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

const overLimit = (bytes: number, max: number) =>
  `is ${formatBytes(bytes)}, over the limit of ${formatBytes(max)} (STANCEGRAPH_MAX_TEXT_BYTES)`;

/** The text of a document record, or undefined after pushing an issue that says why not. */
export function documentText(
  doc: DocumentRecord,
  at: Located,
  issues: DatasetIssue[],
  maxBytes: number = DEFAULT_MAX_TEXT_BYTES,
): string | undefined {
  if (doc.text !== undefined) {
    const bytes = Buffer.byteLength(doc.text, 'utf8');
    if (bytes <= maxBytes) return doc.text;
    issues.push(issueAt(at, `the text ${overLimit(bytes, maxBytes)}; expected a shorter document`, 'text'));
    return undefined;
  }
  return readTextFile(doc.textFile!, at, issues, maxBytes);
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return (
    relative !== '' &&
    !relative.startsWith(`..${path.sep}`) &&
    relative !== '..' &&
    !path.isAbsolute(relative)
  );
}

function readTextFile(
  name: string,
  at: Located,
  issues: DatasetIssue[],
  maxBytes: number,
): string | undefined {
  const refuse = (message: string) => {
    issues.push(
      issueAt(at, message.startsWith('cannot') ? message : `text file ${name} ${message}`, 'textFile'),
    );
    return undefined;
  };
  const unreadable = (error: unknown) =>
    refuse(
      `cannot read text file ${name} (${(error as NodeJS.ErrnoException).code}); expected a UTF-8 text file next to the dataset`,
    );
  let real: string;
  let dir: string;
  try {
    dir = fs.realpathSync(at.source.dir);
    real = fs.realpathSync(path.resolve(at.source.dir, name));
  } catch (error) {
    return unreadable(error);
  }
  if (!isInside(dir, real)) {
    return refuse(
      `is outside the dataset's folder (it is ${real}); expected a file in ${dir} or below (symlinks are followed)`,
    );
  }
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO must not hang the loader; it is refused below as not a regular file.
    fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return unreadable(error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile())
      return refuse('is not a regular file (a device, FIFO or folder); expected a text file');
    if (stat.size > maxBytes) return refuse(`${overLimit(stat.size, maxBytes)}; expected a shorter document`);
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const decoded = decodeUtf8(bytes.subarray(0, read), name);
    if ('issue' in decoded) return refuse(`is ${decoded.issue.message}`);
    if (decoded.text.trim() === '') return refuse("is empty; expected the document's text");
    return decoded.text;
  } finally {
    fs.closeSync(fd);
  }
}
