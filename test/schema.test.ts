// The schema in cypher/schema: applied at start-up and before every load, idempotent, and
// enforced by Neo4j itself.

import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_LABELS } from '../model/kinds.ts';
import { needsProvenance, VOCABULARY } from '../model/vocabulary.ts';
import { agreementQuery, NEGATIVE_TYPES, POSITIVE_TYPES, STANCE_TYPES } from '../server/api/stances.ts';
import { windowedQuery } from '../server/cypher/registry.ts';
import { applySchema, readSchemaFiles } from '../server/neo4j/schema.ts';
import { resetGraph, testDriver } from './_neo4j.ts';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await resetGraph(driver);
  await applySchema(driver);
});
afterAll(() => driver.close());

describe('the schema', () => {
  it('has a uniqueness constraint on id for every label', async () => {
    const { records } = await driver.executeQuery(
      "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties",
    );
    const constrained = records.filter((r) => r.get('properties').join() === 'id').map((r) => r.get('label'));
    // …and the write log's changes (V005), which are no node of the model.
    expect(new Set(constrained)).toEqual(new Set([...ID_LABELS, 'Change']));
  });

  it('has full-text indexes over actor names and aliases and claim texts', async () => {
    const { records } = await driver.executeQuery(
      "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state WHERE type = 'FULLTEXT' RETURN name, labelsOrTypes, properties, state",
    );
    const byName = Object.fromEntries(records.map((r) => [r.get('name'), r.toObject()]));
    expect(byName.actor_names).toMatchObject({
      labelsOrTypes: ['Actor'],
      properties: ['name', 'aliases'],
      state: 'ONLINE',
    });
    expect(byName.claim_texts).toMatchObject({
      labelsOrTypes: ['Claim'],
      properties: ['text', 'aliases'],
      state: 'ONLINE',
    });
  });

  it('indexes the date of every stance and interaction type, for time windows', async () => {
    const { records } = await driver.executeQuery(
      "SHOW INDEXES YIELD entityType, labelsOrTypes, properties WHERE entityType = 'RELATIONSHIP' AND properties = ['date'] RETURN labelsOrTypes[0] AS type",
    );
    const indexed = new Set(records.map((r) => r.get('type')));
    for (const row of VOCABULARY.filter((r) => needsProvenance(r.family)))
      expect(indexed).toContain(row.type);
  });

  it('is what time windows use: one date-index seek per stance type, no scan of all relationships', async () => {
    const operators = (plan: {
      operatorType: string;
      arguments: Record<string, unknown>;
      children: never[];
    }) => {
      const all: string[] = [];
      const walk = (p: typeof plan) => {
        all.push(`${p.operatorType.replace(/@.*/, '')} ${String(p.arguments.Details ?? '')}`);
        p.children.forEach(walk);
      };
      walk(plan);
      return all;
    };
    const window = { from: '2022-01-01', to: '2022-01-31' };
    // A plan cached by an earlier test file, made on the small founding graph, may scan: Neo4j's
    // planner weighs the counts it saw then. Plan afresh on this (empty) graph's statistics.
    await driver.executeQuery('CALL db.clearQueryCaches()');
    for (const [name, text] of [
      ['agreement-network', agreementQuery(window)],
      ['export-graph-relationships', windowedQuery('export-graph-relationships', STANCE_TYPES, window)],
    ]) {
      const { summary } = await driver.executeQuery(`EXPLAIN ${text}`, {
        ...window,
        positive: POSITIVE_TYPES,
        negative: NEGATIVE_TYPES,
        topic: null,
        kinds: ['Actor', 'Claim'],
      });
      const plan = operators(summary.plan as never);
      const seeks = plan.filter((op) => op.startsWith('DirectedRelationshipIndexSeekByRange'));
      expect(seeks, name).toHaveLength(STANCE_TYPES.length);
      for (const type of STANCE_TYPES) expect(seeks.join('\n'), name).toContain(`[r:${type}(date)]`);
      expect(
        plan.filter((op) => /Scan/.test(op)),
        name,
      ).toEqual([]);
    }
  });

  it('applying it again changes nothing', async () => {
    const count = async () =>
      (await driver.executeQuery('SHOW INDEXES YIELD name RETURN count(*) AS n')).records[0]!.get(
        'n',
      ).toNumber();
    const before = await count();
    const { statements } = await applySchema(driver);
    expect(statements).toBe(readSchemaFiles().reduce((sum, file) => sum + file.statements.length, 0));
    expect(await count()).toBe(before);
  });

  it('is ordered V001, V002, … with no gaps', () => {
    expect(readSchemaFiles().map((file) => file.version)).toEqual(readSchemaFiles().map((_, i) => i + 1));
  });

  it('makes Neo4j itself refuse a duplicate id', async () => {
    await driver.executeQuery("CREATE (:Claim {id: 'claim:duplicate-test', text: 'first'})");
    const error = await driver
      .executeQuery("CREATE (:Claim {id: 'claim:duplicate-test', text: 'second'})")
      .catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('Neo.ClientError.Schema.ConstraintValidationFailed');
    const { records } = await driver.executeQuery(
      "MATCH (c:Claim {id: 'claim:duplicate-test'}) RETURN c.text AS text",
    );
    expect(records.map((r) => r.get('text'))).toEqual(['first']);
  });
});
