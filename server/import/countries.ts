// One country per ISO 3166 alpha-3 code, whatever the source writes: GDELT's `RUS`, ICEWS's
// "Russian Federation", a dataset's `country:russia` with `iso3: RUS`. The names and codes come
// from the maintained table of i18n-iso-countries; a country new to the graph gets the id
// `country:<slug of its short English name>` (Russia → country:russia), the founding dataset's
// convention, so both orders of loading meet on one node.

import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { queries } from '../cypher/registry.ts';
import { slug } from './types.ts';

countries.registerLocale(en);

export interface Country {
  iso3: string;
  /** The short English name ("Russia", "United States"). */
  name: string;
  /** Every English name the table knows ("Russian Federation", …), for aliases. */
  aliases: string[];
}

/** Codes already looked up (an event file names the same few hundred again and again), bounded. */
const byCode = new Map<string, Country | undefined>();

/**
 * The country of an alpha-3 code, or undefined when the code is not ISO 3166 (CAMEO's regions:
 * EUR, AFR). The same code gives the same (shared, not to be changed) object.
 */
export function countryOfIso3(code: string): Country | undefined {
  if (byCode.has(code)) return byCode.get(code);
  const country = lookUpIso3(code);
  if (byCode.size >= 10_000) byCode.clear();
  byCode.set(code, country);
  return country;
}

function lookUpIso3(code: string): Country | undefined {
  const iso3 = code.toUpperCase();
  if (!countries.isValid(iso3)) return undefined;
  const all = countries.getName(iso3, 'en', { select: 'all' }) ?? [];
  const name = countries.getName(iso3, 'en', { select: 'alias' }) ?? all[0];
  if (!name) return undefined;
  return { iso3, name, aliases: all.filter((alias) => alias !== name) };
}

/** The country an English name denotes ("Russian Federation", "Russia"), if the table knows it. */
export function countryOfName(name: string): Country | undefined {
  const iso3 = countries.getAlpha3Code(name, 'en');
  return iso3 ? countryOfIso3(iso3) : undefined;
}

export function countryId(country: Country, known: Map<string, string>): string {
  return known.get(country.iso3) ?? `country:${slug(country.name)}`;
}

/** The graph's countries that carry an iso3: their ids by code. */
export async function countriesInGraph(driver: Driver, database?: string): Promise<Map<string, string>> {
  const { records } = await driver.executeQuery(
    queries['countries-by-iso3'],
    {},
    { database, routing: neo4j.routing.READ },
  );
  const found = new Map<string, string>();
  for (const record of records) {
    const iso3 = record.get('iso3') as string;
    if (!found.has(iso3)) found.set(iso3, record.get('id') as string);
  }
  return found;
}
