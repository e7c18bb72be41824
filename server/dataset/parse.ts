// Reads dataset files (YAML or JSON) and keeps a map from each value back to its line and column,
// so that every later error can say file:line. JSON is parsed by the same YAML parser (JSON is a
// subset of YAML 1.2) for its positions, after JSON.parse has checked that it is strict JSON.

import fs from 'node:fs';
import path from 'node:path';
import YAML, { isCollection, isMap, isPair, isScalar, LineCounter, type Node as YamlNode } from 'yaml';
import type { DatasetIssue } from './errors.ts';

export interface SourceFile {
  /** The path as the user gave it (used in messages). */
  file: string;
  /** Absolute directory, for `textFile` references. */
  dir: string;
  data: unknown;
  /** Line and column of the value at `path` (or of the nearest enclosing value that exists). */
  locate(
    path: readonly PropertyKey[],
    options?: { key?: string },
  ): { line: number; column: number } | undefined;
}

/** Decodes UTF-8 strictly; on invalid bytes, says on which line the first one is. */
export function decodeUtf8(bytes: Buffer, file: string): { text: string } | { issue: DatasetIssue } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const lossy = Buffer.from(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), 'utf8');
    let at = 0;
    while (at < bytes.length && at < lossy.length && bytes[at] === lossy[at]) at++;
    const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
    return {
      issue: {
        file,
        line,
        path: '',
        message: `not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at}); expected a UTF-8 text file`,
      },
    };
  }
}

export function readSourceFile(file: string): { source: SourceFile } | { issues: DatasetIssue[] } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return {
      issues: [
        {
          file,
          path: '',
          message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        },
      ],
    };
  }
  const decoded = decodeUtf8(bytes, file);
  if ('issue' in decoded) return { issues: [decoded.issue] };
  const text = decoded.text;
  if (text.trim() === '')
    return { issues: [{ file, path: '', message: 'the file is empty; expected a dataset' }] };

  const isJson = path.extname(file).toLowerCase() === '.json';
  if (isJson) {
    try {
      JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message)?.[1];
      const loc = position === undefined ? undefined : lineColumn(text, Number(position));
      return { issues: [{ file, ...loc, path: '', message: `invalid JSON: ${message}` }] };
    }
  }
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((error) => {
        const pos = error.linePos?.[0];
        return {
          file,
          line: pos?.line,
          column: pos?.col,
          path: '',
          message: `invalid ${isJson ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0]}`,
        };
      }),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      issues: [
        {
          file,
          line: 1,
          column: 1,
          path: '',
          message:
            'expected a mapping with the keys stancegraph, documents, actors, claims, topics, events, relationships',
        },
      ],
    };
  }

  const locate: SourceFile['locate'] = (target, options = {}) => {
    // Walk down as far as the path exists; report the deepest node found.
    let node: unknown = doc.contents;
    let best: YamlNode | undefined = doc.contents ?? undefined;
    for (const part of target) {
      if (!isCollection(node)) break;
      const next: unknown = node.get(part, true);
      if (next === undefined) break;
      node = next;
      best = next as YamlNode;
    }
    if (options.key && isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === options.key,
      );
      if (pair && isScalar(pair.key) && pair.key.range) return position(pair.key.range[0]);
    }
    const offset = best?.range?.[0];
    return offset === undefined ? undefined : position(offset);
  };
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  return { source: { file, dir: path.dirname(path.resolve(file)), data, locate } };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
