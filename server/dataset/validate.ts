// Validates YAML/JSON datasets as a whole before anything is written: the shape (zod), then what
// needs the whole input and the graph: duplicate ids, then each relationship through resolve.ts
// (types, endpoint kinds, references, provenance, quotes; shared with the bulk validator). Every
// issue is collected; the result is either all issues or a resolved dataset ready to write.

import { kindOfId } from '../../model/kinds.ts';
import { canonicalJson, type Plain } from '../json.ts';
import type { DatasetIssue } from './errors.ts';
import { issueAt, zodIssues, type Located } from './issues.ts';
import { readSourceFile, type SourceFile } from './parse.ts';
import {
  mentionsOf,
  relationshipKey,
  canonicalIn,
  resolveRelationship,
  vocabularyOf,
  type EntityRecord,
  type ExistingNode,
  type LookupExisting,
  type ResolvedDataset,
  type ResolvedNode,
  type ResolvedRelationship,
} from './resolve.ts';
import { datasetSchema, type Dataset, type DocumentRecord } from './schema.ts';
import { documentText } from './text-file.ts';

type Section = 'documents' | 'actors' | 'claims' | 'topics' | 'events';
const SECTIONS: Section[] = ['documents', 'actors', 'claims', 'topics', 'events'];

/** Reads and validates dataset files. Returns every issue, or the resolved dataset when there are none. */
export async function validateFiles(
  files: string[],
  lookupExisting: LookupExisting,
  options: { maxTextBytes?: number } = {},
): Promise<{ issues: DatasetIssue[]; dataset?: ResolvedDataset }> {
  const issues: DatasetIssue[] = [];
  const parsed: { source: SourceFile; dataset: Dataset }[] = [];
  let complete = true;
  for (const file of files) {
    const read = readSourceFile(file);
    if ('issues' in read) {
      issues.push(...read.issues);
      complete = false;
      continue;
    }
    const result = datasetSchema.safeParse(read.source.data, { reportInput: true });
    if (!result.success) {
      issues.push(...zodIssues(read.source, result.error));
      complete = false;
      continue;
    }
    parsed.push({ source: read.source, dataset: result.data });
  }

  // Entities, across files: an id defined twice must be defined the same way.
  const entities = new Map<string, { node: ResolvedNode; at: Located }>();
  /** Documents defined but whose text could not be read: already reported, not dangling. */
  const unreadable = new Set<string>();
  for (const { source, dataset } of parsed) {
    for (const section of SECTIONS) {
      dataset[section].forEach((record, index) => {
        const at: Located = { source, path: [section, index] };
        const kind = kindOfId(record.id)!;
        let entity = record as EntityRecord;
        if (section === 'documents') {
          const doc = record as DocumentRecord;
          const text = documentText(doc, at, issues, options.maxTextBytes);
          // A record-grounded source's document has no text to read (schema.ts allows it).
          if (text === undefined && (doc.text !== undefined || doc.textFile !== undefined)) {
            unreadable.add(doc.id);
            return;
          }
          const { textFile: _textFile, ...rest } = doc;
          entity = text !== undefined ? { ...rest, text } : rest;
        }
        const previous = entities.get(record.id);
        if (previous) {
          if (
            canonicalJson(previous.node.record as unknown as Plain) !==
            canonicalJson(entity as unknown as Plain)
          ) {
            const first = previous.at.source.locate(previous.at.path);
            const differing = Object.keys({ ...previous.node.record, ...entity }).filter(
              (key) =>
                JSON.stringify((previous.node.record as Record<string, unknown>)[key]) !==
                JSON.stringify((entity as Record<string, unknown>)[key]),
            );
            issues.push(
              issueAt(
                at,
                `duplicate id "${record.id}" with conflicting ${differing.map((k) => `\`${k}\``).join(', ')} ` +
                  `(first defined at ${previous.at.source.file}:${first?.line ?? '?'}); expected one definition, or identical ones`,
                'id',
              ),
            );
          }
          return;
        }
        entities.set(record.id, { node: { id: record.id, kind, record: entity }, at });
      });
    }
  }

  // References the input does not define may already be in the graph.
  const referenced = new Set<string>();
  for (const { dataset } of parsed) {
    for (const rel of dataset.relationships) {
      for (const id of [rel.from, rel.to, rel.doc, rel.onBehalfOf])
        if (id && !entities.has(id)) referenced.add(id);
    }
  }
  const existing =
    referenced.size > 0 ? await lookupExisting([...referenced]) : new Map<string, ExistingNode>();
  const kindOf = (id: string) =>
    entities.get(id)?.node.kind ?? existing.get(id)?.kind ?? (unreadable.has(id) ? 'Document' : undefined);
  const documentOf = (id: string): { text: string; published: string } | undefined => {
    const defined = entities.get(id)?.node.record as (DocumentRecord & { text?: string }) | undefined;
    if (defined && entities.get(id)?.node.kind === 'Document')
      return defined.text !== undefined ? { text: defined.text, published: defined.published } : undefined;
    const found = existing.get(id);
    return found?.kind === 'Document' && found.text !== undefined
      ? { text: found.text, published: found.published ?? '' }
      : undefined;
  };

  const relationships = new Map<string, { rel: ResolvedRelationship; at: Located }>();
  for (const { source, dataset } of parsed) {
    dataset.relationships.forEach((record, index) => {
      const at: Located = { source, path: ['relationships', index] };
      const vocabulary = vocabularyOf(record, at, issues);
      if (!vocabulary) return;
      const rel = resolveRelationship(record, vocabulary, at, issues, {
        kindOf,
        documentOf,
        complete,
        canonicalId: canonicalIn(existing),
      });
      if (!rel) return;
      const key = relationshipKey(rel);
      const previous = relationships.get(key);
      if (previous) {
        if (canonicalJson(previous.rel as unknown as Plain) !== canonicalJson(rel as unknown as Plain)) {
          const first = previous.at.source.locate(previous.at.path);
          issues.push(
            issueAt(
              at,
              `the same ${rel.type} from ${rel.from} to ${rel.to}${rel.record !== undefined ? ` (${rel.source} record ${rel.record})` : rel.keyed ? ` at ${rel.doc}:${rel.start}` : ''} is coded twice with different properties (first at ${previous.at.source.file}:${first?.line ?? '?'})`,
            ),
          );
        }
        return;
      }
      relationships.set(key, { rel, at });
    });
  }

  if (issues.length > 0) return { issues };

  // Every document mentions the actors, claims and events it has quotes about.
  let derivedMentions = 0;
  for (const { rel } of [...relationships.values()]) {
    for (const derived of mentionsOf(rel, kindOf)) {
      const key = relationshipKey(derived);
      if (!relationships.has(key)) {
        relationships.set(key, { rel: derived, at: { source: parsed[0]!.source, path: [] } });
        derivedMentions++;
      }
    }
  }

  return {
    issues: [],
    dataset: {
      nodes: [...entities.values()].map((entry) => entry.node),
      relationships: [...relationships.values()].map((entry) => entry.rel),
      derivedMentions,
    },
  };
}
