// `npm run eval`: measures the rule-based extractor against (a) the founding document and its
// hand-coded dataset, (b) the PLOVER development sentences (test/fixtures/eval), (c) throughput
// on 100 articles and the CoreNLP server's memory; writes EVALUATION.md. CoreNLP answers for
// (a) and (b) are cached in var/eval-cache (git-ignored) so that iterating on rules is quick.
//
//   npm run eval [-- --no-cache] [--skip-throughput] [--update-confidence]

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { relationshipType } from '../../model/vocabulary.ts';
import { loadConfig, PROJECT_ROOT } from '../../server/config.ts';
import { validateFiles } from '../../server/dataset/validate.ts';
import { CORENLP_PROPERTIES, extractDocument } from '../../server/extract/pipeline/index.ts';
import type {
  Annotator,
  CoreNlpDocument,
  ExtractionResult,
  Gazetteer,
  SourceDocument,
} from '../../server/extract/types.ts';
import { connectAnnotator } from '../../server/nlp/runtime.ts';
import {
  containsActor,
  pooled,
  scoreDocument,
  scoreOf,
  type ActorNames,
  type Counts,
  type GoldRelationship,
  type Predicted,
} from './score.ts';

const FOUNDING = path.join(PROJECT_ROOT, 'data', 'founding', '2022-01-11-us-nato-envoy-on-russia-talks.yaml');
const PLOVER = path.join(PROJECT_ROOT, 'test', 'fixtures', 'eval', 'plover-gsr-dev.json');
const CACHE = path.join(PROJECT_ROOT, 'var', 'eval-cache');
const PRECISION_FILE = path.join(PROJECT_ROOT, 'server', 'extract', 'pipeline', 'cue-precision.json');
const REPORT = path.join(PROJECT_ROOT, 'EVALUATION.md');

/** PLOVER category → the Stancegraph types accepted for it (test/fixtures/eval/README.md). */
export const PLOVER_TYPES: Record<string, string[]> = {
  DEMAND: ['DEMANDS'],
  REJECT: ['REJECTS'],
  SUPPORT: ['SUPPORTS'],
  AGREE: ['COMMITS_TO', 'PROPOSES', 'SUPPORTS'],
  THREATEN: ['WARNS'],
  DISAPPROVE: ['OPPOSES', 'ACCUSES'],
  CONSULT: ['MEETS'],
};

const EMPTY: Gazetteer = { actors: [], claims: [] };

class CachedAnnotator implements Annotator {
  constructor(
    private readonly inner: Annotator,
    private readonly useCache: boolean,
  ) {}
  async annotate(text: string, properties: Record<string, string>): Promise<CoreNlpDocument> {
    const key = crypto
      .createHash('sha256')
      .update(JSON.stringify(properties))
      .update('\0')
      .update(text)
      .digest('hex');
    const file = path.join(CACHE, `${key.slice(0, 32)}.json`);
    if (this.useCache && fs.existsSync(file))
      return JSON.parse(fs.readFileSync(file, 'utf8')) as CoreNlpDocument;
    const answer = await this.inner.annotate(text, properties);
    fs.mkdirSync(CACHE, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(answer));
    return answer;
  }
}

/** The resident memory of the CoreNLP server listening on the URL's port (Linux /proc), in MB. */
function serverRssMb(url: string): number | undefined {
  const port = new URL(url).port;
  let best: number | undefined;
  try {
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      let cmd: string;
      try {
        cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      } catch {
        continue;
      }
      if (!cmd.includes('StanfordCoreNLPServer') && !cmd.includes('corenlp')) continue;
      if (!new RegExp(`(?:-port|port=|:)\\s*${port}\\b`).test(cmd)) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      if (Number.isFinite(kb)) best = Math.max(best ?? 0, kb / 1024);
    }
  } catch {
    return undefined;
  }
  return best;
}

function namesOf(result: ExtractionResult, id: string): ActorNames {
  const actor = result.actors.find((a) => a.id === id);
  return { id, names: actor ? [actor.name, ...actor.aliases] : [] };
}

function predictions(result: ExtractionResult): Predicted[] {
  return result.suggestions.map((s) => ({
    type: s.type,
    from: namesOf(result, s.from),
    start: s.start,
    end: s.end,
    cue: s.cue,
  }));
}

interface CueTally {
  correct: number;
  total: number;
}

