// Claim and actors stages: claims matched to known ones above the documented threshold or new
// with a deterministic id; actors resolved to known ones by name and alias first, new ones typed
// by NER and the country table.

import { describe, expect, it } from 'vitest';
import {
  CLAIM_SIMILARITY_THRESHOLD,
  ClaimRegistry,
  similarity,
} from '../../../server/extract/pipeline/claim.ts';
import { countryOf } from '../../../server/extract/pipeline/countries.ts';
import type { Gazetteer } from '../../../server/extract/types.ts';
import { extract } from './_extract.ts';

describe('claims', () => {
  it('matches a known claim at or above the threshold and makes a new one below it', () => {
    const claims = new ClaimRegistry([
      {
        id: 'claim:nato-non-expansion',
        text: 'NATO should not expand further',
        aliases: ['guarantees of non-expansion of NATO'],
      },
    ]);
    expect(
      similarity('NATO must not expand any further', 'NATO should not expand further'),
    ).toBeGreaterThanOrEqual(CLAIM_SIMILARITY_THRESHOLD);
    expect(claims.claimFor('NATO must not expand any further')).toBe('claim:nato-non-expansion');
    expect(claims.claimFor('The sanctions on Iran should be lifted')).toBe(
      'claim:the-sanctions-on-iran-should-be-lifted',
    );
    expect([...claims.created.keys()]).toEqual(['claim:the-sanctions-on-iran-should-be-lifted']);
  });

  it('takes the complement clause as the claim, without the negation of a refusal', async () => {
    const result = await extract(
      'Earlier, Ryabkov said that Russia would not accept attempts to limit the agenda.',
    );
    expect(result.suggestions[0]).toMatchObject({ type: 'REJECTS', from: 'person:ryabkov' });
    expect(result.claims.map((c) => c.text)).toEqual(['Attempts to limit the agenda']);
  });
});

describe('actors', () => {
  const known: Gazetteer = {
    actors: [
      { id: 'person:julianne-smith', kind: 'Person', name: 'Julianne Smith', aliases: ['Juliana Smith'] },
      {
        id: 'country:united-states',
        kind: 'Country',
        name: 'United States',
        aliases: ['Washington'],
        iso3: 'USA',
      },
    ],
    claims: [],
  };

  it('resolves mentions to known actors by name, alias and surname before making new ones', async () => {
    const result = await extract(
      'Juliana Smith demanded a ceasefire. Washington urged restraint. Smith rejected the plan.',
      known,
    );
    expect(result.suggestions.map((s) => s.from)).toEqual([
      'person:julianne-smith',
      'country:united-states',
      'person:julianne-smith',
    ]);
    expect(result.actors).toEqual([]);
  });

  it('gives new actors their kind from NER and the country table', async () => {
    const result = await extract(
      'The European Commission demanded an inquiry. Hungarian officials rejected the quota. Pedro Alves urged calm.',
    );
    expect(result.actors.map((a) => [a.id, a.kind])).toEqual([
      ['country:hungary', 'Country'],
      ['institution:european-commission', 'Institution'],
      ['person:pedro-alves', 'Person'],
    ]);
    expect(result.actors.find((a) => a.id === 'country:hungary')?.aliases).toContain('Hungarian officials');
  });

  it('knows capitals, seats of government and nationality words as their country (a general table)', () => {
    expect(countryOf('Moscow')?.country.name).toBe('Russia');
    expect(countryOf('the Kremlin')?.country.name).toBe('Russia');
    expect(countryOf('U.S.')?.country.name).toBe('United States');
    expect(countryOf('Ukrainian')?.country.name).toBe('Ukraine');
    expect(countryOf('Atlantis')).toBeUndefined();
  });
});
