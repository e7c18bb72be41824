// A canonical fingerprint of the whole graph: every node, relationship and property, in an order
// that does not depend on storage. Equal checksums mean the same graph, property by property.

import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { queries } from '../cypher/registry.ts';
import { canonicalJson } from '../json.ts';
import { toPlain } from './values.ts';

export { canonicalJson };

export interface GraphDump {
  nodes: string[];
  relationships: string[];
}

/** Every node and relationship as canonical text lines, sorted. */
export async function dumpGraph(driver: Driver, database?: string): Promise<GraphDump> {
  const options = { database, routing: neo4j.routing.READ };
  const nodes = await driver.executeQuery(queries['graph-dump-nodes'], {}, options);
  const rels = await driver.executeQuery(queries['graph-dump-relationships'], {}, options);
  const lines = (records: typeof nodes.records) =>
    records.map((record) => canonicalJson(toPlain(record.toObject()))).sort();
  return { nodes: lines(nodes.records), relationships: lines(rels.records) };
}

export async function graphChecksum(driver: Driver, database?: string): Promise<string> {
  const dump = await dumpGraph(driver, database);
  const hash = createHash('sha256');
  for (const line of [...dump.nodes, '--', ...dump.relationships]) hash.update(`${line}\n`);
  return hash.digest('hex');
}
