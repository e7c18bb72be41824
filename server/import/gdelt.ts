// GDELT event files (1.0 daily and backfile, 2.0 15-minute exports) as the loader's records:
// tab-separated, unquoted, headerless, `.CSV` or `.CSV.zip`; the layout is told apart row by row
// by its field count (57: 1.0 backfile without SOURCEURL, 58: 1.0 daily, 61: 2.0). Each event is
// one record-grounded interaction (source gdelt, record GLOBALEVENTID) whose type the CAMEO root
// names (model/vocabulary.ts); actors resolve to countries by ISO 3166 alpha-3, codes below
// country level (USAGOV, RUSMIL) to institutions linked to their country (PART_OF).

import { hash } from 'node:crypto';
import { typeOfCameo } from '../../model/vocabulary.ts';
import { countryId, countryOfIso3, type Country } from './countries.ts';
import { readLineBatches, totalBytes } from './lines.ts';
import {
  ImportInputError,
  type ImportContext,
  type ImportItem,
  type ImportRelationship,
  type Importer,
  type Origin,
} from './types.ts';

/** Column positions that differ between layouts (the first 35 columns are the same in all). */
interface Layout {
  version: '1.0' | '2.0';
  actionGeo: { fullName: number; lat: number; long: number };
  dateAdded: number;
  sourceUrl: number | undefined;
}

const LAYOUTS: Record<number, Layout> = {
  57: { version: '1.0', actionGeo: { fullName: 50, lat: 53, long: 54 }, dateAdded: 56, sourceUrl: undefined },
  58: { version: '1.0', actionGeo: { fullName: 50, lat: 53, long: 54 }, dateAdded: 56, sourceUrl: 57 },
  61: { version: '2.0', actionGeo: { fullName: 52, lat: 56, long: 57 }, dateAdded: 59, sourceUrl: 60 },
};

const COLUMN = {
  GLOBALEVENTID: 0,
  SQLDATE: 1,
  Actor1Code: 5,
  Actor1Name: 6,
  Actor1CountryCode: 7,
  Actor2Code: 15,
  Actor2Name: 16,
  Actor2CountryCode: 17,
  EventCode: 26,
  QuadClass: 29,
  GoldsteinScale: 30,
  NumMentions: 31,
  NumSources: 32,
  NumArticles: 33,
  AvgTone: 34,
} as const;

/** CAMEO actor type codes (GDELT's CAMEO.type.txt), to name institutions below country level. */
// prettier-ignore
const ACTOR_TYPES: Record<string, string> = {
  COP: 'Police', GOV: 'Government', INS: 'Insurgents', JUD: 'Judiciary', MIL: 'Military',
  OPP: 'Opposition', REB: 'Rebels', SEP: 'Separatist Rebels', SPY: 'Intelligence',
  UAF: 'Unaligned Armed Forces', AGR: 'Agriculture', BUS: 'Business', CRM: 'Criminals',
  CVL: 'Civilians', DEV: 'Development', EDU: 'Education', ELI: 'Elites', ENV: 'Environmental',
  HLH: 'Health', HRI: 'Human Rights', LAB: 'Labor', LEG: 'Legislature', MED: 'Media',
  REF: 'Refugees', MOD: 'Moderates', RAD: 'Radicals', IGO: 'Inter-Governmental Organization',
  IMG: 'International Militarized Group', INT: 'International', MNC: 'Multinational Corporation',
  NGM: 'Non-Governmental Movement', NGO: 'Non-Governmental Organization', SET: 'Settlers',
  UIS: 'Unidentified State Actor',
};