function tallyCue(tally: Map<string, CueTally>, cue: string, correct: boolean) {
  const t = tally.get(cue) ?? { correct: 0, total: 0 };
  t.total++;
  if (correct) t.correct++;
  tally.set(cue, t);
}

async function founding(annotator: Annotator, tally: Map<string, CueTally>) {
  const { issues, dataset } = await validateFiles([FOUNDING], async () => new Map());
  if (!dataset)
    throw new Error(
      `eval: the founding dataset does not validate:\n${issues.map((i) => i.message).join('\n')}`,
    );
  const docNode = dataset.nodes.find((n) => n.kind === 'Document')!;
  const record = docNode.record as {
    id: string;
    text: string;
    title: string;
    published: string;
    language?: string;
  };
  const names = new Map<string, ActorNames>();
  for (const node of dataset.nodes) {
    const r = node.record as { id: string; name?: string; aliases?: string[] };
    if (r.name) names.set(r.id, { id: r.id, names: [r.name, ...(r.aliases ?? [])] });
  }
  const gold: GoldRelationship[] = dataset.relationships
    .filter((r) => {
      const family = relationshipType(r.type)?.family;
      return family === 'stance' || family === 'interaction';
    })
    .map((r) => ({
      type: r.type,
      from: names.get(r.from) ?? { id: r.from, names: [] },
      start: r.start!,
      end: r.end!,
    }));
  const doc: SourceDocument = {
    id: record.id,
    text: record.text,
    title: record.title,
    published: String(record.published),
    language: record.language ?? 'en',
  };
  const annotation = await annotator.annotate(doc.text, CORENLP_PROPERTIES);
  const result = extractDocument(doc, annotation, EMPTY);
  const predicted = predictions(result);
  const scored = scoreDocument(gold, predicted);
  predicted.forEach((p, i) => tallyCue(tally, p.cue, scored.verdicts[i]!));
  const lines = predicted.map(
    (p, i) =>
      `| ${scored.verdicts[i] ? '✓' : '✗'} | ${p.type} | ${p.from.names[0] ?? p.from.id} | \`${p.cue}\` | ${p.start}–${p.end} |`,
  );
  const missed = gold
    .filter((_, i) => !scored.taken.has(i))
    .map(
      (g) =>
        `| ${g.type} | ${g.from.names[0] ?? g.from.id} | ${g.start}–${g.end} | ${JSON.stringify(record.text.slice(g.start, g.end))} |`,
    );
  return { gold, scored, lines, missed };
}

/** Precision over suggestions (right / wrong), recall over sentences (found / all). */
interface PloverCounts {
  right: number;
  wrong: number;
  found: number;
  sentences: number;
}

