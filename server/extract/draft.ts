// The draft writer: what extraction found in each document, as a dataset in the loader's format
// (documents with their text, the actors and claims the suggestions need, the suggestions as
// relationships with `method`, `confidence` and `status: suggested`), written as one YAML file or
// a bulk folder of JSON Lines. Sorted and free of clocks, so the same input gives the same bytes.

import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { FORMAT_VERSION, type ActorRecord, type ClaimRecord } from '../dataset/schema.ts';
import type { ExtractionResult, NewActor, NewClaim, SourceDocument, Suggestion } from './types.ts';

export type Engine = 'rule' | 'llm';

export interface DocumentExtraction {
  document: SourceDocument;
  result: ExtractionResult;
}

export interface DraftDocument {
  id: string;
  title: string;
  published: string;
  publisher?: string;
  url?: string;
  language: string;
  text: string;
}

export interface DraftRelationship {
  type: string;
  from: string;
  to: string;
  doc: string;
  quote: string;
  start: number;
  end: number;
  method: Engine;
  confidence: number;
  modality: string;
  status: 'suggested';
  onBehalfOf?: string;
  note: string;
}

export interface Draft {
  stancegraph: typeof FORMAT_VERSION;
  documents: DraftDocument[];
  actors: (NewActor | ActorRecord)[];
  claims: (NewClaim | ClaimRecord)[];
  relationships: DraftRelationship[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** One actor per id: names and aliases that different documents found are merged, sorted. */
function mergeActors(actors: NewActor[]): NewActor[] {
  const merged = new Map<string, NewActor>();
  for (const actor of actors) {
    const seen = merged.get(actor.id);
    if (!seen) {
      merged.set(actor.id, { ...actor, aliases: [...actor.aliases] });
      continue;
    }
    const aliases = new Set([...seen.aliases, ...actor.aliases, actor.name]);
    aliases.delete(seen.name);
    seen.aliases = [...aliases].sort();
    seen.title ??= actor.title;
  }
  return [...merged.values()].map((actor) => ({
    id: actor.id,
    name: actor.name,
    aliases: [...new Set(actor.aliases)].filter((alias) => alias !== actor.name).sort(),
    ...(actor.title !== undefined && { title: actor.title }),
  })) as NewActor[];
}

function relationship(doc: SourceDocument, suggestion: Suggestion, engine: Engine): DraftRelationship {
  return {
    type: suggestion.type,
    from: suggestion.from,
    to: suggestion.to,
    doc: doc.id,
    quote: suggestion.quote,
    start: suggestion.start,
    end: suggestion.end,
    method: engine,
    confidence: Math.round(suggestion.confidence * 1000) / 1000,
    modality: suggestion.modality,
    status: 'suggested',
    ...(suggestion.onBehalfOf !== undefined && { onBehalfOf: suggestion.onBehalfOf }),
    note: `${engine === 'llm' ? 'llm' : 'cue'}: ${suggestion.cue}`,
  };
}

const relationshipOrder = (a: DraftRelationship, b: DraftRelationship) =>
  a.doc.localeCompare(b.doc, 'en') ||
  a.start - b.start ||
  a.end - b.end ||
  a.type.localeCompare(b.type, 'en') ||
  a.from.localeCompare(b.from, 'en') ||
  a.to.localeCompare(b.to, 'en');

/**
 * The draft dataset of a run. Actors and claims are those the pipeline made new plus the records
 * of --known entities a suggestion refers to (`knownRecords`); entities the graph holds are
 * referenced, not repeated. One relationship per (from, type, to, doc, start), as the loader keys them.
 */
export function buildDraft(
  extractions: readonly DocumentExtraction[],
  engine: Engine,
  knownRecords: ReadonlyMap<string, ActorRecord | ClaimRecord> = new Map(),
): Draft {
  const relationships = new Map<string, DraftRelationship>();
  const newActors: NewActor[] = [];
  const newClaims = new Map<string, NewClaim>();
  for (const { document, result } of extractions) {
    newActors.push(...result.actors);
    for (const claim of result.claims) if (!newClaims.has(claim.id)) newClaims.set(claim.id, claim);
    for (const suggestion of result.suggestions) {
      const rel = relationship(document, suggestion, engine);
      const key = `${rel.from}|${rel.type}|${rel.to}|${rel.doc}|${rel.start}`;
      const seen = relationships.get(key);
      if (!seen || rel.confidence > seen.confidence) relationships.set(key, rel);
    }
  }
  const rels = [...relationships.values()].sort(relationshipOrder);
  const referenced = new Set(rels.flatMap((r) => [r.from, r.to, ...(r.onBehalfOf ? [r.onBehalfOf] : [])]));
  const actors: (NewActor | ActorRecord)[] = mergeActors(newActors.filter((a) => referenced.has(a.id)));
  const claims: (NewClaim | ClaimRecord)[] = [...newClaims.values()]
    .filter((c) => referenced.has(c.id))
    .map((c) => ({ id: c.id, text: c.text }));
  const defined = new Set([...actors, ...claims].map((entity) => entity.id));
  for (const [id, record] of knownRecords) {
    if (!referenced.has(id) || defined.has(id)) continue;
    if ('text' in record) claims.push(record);
    else actors.push(record);
  }
  return {
    stancegraph: FORMAT_VERSION,
    documents: extractions.map(({ document: d }) => ({
      id: d.id,
      title: d.title,
      published: d.published,
      ...(d.publisher !== undefined && { publisher: d.publisher }),
      ...(d.url !== undefined && { url: d.url }),
      language: d.language,
      text: d.text,
    })),
    actors: actors.sort(byId),
    claims: claims.sort(byId),
    relationships: rels,
  };
}

/** The draft as one YAML file (texts as literal blocks, no line folding). */
export function draftYaml(draft: Draft): string {
  const header =
    '# A draft made by `stancegraph extract`: every relationship is a suggestion (status: suggested).\n' +
    '# Review it, then: stancegraph load <this file>\n';
  return header + YAML.stringify(draft, { lineWidth: 0, blockQuote: 'literal' });
}

const jsonl = (records: readonly object[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');

/** The draft as a bulk folder: documents.jsonl, actors.jsonl, claims.jsonl, relationships.jsonl. */
export function writeDraftFolder(draft: Draft, folder: string): string[] {
  fs.mkdirSync(folder, { recursive: true });
  const files = {
    'documents.jsonl': draft.documents,
    'actors.jsonl': draft.actors,
    'claims.jsonl': draft.claims,
    'relationships.jsonl': draft.relationships,
  };
  for (const [name, records] of Object.entries(files))
    fs.writeFileSync(path.join(folder, name), jsonl(records));
  return Object.keys(files).map((name) => path.join(folder, name));
}