const isoDate = (yyyymmdd: string) =>
  `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/** Days already checked (an export's rows share a handful of dates), bounded. */
const checkedDays = new Map<string, boolean>();

/** Whether the text starts with a real calendar day as YYYYMMDD. */
function validDate(yyyymmdd: string): boolean {
  const day = yyyymmdd.slice(0, 8);
  let valid = checkedDays.get(day);
  if (valid === undefined) {
    const date = new Date(`${isoDate(day)}T00:00:00Z`);
    valid =
      /^\d{8}$/.test(day) &&
      !Number.isNaN(date.getTime()) &&
      date.toISOString().slice(0, 10) === isoDate(day);
    if (checkedDays.size >= 100_000) checkedDays.clear();
    checkedDays.set(day, valid);
  }
  return valid;
}

/** "UNITED STATES" → "United States"; short all-capital words (NATO, EU) stay as they are. */
function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(/\s+/)
    .map((word, i) =>
      word.length <= 4 && /^[a-z]+$/.test(word) && !['the', 'of', 'and', 'for', 'new'].includes(word)
        ? word.toUpperCase()
        : i > 0 && ['the', 'of', 'and', 'for'].includes(word)
          ? word
          : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
}

export const webDocumentId = (url: string) => `document:web-${hash('sha1', url).slice(0, 20)}`;

/** What an import's rows have given already: each actor once, each institution's country link once. */
interface Seen {
  actors: Set<string>;
  linked: Set<string>;
  /** Country node ids by alpha-3 code (the graph's, else a new slug). */
  countryIds: Map<string, string>;
}

/** A country's node id, and its record the first time the import names it. */
function countryActor(
  country: Country,
  context: ImportContext,
  origin: Origin,
  seen: Seen,
  out: ImportItem[],
): string {
  let id = seen.countryIds.get(country.iso3);
  if (id === undefined) {
    id = countryId(country, context.countryIdByIso3);
    seen.countryIds.set(country.iso3, id);
  }
  if (!seen.actors.has(id)) {
    seen.actors.add(id);
    out.push({
      section: 'actors',
      record: { id, name: country.name, aliases: country.aliases, iso3: country.iso3 },
      origin,
    });
  }
  return id;
}

/**
 * Maps GDELT actor fields to an actor id; the records that define it (and its country, and the
 * link to it) go to `out` the first time the import meets them.
 */
function actorOf(
  code: string,
  name: string,
  countryCode: string,
  context: ImportContext,
  origin: Origin,
  seen: Seen,
  out: ImportItem[],
): string {
  const asCountry = code.length === 3 ? countryOfIso3(code) : undefined;
  if (asCountry) return countryActor(asCountry, context, origin, seen, out);
  const country = countryCode ? countryOfIso3(countryCode) : undefined;
  const id = `institution:gdelt-${code.toLowerCase()}`;
  if (!seen.actors.has(id)) {
    seen.actors.add(id);
    let label: string;
    if (country && code.startsWith(country.iso3)) {
      const types = (code.slice(3).match(/.{1,3}/g) ?? []).map((part) => ACTOR_TYPES[part] ?? part);
      label = `${country.name} ${types.join(' ')}`.trim();
    } else label = name ? `${titleCase(name)} (${code})` : code;
    out.push({
      section: 'actors',
      record: { id, name: label, aliases: [code], description: `GDELT actor code ${code}` },
      origin,
    });
  }
  if (country && !seen.linked.has(id)) {
    seen.linked.add(id);
    const countryNode = countryActor(country, context, origin, seen, out);
    out.push({
      section: 'relationships',
      record: { type: 'PART_OF', from: id, to: countryNode, method: 'import', confidence: 1 },
      origin,
    });
  }
  return id;
}

function numberField(
  value: string,
  file: string,
  line: number,
  field: string,
  integer = false,
): number | undefined {
  if (value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || (integer && !Number.isInteger(number)))
    throw new ImportInputError(
      file,
      line,
      field,
      `expected ${integer ? 'a whole number' : 'a number'}, got "${value}"`,
    );
  return number;
}

export const gdeltImporter: Importer = {
  format: 'gdelt',
  accepts: (file) => /\.(csv|tsv|txt)(\.zip)?$/i.test(file) || /\.zip$/i.test(file),
  size: totalBytes,
  async *read(files, context) {
    const seen: Seen = { actors: new Set(), linked: new Set(), countryIds: new Map() };
    let bytes = 0;
    for (const path of files) {
      for await (const batch of readLineBatches(path, (n) => (bytes += n))) {
        // A batch of lines' items in one array: one promise per batch, not one per line or item.
        const items: ImportItem[] = [];
        for (const { file, line, text } of batch)
          if (text !== '') gdeltRow(file, line, text, bytes, context, seen, items);
        yield items;
      }
    }
  },
};

const field = (fields: string[], column: number) => fields[column]!.trim();

/** The items of one GDELT event row (its progress, new actors, document and event, or why it is skipped), to `out`. */
function gdeltRow(
  file: string,
  line: number,
  text: string,
  bytes: number,
  context: ImportContext,
  seen: Seen,
  out: ImportItem[],
): void {
  out.push({ read: bytes });
  const f = text.split('\t');
  const layout = LAYOUTS[f.length];
  if (!layout) {
    throw new ImportInputError(
      file,
      line,
      undefined,
      `${f.length} tab-separated fields; expected a GDELT event row of 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0) fields`,
    );
  }
  const id = field(f, COLUMN.GLOBALEVENTID);
  if (!/^\d+$/.test(id))
    throw new ImportInputError(file, line, 'GLOBALEVENTID', `expected a numeric event id, got "${id}"`);
  const sqlDate = field(f, COLUMN.SQLDATE);
  if (!validDate(sqlDate) || sqlDate.length !== 8)
    throw new ImportInputError(file, line, 'SQLDATE', `expected a date as YYYYMMDD, got "${sqlDate}"`);
  const dateAdded = field(f, layout.dateAdded);
  if (!validDate(dateAdded) || (dateAdded.length !== 8 && dateAdded.length !== 14))
    throw new ImportInputError(
      file,
      line,
      'DATEADDED',
      `expected YYYYMMDD or YYYYMMDDHHMMSS, got "${dateAdded}"`,
    );
  const eventCode = field(f, COLUMN.EventCode);
  const origin: Origin = { file, line };
  const code1 = field(f, COLUMN.Actor1Code);
  const code2 = field(f, COLUMN.Actor2Code);
  if (!code1 || !code2) {
    const missing =
      !code1 && !code2 ? 'no actors' : `one actor only (${!code1 ? 'Actor1Code' : 'Actor2Code'} empty)`;
    out.push({ skipped: { ...origin, record: `GDELT ${id}`, reason: missing } });
    return;
  }
  const type = typeOfCameo(eventCode);
  if (!type) {
    out.push({
      skipped: { ...origin, record: `GDELT ${id}`, reason: `unknown CAMEO event code "${eventCode}"` },
    });
    return;
  }
  const quadClass = numberField(field(f, COLUMN.QuadClass), file, line, 'QuadClass', true);
  const goldstein = numberField(field(f, COLUMN.GoldsteinScale), file, line, 'GoldsteinScale');
  const mentions = numberField(field(f, COLUMN.NumMentions), file, line, 'NumMentions', true);
  const sources = numberField(field(f, COLUMN.NumSources), file, line, 'NumSources', true);
  const articles = numberField(field(f, COLUMN.NumArticles), file, line, 'NumArticles', true);
  const tone = numberField(field(f, COLUMN.AvgTone), file, line, 'AvgTone');
  const latitude = numberField(field(f, layout.actionGeo.lat), file, line, 'ActionGeo_Lat');
  const longitude = numberField(field(f, layout.actionGeo.long), file, line, 'ActionGeo_Long');
  const place = field(f, layout.actionGeo.fullName);

  const from = actorOf(
    code1,
    field(f, COLUMN.Actor1Name),
    field(f, COLUMN.Actor1CountryCode),
    context,
    origin,
    seen,
    out,
  );
  const to = actorOf(
    code2,
    field(f, COLUMN.Actor2Name),
    field(f, COLUMN.Actor2CountryCode),
    context,
    origin,
    seen,
    out,
  );

  const url = layout.sourceUrl !== undefined ? field(f, layout.sourceUrl) : '';
  let doc: string;
  if (url) {
    doc = webDocumentId(url);
    out.push({
      section: 'documents',
      record: {
        id: doc,
        title: url.length > 180 ? `${url.slice(0, 179)}…` : url,
        url,
        published: isoDate(dateAdded),
        source: 'gdelt',
      },
      origin,
    });
  } else {
    // The 1.0 backfile names no article: the year's backfile archive is the source.
    const year = sqlDate.slice(0, 4);
    doc = `document:gdelt-events-${year}`;
    out.push({
      section: 'documents',
      record: {
        id: doc,
        title: `GDELT 1.0 historical backfile, ${year} (no article URLs)`,
        url: `http://data.gdeltproject.org/events/${year}.zip`,
        source: 'gdelt',
        published: isoDate(dateAdded),
      },
      origin,
    });
  }
  // Optional fields set one by one (in this order, the order of the JSON written), not spread.
  const record: Record<string, unknown> = {
    type,
    from,
    to,
    doc,
    date: isoDate(sqlDate),
    source: 'gdelt',
    record: id,
    method: 'import',
    confidence: 1,
    cameo: eventCode,
  };
  if (goldstein !== undefined) record.goldstein = goldstein;
  if (quadClass !== undefined) record.quadClass = quadClass;
  if (mentions !== undefined) record.mentions = mentions;
  if (sources !== undefined) record.sources = sources;
  if (articles !== undefined) record.articles = articles;
  if (tone !== undefined) record.tone = tone;
  if (place) record.place = place;
  if (latitude !== undefined && longitude !== undefined) {
    record.latitude = latitude;
    record.longitude = longitude;
  }
  out.push({ section: 'relationships', record: record as ImportRelationship, origin });
}