function ploverScore(c: PloverCounts) {
  const precision = c.right + c.wrong === 0 ? 0 : c.right / (c.right + c.wrong);
  const recall = c.sentences === 0 ? 0 : c.found / c.sentences;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function ploverTable(rows: [string, PloverCounts][]): string[] {
  const out = [
    '| | right | wrong | sentences found | precision | recall | F1 |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, c] of rows) {
    const s = ploverScore(c);
    out.push(
      `| ${name} | ${c.right} | ${c.wrong} | ${c.found} / ${c.sentences} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`,
    );
  }
  return out;
}

interface PloverRecord {
  id: string;
  event: string;
  text: string;
  source?: unknown;
}

function actorTexts(field: unknown): string[] {
  if (!Array.isArray(field)) return typeof field === 'string' && field ? [field] : [];
  return field
    .map((a) => (typeof a === 'string' ? a : String((a as { actorText?: unknown }).actorText ?? '')))
    .filter(Boolean);
}

async function plover(annotator: Annotator, tally: Map<string, CueTally>) {
  const records = (JSON.parse(fs.readFileSync(PLOVER, 'utf8')) as PloverRecord[]).filter(
    (r) => r.event !== 'DOCUMENT',
  );
  const perCategory = new Map<string, PloverCounts>();
  const perType = new Map<string, Counts>();
  const elsewhere = new Map<string, number>();
  const misses: string[] = [];
  const wrongs: string[] = [];
  for (const [n, record] of records.entries()) {
    const doc: SourceDocument = {
      id: `document:plover-${n}`,
      text: record.text,
      title: record.id,
      published: '2000-01-01',
      language: 'en',
    };
    const annotation = await annotator.annotate(record.text, CORENLP_PROPERTIES);
    const result = extractDocument(doc, annotation, EMPTY);
    const accepted = PLOVER_TYPES[record.event];
    if (!accepted) {
      elsewhere.set(record.event, (elsewhere.get(record.event) ?? 0) + result.suggestions.length);
      continue;
    }
    const sources = actorTexts(record.source);
    const c = perCategory.get(record.event) ?? { right: 0, wrong: 0, found: 0, sentences: 0 };
    c.sentences++;
    let found = false;
    for (const s of result.suggestions) {
      const right =
        accepted.includes(s.type) && sources.some((t) => containsActor(namesOf(result, s.from), t));
      tallyCue(tally, s.cue, right);
      const t = perType.get(s.type) ?? { tp: 0, fp: 0, fn: 0 };
      if (right) {
        c.right++;
        t.tp++;
        found = true;
      } else {
        c.wrong++;
        t.fp++;
        wrongs.push(
          `${record.id} (${record.event}, source ${sources.join(' / ') || 'none'}): ${s.type} by ${namesOf(result, s.from).names[0]} (\`${s.cue}\`)`,
        );
      }
      perType.set(s.type, t);
    }
    if (found) c.found++;
    else {
      misses.push(
        `${record.id}: ${result.suggestions.map((s) => `${s.type} by ${namesOf(result, s.from).names[0]}`).join(', ') || 'nothing'}`,
      );
    }
    perCategory.set(record.event, c);
  }
  return { perCategory, perType, elsewhere, misses, wrongs, records: records.length };
}

/** 100 articles of about 2,000 characters, composed deterministically from the dev sentences and the founding text. */
function throughputTexts(): string[] {
  const records = (JSON.parse(fs.readFileSync(PLOVER, 'utf8')) as PloverRecord[]).filter(
    (r) => r.event !== 'DOCUMENT',
  );
  const founding = fs.readFileSync(FOUNDING.replace(/\.yaml$/, '.txt'), 'utf8').split(/\n\n+/);
  const texts: string[] = [];
  for (let d = 0; d < 100; d++) {
    const paragraphs: string[] = [];
    let length = 0;
    for (let k = 0; length < 2000; k++) {
      const p =
        k % 3 === 2
          ? founding[(d * 7 + k) % founding.length]!
          : records[(d * 13 + k * 5) % records.length]!.text;
      paragraphs.push(p.trim());
      length += p.length + 2;
    }
    texts.push(`Article ${d + 1}\n\n${paragraphs.join('\n\n')}\n`);
  }
  return texts;
}

async function throughput(annotator: Annotator, url: string, concurrency: number) {
  const texts = throughputTexts();
  let suggestions = 0;
  let peakRss = serverRssMb(url) ?? 0;
  const loadBefore = os.loadavg()[0] ?? 0;
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < texts.length) {
      const i = next++;
      const text = texts[i]!;
      const annotation = await annotator.annotate(text, CORENLP_PROPERTIES);
      const result = extractDocument(
        { id: `document:t${i}`, text, title: `t${i}`, published: '2022-01-01', language: 'en' },
        annotation,
        EMPTY,
      );
      suggestions += result.suggestions.length;
      peakRss = Math.max(peakRss, serverRssMb(url) ?? 0);
      process.stderr.write(`\rthroughput: ${i + 1}/${texts.length}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  process.stderr.write('\n');
  const seconds = (performance.now() - t0) / 1000;
  const load = [loadBefore, os.loadavg()[0] ?? 0];
  const chars = texts.reduce((n, t) => n + t.length, 0);
  return {
    documents: texts.length,
    chars,
    seconds,
    perMinute: (texts.length / seconds) * 60,
    suggestions,
    peakRss,
    load,
  };
}

const pct = (x: number) => x.toFixed(2);

function table(rows: [string, Counts][]): string[] {
  const out = ['| | TP | FP | FN | precision | recall | F1 |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const [name, c] of rows) {
    const s = scoreOf(c);
    out.push(
      `| ${name} | ${c.tp} | ${c.fp} | ${c.fn} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`,
    );
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: {
      'no-cache': { type: 'boolean', default: false },
      'skip-throughput': { type: 'boolean', default: false },
      'update-confidence': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
    },
  });
  // STANCEGRAPH_CORENLP_URL when set, else the managed server (started if need be).
  const config = loadConfig(process.env);
  const client = await connectAnnotator(config, CORENLP_PROPERTIES, (message) =>
    process.stderr.write(`eval: ${message}\n`),
  );
  const urls = [...client.urls];
  const annotator = new CachedAnnotator(client, !values['no-cache']);
  const tally = new Map<string, CueTally>();

  process.stderr.write('eval: founding document …\n');
  const f = await founding(annotator, tally);
  process.stderr.write('eval: PLOVER dev sentences …\n');
  const p = await plover(annotator, tally);
  // The throughput section is kept from the last full run when this one skips it (it takes minutes).
  const previous = fs.existsSync(REPORT)
    ? /## \(c\) Throughput\n\n([\s\S]*?)\n## /.exec(fs.readFileSync(REPORT, 'utf8'))?.[1]
    : undefined;
  const t = values['skip-throughput']
    ? undefined
    : await throughput(client, urls[0]!, Number(values.concurrency));

  const foundingTypes = [...f.scored.perType.entries()].sort(([a], [b]) => a.localeCompare(b));
  const ploverCats = Object.keys(PLOVER_TYPES).map(
    (k) =>
      [k, p.perCategory.get(k) ?? { right: 0, wrong: 0, found: 0, sentences: 0 }] as [string, PloverCounts],
  );
  const fPooled = pooled(f.scored.perType);
  const pPooled = ploverCats.reduce<PloverCounts>(
    (a, [, c]) => ({
      right: a.right + c.right,
      wrong: a.wrong + c.wrong,
      found: a.found + c.found,
      sentences: a.sentences + c.sentences,
    }),
    { right: 0, wrong: 0, found: 0, sentences: 0 },
  );

  const report = [
    '# Evaluation of the rule-based extractor',
    '',
    'Written by `npm run eval` (scripts/eval/run.ts); do not edit by hand. Extraction runs with an',
    '**empty gazetteer** (no known actors or claims), as on a text nobody has coded yet.',
    '',
    '## Summary',
    '',
    `| data | precision | recall | F1 |`,
    `|---|---:|---:|---:|`,
    `| founding document (${f.gold.length} relationships) | ${pct(scoreOf(fPooled).precision)} | ${pct(scoreOf(fPooled).recall)} | ${pct(scoreOf(fPooled).f1)} |`,
    `| PLOVER dev, seven stance categories (${pPooled.sentences} sentences) | ${pct(ploverScore(pPooled).precision)} | ${pct(ploverScore(pPooled).recall)} | ${pct(ploverScore(pPooled).f1)} |`,
    '',
    'Targets (issue 13): pooled F1 ≥ 0.7 with precision ≥ 0.75 on both.',
    '',
    '## (a) The founding document',
    '',
    "`data/founding/*.txt` against `data/founding/*.yaml` (parsed and validated by the project's own",
    'dataset reader), its stances and interactions.',
    '',
    '**Matching rule.** Suggestions are taken in text order; each takes the first gold relationship',
    'not yet taken that has (1) the same type, (2) the same speaker: the same actor id, or one of the',
    "suggested actor's name and aliases equal to one of the gold actor's name and aliases",
    '(case-insensitive), and (3) an overlapping quote span (`start < gold.end && gold.start < end`).',
    'A suggestion that takes none is a false positive; a gold relationship no suggestion takes is a',
    'false negative. Matching is one-to-one, so one sentence coded twice (two claims) needs two',
    'suggestions.',
    '',
    ...table([...foundingTypes, ['**pooled**', fPooled]]),
    '',
    '<details><summary>Every suggestion and its verdict</summary>',
    '',
    '| | type | speaker | cue | span |',
    '|---|---|---|---|---|',
    ...f.lines,
    '',
    '</details>',
    '',
    '<details><summary>Gold relationships missed</summary>',
    '',
    '| type | speaker | span | quote |',
    '|---|---|---|---|',
    ...f.missed,
    '',
    '</details>',
    '',
    '## (b) PLOVER development sentences',
    '',
    '`test/fixtures/eval/plover-gsr-dev.json` (161 sentences from the PLOVER gold standard records,',
    'CC BY-SA 4.0, © 2016 Open Event Data Alliance; see the README beside it). Each sentence is',
    'extracted as a document of its own.',
    '',
    '**Matching rule.** A suggestion on a sentence is right when its type is in the set accepted for',
    "the sentence's PLOVER category and its speaker's name or one of its aliases contains one of the",
    "record's source `actorText`s, or the other way round (case-insensitive). Precision counts",
    'suggestions (every suggestion is right or wrong); recall counts sentences (a sentence is found',
    'when at least one suggestion on it is right).',
    '',
    '| PLOVER | accepted types |',
    '|---|---|',
    ...Object.entries(PLOVER_TYPES).map(([k, v]) => `| ${k} | ${v.join(', ')} |`),
    '',
    ...ploverTable([...ploverCats, ['**pooled**', pPooled]]),
    '',
    "Per suggested type (on the seven categories' sentences; FN not defined per type):",
    '',
    ...table([...p.perType.entries()].sort(([a], [b]) => a.localeCompare(b))).map((l) => l),
    '',
    'Suggestions on sentences of the other categories (no accepted type; reported, not scored):',
    [...p.elsewhere.entries()].map(([k, n]) => `${k} ${n}`).join(', ') || 'none',
    '',
    '<details><summary>Wrong suggestions</summary>',
    '',
    ...p.wrongs.map((m) => `- ${m}`),
    '',
    '</details>',
    '',
    '<details><summary>Sentences missed</summary>',
    '',
    ...p.misses.map((m) => `- ${m}`),
    '',
    '</details>',
    '',
    '## (c) Throughput',
    '',
    ...(t
      ? [
          `${t.documents} articles of about 2,000 characters (${t.chars} characters in all; composed`,
          "deterministically from the PLOVER sentences and the founding document's paragraphs), annotated",
          `by one CoreNLP server with ${values.concurrency} requests in flight (no cache), then extracted:`,
          '',
          `- **${t.perMinute.toFixed(1)} documents per minute** (${t.seconds.toFixed(1)} s in all) on this machine (${cpuCount()} cores, shared)`,
          `- CoreNLP server resident memory: ${t.peakRss ? `${Math.round(t.peakRss)} MB at its peak` : 'not measured (the server is not a local process)'}`,
          `- ${t.suggestions} suggestions`,
          `- measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average ${t.load.map((l) => l.toFixed(1)).join(' → ')} (other processes share the cores)`,
        ]
      : [previous?.trim() ?? 'Not measured yet (run `npm run eval` without `--skip-throughput`).']),
    '',
    '## Confidence per cue',
    '',
    "A suggestion's confidence is its cue's precision on the development data (both sets above),",
    'smoothed as (right + 1) / (suggested + 2); cues never seen get 0.5. `npm run eval --',
    '--update-confidence` writes them to `server/extract/pipeline/cue-precision.json`.',
    '',
    '| cue | right | suggested | confidence |',
    '|---|---:|---:|---:|',
    ...[...tally.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([cue, c]) => `| \`${cue}\` | ${c.correct} | ${c.total} | ${smoothed(c).toFixed(2)} |`),
    '',
  ].join('\n');
  fs.writeFileSync(REPORT, report);

  if (values['update-confidence']) {
    const cues = Object.fromEntries(
      [...tally.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([cue, c]) => [cue, Number(smoothed(c).toFixed(2))]),
    );
    const current = JSON.parse(fs.readFileSync(PRECISION_FILE, 'utf8')) as { note: string };
    fs.writeFileSync(PRECISION_FILE, `${JSON.stringify({ note: current.note, cues }, null, 2)}\n`);
  }
  const fs1 = scoreOf(fPooled);
  const ps1 = ploverScore(pPooled);
  console.log(`founding: P ${pct(fs1.precision)} R ${pct(fs1.recall)} F1 ${pct(fs1.f1)}`);
  console.log(`PLOVER (7 categories): P ${pct(ps1.precision)} R ${pct(ps1.recall)} F1 ${pct(ps1.f1)}`);
  if (t)
    console.log(
      `throughput: ${t.perMinute.toFixed(1)} documents/minute, CoreNLP RSS ${Math.round(t.peakRss)} MB`,
    );
  console.log(`wrote ${path.relative(process.cwd(), REPORT)}`);
}

const smoothed = (c: CueTally) => (c.correct + 1) / (c.total + 2);
const cpuCount = () => os.cpus().length;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
