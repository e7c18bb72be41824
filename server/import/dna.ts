// The Discourse Network Analyzer's DNA 3.x database (.dna, SQLite, read with sql.js: no native
// build) as the loader's records: documents with their text and date; persons and organisations
// with DNA's entity attributes (Type, Alias, Notes); concepts as claims; each statement a stance
// (agreement 1 → SUPPORTS, 0 → OPPOSES) with its exact quote Text[Start:Stop], the coder kept, and
// a person who speaks for an organisation as the speaker with `onBehalfOf`. DNA 2.x files and
// anything else are refused with what was found.

import fs from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { ImportInputError, slug, type ImportItem, type Importer } from './types.ts';

export const DNA_SOURCE = 'dna';
export const AGREE_TYPE = 'SUPPORTS';
export const DISAGREE_TYPE = 'OPPOSES';

const SQLITE_HEADER = 'SQLite format 3\u0000';

type Row = Record<string, SqlValue>;

function rows(db: Database, sql: string, params: SqlValue[] = []): Row[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const out: Row[] = [];
    while (statement.step()) out.push(statement.getAsObject() as Row);
    return out;
  } finally {
    statement.free();
  }
}

const tableNames = (db: Database) =>
  new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r.name)));

/** Opens a DNA 3.x file, or says what the file is instead. */
async function openDna(file: string): Promise<{ db: Database; version: string }> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new ImportInputError(
      file,
      undefined,
      undefined,
      `cannot read (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  if (bytes.subarray(0, 16).toString('latin1') !== SQLITE_HEADER)
    throw new ImportInputError(
      file,
      undefined,
      undefined,
      'not a SQLite database; expected a DNA 3.x .dna file',
    );
  const SQL = await initSqlJs();
  let db: Database;
  let tables: Set<string>;
  try {
    db = new SQL.Database(bytes);
    tables = tableNames(db);
  } catch (error) {
    throw new ImportInputError(
      file,
      undefined,
      undefined,
      `a damaged SQLite database (${(error as Error).message}); expected a DNA 3.x .dna file`,
    );
  }
  const settings = tables.has('SETTINGS')
    ? rows(db, "SELECT Value FROM SETTINGS WHERE Property = 'version'")
    : [];
  const version = settings[0] ? String(settings[0].Value) : undefined;
  const needed = [
    'DOCUMENTS',
    'STATEMENTS',
    'STATEMENTTYPES',
    'VARIABLES',
    'ENTITIES',
    'DATASHORTTEXT',
    'DATABOOLEAN',
  ];
  const missing = needed.filter((table) => !tables.has(table));
  if (version?.startsWith('2') || (tables.has('DATASHORTTEXT') && !tables.has('ENTITIES'))) {
    db.close();
    throw new ImportInputError(
      file,
      undefined,
      undefined,
      `a DNA ${version ?? '2.x'} database; this importer reads DNA 3.x files (open it in DNA 3 to convert it)`,
    );
  }
  if (missing.length > 0 || !version) {
    db.close();
    throw new ImportInputError(
      file,
      undefined,
      undefined,
      `a SQLite database but not a DNA 3.x file (${missing.length > 0 ? `no table${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : 'no version in SETTINGS'})`,
    );
  }
  if (!version.startsWith('3')) {
    db.close();
    throw new ImportInputError(file, undefined, undefined, `DNA version ${version}; expected a DNA 3.x file`);
  }
  return { db, version };
}

const damaged = (file: string, error: unknown) =>
  new ImportInputError(
    file,
    undefined,
    undefined,
    `a damaged SQLite database (${(error as Error).message}); expected a DNA 3.x .dna file`,
  );

const isoDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

export const dnaImporter: Importer = {
  format: 'dna',
  accepts: (file) => /\.dna$/i.test(file),
  size: async (files) => {
    // Statements: known once the file is open; the bar then counts them (read yields statement ids).
    let total = 0;
    for (const file of files) {
      const { db } = await openDna(file);
      total += Number(rows(db, 'SELECT max(ID) AS n FROM STATEMENTS')[0]?.n ?? 0);
      db.close();
    }
    return total;
  },
  async *read(files) {
    for (const file of files) {
      const { db } = await openDna(file);
      try {
        yield* readDatabase(db, file);
      } catch (error) {
        throw error instanceof ImportInputError ? error : damaged(file, error);
      } finally {
        db.close();
      }
    }
  },
};

