// APOC core for the export benchmark's baseline: bench/apoc/pom.xml copies it from Maven Central
// into bench/work/plugins (once), the plugins folder the benchmarks' embedded Neo4j is started with.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/config.ts';

export const APOC_PLUGINS = path.join(PROJECT_ROOT, 'bench', 'work', 'plugins');
const POM = path.join(PROJECT_ROOT, 'bench', 'apoc', 'pom.xml');

const hasApoc = () =>
  fs.existsSync(APOC_PLUGINS) && fs.readdirSync(APOC_PLUGINS).some((f) => /^apoc-core-.*\.jar$/.test(f));

/** The plugins folder holding APOC, fetched by Maven if needed; a reason when it cannot be had. */
export function ensureApocPlugins(): { dir: string } | { reason: string } {
  if (hasApoc()) return { dir: APOC_PLUGINS };
  const mvn = process.env.MVN ?? 'mvn';
  const result = spawnSync(mvn, ['-B', '-q', '-f', POM, 'package'], { encoding: 'utf8' });
  if (result.error) return { reason: `could not run Maven (${mvn}): ${result.error.message}` };
  if (result.status !== 0 || !hasApoc()) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-5).join(' ');
    return { reason: `Maven could not fetch APOC (exit ${result.status}): ${tail}` };
  }
  return { dir: APOC_PLUGINS };
}
