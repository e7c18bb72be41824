// ICEWS coded events in the Harvard Dataverse layout as the loader's records: tab-separated with
// a header row, `NA` for missing, key [Event ID, Event Date] (Event ID alone repeats). Each event
// is one record-grounded interaction (source icews): a sentence's two mirror events (A→B, B→A)
// stay two relationships. Actors, by a documented rule (docs/IMPORT.md): a name that is its
// country's name is the Country (by ISO 3166 alpha-3); "Sector (Country)" is an Institution, part
// of that country; any other name with sectors is a Person; without sectors, an Institution.

import { typeOfCameo } from '../../model/vocabulary.ts';
import { countryId, countryOfName, type Country } from './countries.ts';
import { readLines, totalBytes } from './lines.ts';
import {
  ImportInputError,
  slug,
  type ImportContext,
  type ImportItem,
  type Importer,
  type Origin,
} from './types.ts';

export const ICEWS_COLUMNS = [
  'Event ID',
  'Event Date',
  'Source Name',
  'Source Sectors',
  'Source Country',
  'Event Text',
  'CAMEO Code',
  'Intensity',
  'Target Name',
  'Target Sectors',
  'Target Country',
  'Story ID',
  'Sentence Number',
  'Publisher',
  'City',
  'District',
  'Province',
  'Country',
  'Latitude',
  'Longitude',
] as const;
type Column = (typeof ICEWS_COLUMNS)[number];

interface Actor {
  id: string;
  items: ImportItem[];
}

function countryItems(country: Country, context: ImportContext, origin: Origin): Actor {
  const id = countryId(country, context.countryIdByIso3);
  return {
    id,
    items: [
      {
        section: 'actors',
        record: { id, name: country.name, aliases: country.aliases, iso3: country.iso3 },
        origin,
      },
    ],
  };
}

function actorOf(
  name: string,
  sectors: string,
  countryName: string,
  context: ImportContext,
  origin: Origin,
  linked: Set<string>,
): Actor {
  const country = countryName ? countryOfName(countryName) : undefined;
  if (country && (name === countryName || countryOfName(name)?.iso3 === country.iso3))
    return countryItems(country, context, origin);
  const generic = /^(.*) \(([^()]+)\)$/.exec(name);
  const sectorList = sectors
    ? sectors
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  const description = sectorList.length > 0 ? `ICEWS sectors: ${sectorList.join(', ')}` : undefined;
  if (generic || sectorList.length === 0) {
    const where = generic ? slug(generic[2]!) : country ? slug(country.name) : '';
    const id = `institution:icews-${slug(generic ? generic[1]! : name)}${where ? `-${where}` : ''}`;
    const items: ImportItem[] = [
      {
        section: 'actors',
        record: { id, name, aliases: [], ...(description ? { description } : {}) },
        origin,
      },
    ];
    if (country && !linked.has(id)) {
      linked.add(id);
      const countryActor = countryItems(country, context, origin);
      items.push(...countryActor.items, {
        section: 'relationships',
        record: { type: 'PART_OF', from: id, to: countryActor.id, method: 'import', confidence: 1 },
        origin,
      });
    }
    return { id, items };
  }
  const id = `person:icews-${slug(name)}`;
  return {
    id,
    items: [
      {
        section: 'actors',
        record: { id, name, aliases: [], ...(description ? { description } : {}) },
        origin,
      },
    ],
  };
}