function* readDatabase(db: Database, file: string): Generator<ImportItem> {
  const base = slug(path.basename(file).replace(/\.dna$/i, ''));
  const origin = (record?: string) => ({ file, ...(record ? { record } : {}) });

  // Entity attributes: Type, Alias, Notes, … per entity id.
  const attributes = new Map<number, Map<string, string>>();
  for (const row of rows(
    db,
    'SELECT v.EntityId AS entity, a.AttributeVariable AS name, v.AttributeValue AS value FROM ATTRIBUTEVALUES v JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId',
  )) {
    if (!row.value) continue;
    const map = attributes.get(Number(row.entity)) ?? new Map<string, string>();
    attributes.set(Number(row.entity), map);
    map.set(String(row.name), String(row.value).trim());
  }
  const coders = new Map(rows(db, 'SELECT ID, Name FROM CODERS').map((r) => [Number(r.ID), String(r.Name)]));

  const documents = new Map<number, { id: string; text: string; published: string }>();
  for (const row of rows(db, 'SELECT ID, Title, Text, Date FROM DOCUMENTS ORDER BY ID')) {
    const seconds = Number(row.Date);
    if (!Number.isFinite(seconds) || Math.abs(seconds) > 1e11)
      throw new ImportInputError(
        file,
        undefined,
        `DOCUMENTS.Date of document ${row.ID}`,
        `expected seconds since 1970 (DNA 3), got ${row.Date}`,
      );
    const doc = { id: `document:dna-${base}-${row.ID}`, text: String(row.Text), published: isoDay(seconds) };
    documents.set(Number(row.ID), doc);
    const title = String(row.Title).trim() || `DNA document ${row.ID}`;
    if (doc.text.trim() === '') continue; // a document without text has no statements to ground
    yield {
      section: 'documents',
      record: { id: doc.id, title, published: doc.published, text: doc.text },
      origin: origin(`document ${row.ID}`),
    };
  }

  const types = new Map(
    rows(db, 'SELECT ID, Label FROM STATEMENTTYPES').map((r) => [Number(r.ID), String(r.Label)]),
  );
  const variables = new Map<number, Map<string, number>>();
  for (const row of rows(db, 'SELECT ID, Variable, StatementTypeId FROM VARIABLES')) {
    const map = variables.get(Number(row.StatementTypeId)) ?? new Map<string, number>();
    variables.set(Number(row.StatementTypeId), map);
    map.set(String(row.Variable), Number(row.ID));
  }
  const shortText = new Map<string, { value: string; entity: number }>();
  for (const row of rows(
    db,
    'SELECT d.StatementId AS s, d.VariableId AS v, e.Value AS value, e.ID AS entity FROM DATASHORTTEXT d JOIN ENTITIES e ON e.ID = d.Entity',
  )) {
    shortText.set(`${row.s}|${row.v}`, { value: String(row.value).trim(), entity: Number(row.entity) });
  }
  const booleans = new Map(
    rows(db, 'SELECT StatementId AS s, VariableId AS v, Value AS value FROM DATABOOLEAN').map((r) => [
      `${r.s}|${r.v}`,
      Number(r.value),
    ]),
  );

  const actor = (kind: 'person' | 'institution', value: string, entity: number): ImportItem => {
    const attrs = attributes.get(entity);
    const description = attrs
      ? [...attrs]
          .filter(([name]) => name !== 'Alias')
          .map(([name, v]) => `${name}: ${v}`)
          .join('; ')
      : '';
    const alias = attrs?.get('Alias');
    return {
      section: 'actors',
      record: {
        id: `${kind}:${slug(value)}`,
        name: value,
        aliases: alias ? alias.split(/\s*;\s*/).filter((a) => a && a !== value) : [],
        ...(description ? { description } : {}),
      },
      origin: origin(`entity ${entity}`),
    };
  };

  for (const row of rows(
    db,
    'SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY ID',
  )) {
    const id = Number(row.ID);
    yield { read: id };
    const where = origin(`statement ${id}`);
    const typeLabel = types.get(Number(row.StatementTypeId)) ?? `type ${row.StatementTypeId}`;
    const vars = variables.get(Number(row.StatementTypeId)) ?? new Map<string, number>();
    const [person, organization, concept, agreement] = ['person', 'organization', 'concept', 'agreement'].map(
      (v) => vars.get(v),
    );
    if (
      concept === undefined ||
      agreement === undefined ||
      (person === undefined && organization === undefined)
    ) {
      yield {
        skipped: {
          ...where,
          reason: `statement type "${typeLabel}" has no person/organization, concept and agreement variables`,
        },
      };
      continue;
    }
    const value = (variable: number | undefined) =>
      variable === undefined ? undefined : shortText.get(`${id}|${variable}`);
    const [p, o, c] = [value(person), value(organization), value(concept)];
    const agree = booleans.get(`${id}|${agreement}`);
    if (!c?.value) {
      yield { skipped: { ...where, reason: 'no concept' } };
      continue;
    }
    if (!p?.value && !o?.value) {
      yield { skipped: { ...where, reason: 'no person or organization' } };
      continue;
    }
    if (agree !== 0 && agree !== 1) {
      yield { skipped: { ...where, reason: 'no agreement value' } };
      continue;
    }
    const doc = documents.get(Number(row.DocumentId));
    if (!doc)
      throw new ImportInputError(
        file,
        undefined,
        `STATEMENTS.DocumentId of statement ${id}`,
        `no document ${row.DocumentId}`,
      );
    const [start, stop] = [Number(row.Start), Number(row.Stop)];
    if (!(start >= 0 && stop > start && stop <= doc.text.length))
      throw new ImportInputError(
        file,
        undefined,
        `STATEMENTS.Start/Stop of statement ${id}`,
        `[${start}, ${stop}) is outside document ${row.DocumentId}'s text (${doc.text.length} characters)`,
      );
    const speaker = p?.value ? actor('person', p.value, p.entity) : actor('institution', o!.value, o!.entity);
    yield speaker;
    const onBehalf = p?.value && o?.value ? actor('institution', o.value, o.entity) : undefined;
    if (onBehalf) yield onBehalf;
    const claim = `claim:dna-${slug(c.value)}`;
    yield {
      section: 'claims',
      record: { id: claim, text: c.value, aliases: [] },
      origin: origin(`entity ${c.entity}`),
    };
    const coder = coders.get(Number(row.Coder));
    yield {
      section: 'relationships',
      record: {
        type: agree === 1 ? AGREE_TYPE : DISAGREE_TYPE,
        from: (speaker as { record: { id: string } }).record.id,
        to: claim,
        doc: doc.id,
        quote: doc.text.slice(start, stop),
        start,
        end: stop,
        date: doc.published,
        method: 'import',
        confidence: 1,
        source: DNA_SOURCE,
        record: `${base}-${id}`,
        ...(onBehalf ? { onBehalfOf: (onBehalf as { record: { id: string } }).record.id } : {}),
        ...(coder ? { coder } : {}),
      },
      origin: where,
    };
  }
}
