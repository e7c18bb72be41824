// GDELT event files (1.0 daily and backfile, 2.0 15-minute exports) as the loader's records:
// tab-separated, unquoted, headerless, `.CSV` or `.CSV.zip`; the layout is told apart row by row
// by its field count (57: 1.0 backfile without SOURCEURL, 58: 1.0 daily, 61: 2.0). Each event is
// one record-grounded interaction (source gdelt, record GLOBALEVENTID) whose type the CAMEO root
// names (model/vocabulary.ts); actors resolve to countries by ISO 3166 alpha-3, codes below
// country level (USAGOV, RUSMIL) to institutions linked to their country (PART_OF).

import { createHash } from 'node:crypto';
import { typeOfCameo } from '../../model/vocabulary.ts';
import { countryId, countryOfIso3, type Country } from './countries.ts';
import { readLines, totalBytes } from './lines.ts';
import {
  ImportInputError,
  type ImportContext,
  type ImportItem,
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

function validDate(yyyymmdd: string): boolean {
  if (!/^\d{8}/.test(yyyymmdd)) return false;
  const date = new Date(`${isoDate(yyyymmdd)}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate(yyyymmdd);
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

export const webDocumentId = (url: string) =>
  `document:web-${createHash('sha1').update(url).digest('hex').slice(0, 20)}`;

interface Actor {
  id: string;
  items: ImportItem[];
}

/** Maps GDELT actor fields to an actor id and the records that define it (and its country). */
function actorOf(
  code: string,
  name: string,
  countryCode: string,
  context: ImportContext,
  origin: Origin,
  linked: Set<string>,
): Actor {
  const countryItem = (country: Country): { id: string; item: ImportItem } => {
    const id = countryId(country, context.countryIdByIso3);
    return {
      id,
      item: {
        section: 'actors',
        record: { id, name: country.name, aliases: country.aliases, iso3: country.iso3 },
        origin,
      },
    };
  };
  const asCountry = code.length === 3 ? countryOfIso3(code) : undefined;
  if (asCountry) {
    const { id, item } = countryItem(asCountry);
    return { id, items: [item] };
  }
  const country = countryCode ? countryOfIso3(countryCode) : undefined;
  const id = `institution:gdelt-${code.toLowerCase()}`;
  let label: string;
  if (country && code.startsWith(country.iso3)) {
    const types = (code.slice(3).match(/.{1,3}/g) ?? []).map((part) => ACTOR_TYPES[part] ?? part);
    label = `${country.name} ${types.join(' ')}`.trim();
  } else label = name ? `${titleCase(name)} (${code})` : code;
  const items: ImportItem[] = [
    {
      section: 'actors',
      record: { id, name: label, aliases: [code], description: `GDELT actor code ${code}` },
      origin,
    },
  ];
  if (country && !linked.has(id)) {
    linked.add(id);
    const { id: countryNode, item } = countryItem(country);
    items.push(item, {
      section: 'relationships',
      record: { type: 'PART_OF', from: id, to: countryNode, method: 'import', confidence: 1 },
      origin,
    });
  }
  return { id, items };
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
    const linked = new Set<string>();
    let bytes = 0;
    for (const path of files) {
      for await (const { file, line, text } of readLines(path, (n) => (bytes += n))) {
        if (text === '') continue;
        // A line's items in one array: one promise per line, not one per item.
        yield [...gdeltRow(file, line, text, bytes, context, linked)];
      }
    }
  },
};

/** The items of one GDELT event row (its progress, actors, document and event, or why it is skipped). */
function* gdeltRow(
  file: string,
  line: number,
  text: string,
  bytes: number,
  context: ImportContext,
  linked: Set<string>,
): Generator<ImportItem> {
  yield { read: bytes };
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
  const get = (column: number) => f[column]!.trim();
  const id = get(COLUMN.GLOBALEVENTID);
  if (!/^\d+$/.test(id))
    throw new ImportInputError(file, line, 'GLOBALEVENTID', `expected a numeric event id, got "${id}"`);
  const sqlDate = get(COLUMN.SQLDATE);
  if (!validDate(sqlDate) || sqlDate.length !== 8)
    throw new ImportInputError(file, line, 'SQLDATE', `expected a date as YYYYMMDD, got "${sqlDate}"`);
  const dateAdded = get(layout.dateAdded);
  if (!validDate(dateAdded) || ![8, 14].includes(dateAdded.length))
    throw new ImportInputError(
      file,
      line,
      'DATEADDED',
      `expected YYYYMMDD or YYYYMMDDHHMMSS, got "${dateAdded}"`,
    );
  const eventCode = get(COLUMN.EventCode);
  const origin: Origin = { file, line };
  const codes = [get(COLUMN.Actor1Code), get(COLUMN.Actor2Code)];
  if (!codes[0] || !codes[1]) {
    const missing =
      !codes[0] && !codes[1]
        ? 'no actors'
        : `one actor only (${!codes[0] ? 'Actor1Code' : 'Actor2Code'} empty)`;
    yield { skipped: { ...origin, record: `GDELT ${id}`, reason: missing } };
    return;
  }
  const type = typeOfCameo(eventCode);
  if (!type) {
    yield {
      skipped: { ...origin, record: `GDELT ${id}`, reason: `unknown CAMEO event code "${eventCode}"` },
    };
    return;
  }
  const quadClass = numberField(get(COLUMN.QuadClass), file, line, 'QuadClass', true);
  const goldstein = numberField(get(COLUMN.GoldsteinScale), file, line, 'GoldsteinScale');
  const mentions = numberField(get(COLUMN.NumMentions), file, line, 'NumMentions', true);
  const sources = numberField(get(COLUMN.NumSources), file, line, 'NumSources', true);
  const articles = numberField(get(COLUMN.NumArticles), file, line, 'NumArticles', true);
  const tone = numberField(get(COLUMN.AvgTone), file, line, 'AvgTone');
  const latitude = numberField(get(layout.actionGeo.lat), file, line, 'ActionGeo_Lat');
  const longitude = numberField(get(layout.actionGeo.long), file, line, 'ActionGeo_Long');
  const place = get(layout.actionGeo.fullName);

  const actor1 = actorOf(
    codes[0],
    get(COLUMN.Actor1Name),
    get(COLUMN.Actor1CountryCode),
    context,
    origin,
    linked,
  );
  const actor2 = actorOf(
    codes[1],
    get(COLUMN.Actor2Name),
    get(COLUMN.Actor2CountryCode),
    context,
    origin,
    linked,
  );
  yield* actor1.items;
  yield* actor2.items;

  const url = layout.sourceUrl !== undefined ? get(layout.sourceUrl) : '';
  let doc: string;
  if (url) {
    doc = webDocumentId(url);
    yield {
      section: 'documents',
      record: {
        id: doc,
        title: url.length > 180 ? `${url.slice(0, 179)}…` : url,
        url,
        published: isoDate(dateAdded),
        source: 'gdelt',
      },
      origin,
    };
  } else {
    // The 1.0 backfile names no article: the year's backfile archive is the source.
    const year = sqlDate.slice(0, 4);
    doc = `document:gdelt-events-${year}`;
    yield {
      section: 'documents',
      record: {
        id: doc,
        title: `GDELT 1.0 historical backfile, ${year} (no article URLs)`,
        url: `http://data.gdeltproject.org/events/${year}.zip`,
        source: 'gdelt',
        published: isoDate(dateAdded),
      },
      origin,
    };
  }
  yield {
    section: 'relationships',
    record: {
      type,
      from: actor1.id,
      to: actor2.id,
      doc,
      date: isoDate(sqlDate),
      source: 'gdelt',
      record: id,
      method: 'import',
      confidence: 1,
      cameo: eventCode,
      ...(goldstein !== undefined ? { goldstein } : {}),
      ...(quadClass !== undefined ? { quadClass } : {}),
      ...(mentions !== undefined ? { mentions } : {}),
      ...(sources !== undefined ? { sources } : {}),
      ...(articles !== undefined ? { articles } : {}),
      ...(tone !== undefined ? { tone } : {}),
      ...(place ? { place } : {}),
      ...(latitude !== undefined && longitude !== undefined ? { latitude, longitude } : {}),
    },
    origin,
  };
}