export const icewsImporter: Importer = {
  format: 'icews',
  accepts: (file) => /\.(tab|tsv|txt|csv)(\.zip)?$/i.test(file),
  size: totalBytes,
  async *read(files, context) {
    const linked = new Set<string>();
    let bytes = 0;
    for (const path of files) {
      let header: string[] | undefined;
      let index: Record<Column, number> | undefined;
      for await (const { file, line, text } of readLines(path, (n) => (bytes += n))) {
        if (text.trim() === '') continue;
        const f = text.split('\t');
        if (!header) {
          header = f.map((name) => name.replace(/^\uFEFF/, '').trim());
          const missing = ICEWS_COLUMNS.filter((column) => !header!.includes(column));
          if (missing.length > 0)
            throw new ImportInputError(
              file,
              line,
              'header',
              `missing column(s) ${missing.map((m) => `"${m}"`).join(', ')}; expected the ICEWS Dataverse header (${ICEWS_COLUMNS.join(', ')})`,
            );
          index = Object.fromEntries(
            ICEWS_COLUMNS.map((column) => [column, header!.indexOf(column)]),
          ) as Record<Column, number>;
          continue;
        }
        yield { read: bytes };
        if (f.length !== header.length)
          throw new ImportInputError(
            file,
            line,
            undefined,
            `${f.length} tab-separated fields; expected ${header.length} as in the header`,
          );
        const get = (column: Column) => {
          const value = f[index![column]]!.trim();
          return value === 'NA' ? '' : value;
        };
        const eventId = get('Event ID');
        if (!/^\d+$/.test(eventId))
          throw new ImportInputError(file, line, 'Event ID', `expected a numeric id, got "${eventId}"`);
        const date = get('Event Date');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
          throw new ImportInputError(
            file,
            line,
            'Event Date',
            `expected a date as YYYY-MM-DD, got "${date}"`,
          );
        const number = (column: Column) => {
          const value = get(column);
          if (value === '') return undefined;
          const n = Number(value);
          if (!Number.isFinite(n))
            throw new ImportInputError(file, line, column, `expected a number or NA, got "${value}"`);
          return n;
        };
        const intensity = number('Intensity');
        const latitude = number('Latitude');
        const longitude = number('Longitude');
        const origin: Origin = { file, line };
        const record = `${eventId}@${date}`;
        const [sourceName, targetName] = [get('Source Name'), get('Target Name')];
        if (!sourceName || !targetName) {
          yield {
            skipped: {
              ...origin,
              record: `ICEWS ${record}`,
              reason: `one actor only (${!sourceName ? 'Source Name' : 'Target Name'} NA)`,
            },
          };
          continue;
        }
        const cameo = get('CAMEO Code');
        const type = typeOfCameo(cameo);
        if (!type) {
          yield {
            skipped: { ...origin, record: `ICEWS ${record}`, reason: `unknown CAMEO event code "${cameo}"` },
          };
          continue;
        }
        const source = actorOf(
          sourceName,
          get('Source Sectors'),
          get('Source Country'),
          context,
          origin,
          linked,
        );
        const target = actorOf(
          targetName,
          get('Target Sectors'),
          get('Target Country'),
          context,
          origin,
          linked,
        );
        yield* source.items;
        yield* target.items;
        const story = get('Story ID');
        const publisher = get('Publisher');
        const doc = `document:icews-story-${story ? slug(story) : slug(record)}`;
        yield {
          section: 'documents',
          record: {
            id: doc,
            title: `${publisher || 'ICEWS'} story ${story || record}`,
            published: date,
            ...(publisher ? { publisher } : {}),
            source: 'icews',
          },
          origin,
        };
        const place = ['City', 'District', 'Province', 'Country']
          .map((c) => get(c as Column))
          .filter(Boolean)
          .join(', ');
        yield {
          section: 'relationships',
          record: {
            type,
            from: source.id,
            to: target.id,
            doc,
            date,
            source: 'icews',
            record,
            method: 'import',
            confidence: 1,
            cameo,
            ...(intensity !== undefined ? { intensity } : {}),
            ...(place ? { place } : {}),
            ...(latitude !== undefined && longitude !== undefined ? { latitude, longitude } : {}),
          },
          origin,
        };
      }
      if (!header)
        throw new ImportInputError(path, 1, 'header', 'empty file; expected the ICEWS Dataverse header row');
    }
  },
};
