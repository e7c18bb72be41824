// The actors and claims extraction resolves mentions to before it makes new ones: those in the
// graph (when a Neo4j answers) and those of the datasets given with --known. Known records that
// the graph does not hold are copied into the draft when a suggestion uses them, so that the
// draft loads on its own.

import neo4j, { type Driver } from 'neo4j-driver';
import { kindOfLabels, isActorKind, type ActorKind } from '../../model/kinds.ts';
import { queries } from '../cypher/registry.ts';
import { DatasetValidationError } from '../dataset/errors.ts';
import { readSourceFile } from '../dataset/parse.ts';
import { datasetSchema, type ActorRecord, type ClaimRecord } from '../dataset/schema.ts';
import { zodIssues } from '../dataset/issues.ts';
import type { Gazetteer, KnownActor } from './types.ts';

/** A gazetteer and the dataset records of its entries that came from --known files. */
export interface KnownEntities {
  gazetteer: Gazetteer;
  /** Records from --known files by id, for entities the graph does not hold. */
  records: Map<string, ActorRecord | ClaimRecord>;
}

export async function gazetteerFromGraph(driver: Driver, database?: string): Promise<Gazetteer> {
  const read = { database, routing: neo4j.routing.READ };
  const [actors, claims] = await Promise.all([
    driver.executeQuery(queries['gazetteer-actors'], {}, read),
    driver.executeQuery(queries['gazetteer-claims'], {}, read),
  ]);
  return {
    actors: actors.records.flatMap((record) => {
      const kind = kindOfLabels(record.get('labels') as string[]);
      if (!kind || !isActorKind(kind)) return [];
      const iso3 = record.get('iso3') as string | null;
      return [
        {
          id: record.get('id') as string,
          kind,
          name: record.get('name') as string,
          aliases: record.get('aliases') as string[],
          ...(iso3 ? { iso3 } : {}),
        },
      ];
    }),
    claims: claims.records.map((record) => ({
      id: record.get('id') as string,
      text: record.get('text') as string,
      aliases: record.get('aliases') as string[],
    })),
  };
}

const ACTOR_KIND_OF_PREFIX: Record<string, ActorKind> = {
  person: 'Person',
  institution: 'Institution',
  country: 'Country',
};

/** Reads --known dataset files (their actors and claims; checked by the dataset schema). */
export function knownFromFiles(files: readonly string[]): KnownEntities {
  const gazetteer: Gazetteer = { actors: [], claims: [] };
  const records = new Map<string, ActorRecord | ClaimRecord>();
  const issues = [];
  for (const file of files) {
    const read = readSourceFile(file);
    if ('issues' in read) {
      issues.push(...read.issues);
      continue;
    }
    const parsed = datasetSchema.safeParse(read.source.data);
    if (!parsed.success) {
      issues.push(...zodIssues(read.source, parsed.error));
      continue;
    }
    for (const actor of parsed.data.actors) {
      const known: KnownActor = {
        id: actor.id,
        kind: ACTOR_KIND_OF_PREFIX[actor.id.split(':')[0]!]!,
        name: actor.name,
        aliases: actor.aliases,
        ...(actor.iso3 ? { iso3: actor.iso3 } : {}),
      };
      gazetteer.actors.push(known);
      records.set(actor.id, actor);
    }
    for (const claim of parsed.data.claims) {
      gazetteer.claims.push({ id: claim.id, text: claim.text, aliases: claim.aliases });
      records.set(claim.id, claim);
    }
  }
  if (issues.length > 0) throw new DatasetValidationError(issues);
  return { gazetteer, records };
}

/** The graph's entries first; a --known entry with an id the graph holds is left out. */
export function combine(graph: Gazetteer | undefined, files: KnownEntities): KnownEntities {
  if (!graph) return files;
  const inGraph = new Set([...graph.actors.map((a) => a.id), ...graph.claims.map((c) => c.id)]);
  const records = new Map([...files.records].filter(([id]) => !inGraph.has(id)));
  return {
    gazetteer: {
      actors: [...graph.actors, ...files.gazetteer.actors.filter((a) => !inGraph.has(a.id))],
      claims: [...graph.claims, ...files.gazetteer.claims.filter((c) => !inGraph.has(c.id))],
    },
    records,
  };
}
