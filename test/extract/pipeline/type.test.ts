// Type stage on parsed sentences: verb, noun and adjective cues, refusals and negation, deontic
// constructions, modality, and background events that are not positions.

import { describe, expect, it } from 'vitest';
import { extract } from './_extract.ts';

const types = async (text: string) => (await extract(text)).suggestions.map((s) => [s.type, s.from, s.cue]);

describe('type', () => {
  it('reads refusals: "refused to", "ruled out", "will not accept"', async () => {
    expect(await types('Greece refused to recognize the new republic.')).toEqual([
      ['REJECTS', 'country:greece', 'verb:refuse'],
    ]);
    expect(await types('Poland ruled out sending troops to the region.')).toEqual([
      ['REJECTS', 'country:poland', 'verb:rule'],
    ]);
    expect(await types('Hungary said it will not accept any new quotas.')).toEqual([
      ['REJECTS', 'country:hungary', 'negated-future:accept'],
    ]);
  });

  it('turns a negated support into a rejection', async () => {
    const result = await extract('Chancellor Olaf Scholz did not support the plan to raise taxes.');
    expect(result.suggestions.map((s) => s.type)).toContain('REJECTS');
    expect(result.suggestions.map((s) => s.type)).not.toContain('SUPPORTS');
  });

  it('reads deontic constructions as demands', async () => {
    expect(
      await types('It is essential that both sides respect the ceasefire, Julianne Smith said.'),
    ).toEqual([['DEMANDS', 'person:julianne-smith', 'adj:essential']]);
  });

  it('reads nominal cues with their holder: "Moscow’s demands for …"', async () => {
    expect(await types('The ministers discussed Moscow’s demands for security guarantees.')).toEqual([
      ['DEMANDS', 'country:russia', 'noun:demand'],
    ]);
  });

  it('takes no background event or plain report for a position', async () => {
    expect(await types('When the leaders met last June, they discussed trade.')).toEqual([]);
    expect(await types('The talks lasted four hours, officials said.')).toEqual([]);
  });

  it('marks conditional and future positions', async () => {
    const result = await extract(
      'Ryabkov said that if NATO expands, Russia will strengthen its western border. Ryabkov said Russia is preparing to hold new talks.',
    );
    expect(result.suggestions.map((s) => [s.type, s.modality])).toEqual([
      ['COMMITS_TO', 'conditional'],
      ['COMMITS_TO', 'future'],
    ]);
  });

  it('makes threats of hostile future acts and of consequences warnings against their target', async () => {
    const result = await extract(
      'Iran threatened to stop negotiations with Germany. Smith said that if Russia invades Ukraine, it will have serious consequences.',
    );
    expect(
      result.suggestions.filter((s) => s.type === 'WARNS').map((s) => [s.from, s.to, s.modality]),
    ).toEqual([
      ['country:iran', 'country:germany', 'asserted'],
      ['person:smith', 'country:russia', 'conditional'],
    ]);
  });

  it('takes a meeting that is only offered for a commitment, not for a meeting', async () => {
    const result = await extract('Rebel leaders said they would meet the mediator if he gave them a veto.');
    expect(result.suggestions.map((s) => [s.type, s.modality])).toEqual([['COMMITS_TO', 'conditional']]);
  });

  it('reads idioms in a reported clause and keeps the idiom out of the claim', async () => {
    const result = await extract('US authorities said that removing the sanctions is out of the question.');
    expect(result.suggestions.map((s) => [s.type, s.from, s.to])).toEqual([
      ['REJECTS', 'country:united-states', 'claim:removing-the-sanctions'],
    ]);
  });

  it('takes nothing inside what is rejected for the holder’s own act', async () => {
    const result = await extract('Arafat rejected a US offer to host a summit in July.');
    expect(result.suggestions.map((s) => s.type)).toEqual(['REJECTS']);
  });
});
