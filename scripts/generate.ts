// A deterministic synthetic dataset in the bulk format (one JSON Lines file per record type), for
// benchmarks at scale: a few thousand actors with a heavy-tailed number of stances, tens of
// thousands of claims grouped in topics, documents whose texts hold every quote at its offsets,
// dates over several years. The same --seed gives the same files, byte for byte.
//
//   npm run gen -- --stances 1000000 --seed 1 --out bench/work/synthetic-1m

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VOCABULARY } from '../model/vocabulary.ts';

export interface GenerateOptions {
  stances: number;
  seed: number;
  out: string;
}

/** mulberry32: a small, fast, seedable PRNG (deterministic across platforms). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Anna',
  'Boris',
  'Chen',
  'Dana',
  'Emil',
  'Farah',
  'Goran',
  'Hana',
  'Ivan',
  'Jana',
  'Karim',
  'Lena',
  'Marek',
  'Nadia',
  'Oleg',
  'Petra',
  'Rami',
  'Sofia',
  'Tomas',
  'Yara',
];
const LAST = [
  'Adler',
  'Bakir',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Horvat',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Rossi',
  'Silva',
  'Tanaka',
  'Weber',
];
const BODIES = [
  'Ministry of Foreign Affairs',
  'Parliament',
  'Defence Council',
  'Security Council',
  'Delegation',
  'Commission',
  'Assembly',
  'Agency',
];
const ISSUES = [
  'sanctions',
  'arms control',
  'energy transit',
  'border security',
  'grain exports',
  'peacekeeping',
  'cyber norms',
  'alliance enlargement',
  'missile deployment',
  'military exercises',
  'humanitarian corridors',
  'nuclear safety',
];
const VERBS = ['should', 'must', 'should not', 'will', 'may'];
const ACTIONS = [
  'lift',
  'extend',
  'review',
  'limit',
  'guarantee',
  'suspend',
  'expand',
  'monitor',
  'negotiate',
  'fund',
];

export const STANCE_TYPES = VOCABULARY.filter((row) => row.family === 'stance').map((row) => row.type);
export const INTERACTION_TYPES = VOCABULARY.filter((row) => row.family === 'interaction').map(
  (row) => row.type,
);

/** Writes JSON Lines with a large buffer; returns a function to append one record. */
function jsonl(file: string): { write(record: object): void; close(): Promise<void> } {
  const stream = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  let buffer = '';
  return {
    write(record) {
      buffer += `${JSON.stringify(record)}\n`;
      if (buffer.length > 1 << 20) {
        stream.write(buffer);
        buffer = '';
      }
    },
    close: () =>
      new Promise((resolve, reject) => {
        stream.end(buffer, () => resolve());
        stream.once('error', reject);
      }),
  };
}

export const isoDate = (day: number) =>
  new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

