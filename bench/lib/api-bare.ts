// The API benchmark's baseline, in a bare Node process of its own: the scenario's Cypher through
// neo4j-driver (the server's driver settings) from N concurrent loops until a number of requests
// is done, after a warm-up. Prints one LoadRun as JSON on stdout.
//   node --import tsx bench/lib/api-bare.ts '<BareSpec as JSON>'   (NEO4J_URI in the environment)

import { loadConfig } from '../../server/config.ts';
import { createDriver } from '../../server/neo4j/connection.ts';
import { runBare, summarizeLoad, type Scenario, type ScenarioInputs } from './api-scenarios.ts';

export interface BareSpec {
  scenario: Scenario;
  inputs: ScenarioInputs;
  connections: number;
  warmupRequests: number;
  requests: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as BareSpec;
const config = loadConfig();
const db = { driver: createDriver(config), database: config.neo4j.database };

/** `connections` loops share `requests` requests; each takes the next input in turn. */
async function load(requests: number) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const loop = async () => {
    while (next < requests) {
      const i = next++;
      const at = performance.now();
      try {
        await runBare(db, config.api.queryTimeoutMs, spec.inputs, spec.scenario, i);
        latencies.push(performance.now() - at);
      } catch (error) {
        errors++;
        if (errors === 1) process.stderr.write(`bare ${spec.scenario}: ${(error as Error).message}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  return summarizeLoad(latencies, errors, (performance.now() - started) / 1000);
}

try {
  await load(spec.warmupRequests);
  process.stdout.write(`${JSON.stringify(await load(spec.requests))}\n`);
} finally {
  await db.driver.close();
}