export async function generate({ stances, seed, out }: GenerateOptions): Promise<Record<string, number>> {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  /** A heavy-tailed index in [0, n): a few are drawn very often, most rarely (Zipf-like). */
  const heavy = (n: number) => Math.min(n - 1, Math.floor(n * random() ** 3));

  fs.mkdirSync(out, { recursive: true });
  const counts: Record<string, number> = {};
  const files = Object.fromEntries(
    ['documents', 'actors', 'claims', 'topics', 'events', 'relationships'].map((name) => [
      name,
      jsonl(path.join(out, `${name}.jsonl`)),
    ]),
  ) as Record<
    'documents' | 'actors' | 'claims' | 'topics' | 'events' | 'relationships',
    ReturnType<typeof jsonl>
  >;
  const emit = (file: keyof typeof files, record: object) => {
    files[file].write(record);
    counts[file] = (counts[file] ?? 0) + 1;
  };

  const nActors = Math.max(50, Math.round(stances / 300));
  const nClaims = Math.max(20, Math.round(stances / 30));
  const nTopics = Math.max(5, Math.round(nClaims / 100));
  const nEvents = Math.max(5, Math.round(stances / 2000));
  const nCountries = Math.min(190, Math.max(5, Math.round(nActors * 0.1)));
  const nInstitutions = Math.round(nActors * 0.2);

  const actorIds: string[] = [];
  for (let i = 0; i < nActors; i++) {
    if (i < nCountries) {
      const id = `country:c${i}`;
      emit('actors', {
        id,
        name: `Country ${i}`,
        aliases: [`Capital ${i}`],
        iso3: `X${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
      });
      actorIds.push(id);
    } else if (i < nCountries + nInstitutions) {
      const id = `institution:i${i}`;
      emit('actors', { id, name: `${pick(BODIES)} ${i}`, aliases: [] });
      actorIds.push(id);
    } else {
      const id = `person:p${i}`;
      emit('actors', {
        id,
        name: `${pick(FIRST)} ${pick(LAST)} ${i}`,
        aliases: [`${pick(LAST)} ${i}`],
        title: `Spokesperson ${i % 97}`,
      });
      actorIds.push(id);
    }
  }
  for (let t = 0; t < nTopics; t++)
    emit('topics', { id: `topic:t${t}`, name: `${ISSUES[t % ISSUES.length]} ${t}` });
  for (let c = 0; c < nClaims; c++) {
    emit('claims', {
      id: `claim:k${c}`,
      text: `Party ${c % 101} ${pick(VERBS)} ${pick(ACTIONS)} ${ISSUES[c % ISSUES.length]} (claim ${c})`,
    });
    emit('relationships', { type: 'ABOUT', from: `claim:k${c}`, to: `topic:t${c % nTopics}` });
  }
  for (let e = 0; e < nEvents; e++) {
    const day = Math.floor(random() * 2000);
    emit('events', {
      id: `event:e${e}`,
      name: `Summit ${e}`,
      start: isoDate(day),
      end: isoDate(day + 1 + Math.floor(random() * 3)),
      place: `City ${e % 50}`,
    });
    const attendees = new Set(Array.from({ length: 3 }, () => actorIds[heavy(nCountries + nInstitutions)]!));
    for (const from of attendees) emit('relationships', { type: 'ATTENDS', from, to: `event:e${e}` });
  }
  // Affiliations: people represent a country and are members of an institution.
  for (let i = nCountries + nInstitutions; i < nActors; i++) {
    emit('relationships', { type: 'REPRESENTS', from: actorIds[i], to: actorIds[i % nCountries] });
    if (nInstitutions > 0)
      emit('relationships', {
        type: 'MEMBER_OF',
        from: actorIds[i],
        to: actorIds[nCountries + (i % nInstitutions)],
      });
  }

  // Documents, each holding the quotes of its stances; ~20 statements per document.
  let written = 0;
  let d = 0;
  while (written < stances) {
    const docId = `document:d${d}`;
    const day = Math.floor((d / Math.max(1, stances / 20)) * 2000 + random() * 30);
    const published = isoDate(day);
    const n = Math.min(stances - written, 5 + Math.floor(random() * 30));
    let text = `Report ${d}, ${published}.\n`;
    const rels: object[] = [];
    for (let k = 0; k < n; k++) {
      const interaction = random() < 0.1;
      const from = actorIds[heavy(nActors)]!;
      const to = interaction ? actorIds[heavy(nActors)]! : `claim:k${heavy(nClaims)}`;
      const type = interaction ? pick(INTERACTION_TYPES) : pick(STANCE_TYPES);
      const quote = `Statement ${d}.${k}: ${from.split(':')[1]} on ${to.split(':')[1]}, “${pick(VERBS)} ${pick(ACTIONS)}”.`;
      text += 'Context sentence. ';
      const start = text.length;
      text += quote;
      text += '\n';
      rels.push({
        type,
        from,
        to: interaction && to === from ? actorIds[(actorIds.indexOf(from) + 1) % nActors] : to,
        doc: docId,
        quote,
        start,
        end: start + quote.length,
        date: published,
        method: random() < 0.7 ? 'llm' : 'rule',
        confidence: Math.round((0.5 + random() / 2) * 100) / 100,
        ...(random() < 0.1 ? { modality: 'conditional' } : {}),
      });
    }
    emit('documents', { id: docId, title: `Report ${d}`, published, language: 'en', text });
    for (const rel of rels) emit('relationships', rel);
    written += n;
    d++;
  }
  counts.stances = written;
  await Promise.all(Object.values(files).map((file) => file.close()));
  fs.writeFileSync(
    path.join(out, 'stancegraph.json'),
    `${JSON.stringify({ stancegraph: 1, format: 'jsonl', generator: { stances, seed }, counts }, null, 2)}\n`,
  );
  return counts;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const { values } = parseArgs({
    options: {
      stances: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`Usage: npm run gen -- [--stances N] [--seed S] [--out DIR]

Writes a deterministic synthetic dataset in the bulk format (JSON Lines, one file per record type)
to DIR (default bench/work/synthetic-<N>-s<S>). Load it with: npx stancegraph load DIR
`);
    process.exit(0);
  }
  const stances = Number(values.stances);
  const seed = Number(values.seed);
  if (!Number.isInteger(stances) || stances < 1) throw new Error('--stances: expected a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed: expected an integer');
  const out = values.out ?? path.join('bench', 'work', `synthetic-${stances}-s${seed}`);
  const started = performance.now();
  const counts = await generate({ stances, seed, out });
  process.stderr.write(
    `Wrote ${out} in ${((performance.now() - started) / 1000).toFixed(1)}s: ${JSON.stringify(counts)}\n`,
  );
}
