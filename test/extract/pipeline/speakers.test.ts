// Speakers stage on sentences parsed by the real CoreNLP: the reporting verb's subject speaks,
// "according to X", appositions, titles through earlier mentions, quotes and briefing turns.

import { describe, expect, it } from 'vitest';
import { briefingTurns } from '../../../server/extract/pipeline/speakers.ts';
import { extract, summary } from './_extract.ts';

describe('speakers', () => {
  it('takes the reporting verb’s subject as the speaker, not the complement’s subject', async () => {
    const result = await extract(
      'Deputy Foreign Minister Sergei Ryabkov stressed that NATO must stop its expansion to the east.',
    );
    expect(summary(result)).toEqual([expect.stringMatching(/^DEMANDS person:sergei-ryabkov -> claim:/)]);
    expect(result.actors.find((a) => a.id === 'person:sergei-ryabkov')?.title).toBe(
      'Deputy Foreign Minister',
    );
  });

  it('takes X as the speaker of "according to X" and leaves X out of the claim', async () => {
    const result = await extract(
      'According to Julianne Smith, if Russia continues the confrontation, the alliance will strengthen its defence.',
    );
    expect(result.suggestions).toHaveLength(1);
    expect(result.suggestions[0]).toMatchObject({
      type: 'COMMITS_TO',
      from: 'person:julianne-smith',
      modality: 'conditional',
    });
    expect(result.claims[0]!.text).not.toMatch(/According|Smith/);
  });

  it('names the person of an apposition, not the role', async () => {
    const result = await extract('Hugh Hill, a doctor, said the government should close the borders.');
    expect(summary(result)).toEqual([expect.stringMatching(/^DEMANDS person:hugh-hill -> /)]);
  });

  it('resolves a title to the person the text gave it before', async () => {
    const result = await extract(
      'The U.S. Deputy Secretary of State, Wendy Sherman, met Ryabkov in Geneva. The Deputy Secretary said the United States would not accept any limits on NATO membership.',
    );
    expect(summary(result)).toContainEqual(expect.stringMatching(/^REJECTS person:wendy-sherman -> claim:/));
  });

  it('takes a capital or seat of government as its country', async () => {
    const result = await extract('The Kremlin rejected the proposal for a ceasefire.');
    expect(summary(result)).toEqual(['REJECTS country:russia -> claim:the-proposal-for-a-ceasefire']);
  });

  it('gives "we" in a quote continued after a dash to the quote’s speaker', async () => {
    const result = await extract(
      '“The talks are useful,” said Maria Lopez, the envoy. – We will send aid to the region.”',
    );
    expect(summary(result)).toContainEqual(expect.stringMatching(/^COMMITS_TO person:maria-lopez -> claim:/));
  });

  it('reads briefing turns: "we" is the turn’s speaker, the moderator’s and questioners’ turns hold no stances', async () => {
    const text = [
      'MODERATOR: Thank you all for joining. We will take questions now.',
      'MR PRICE: We will not recognize the annexation. We call on Russia to withdraw its forces.',
      'QUESTION: Will you support the new plan?',
      '',
    ].join('\n\n');
    expect(briefingTurns(text).map((t) => [t.label, t.housekeeping])).toEqual([
      ['MODERATOR', true],
      ['MR PRICE', false],
      ['QUESTION', true],
    ]);
    const result = await extract(text);
    expect(summary(result)).toEqual([
      'REJECTS person:price -> claim:the-annexation',
      'DEMANDS person:price -> claim:russia-withdraw-its-forces',
    ]);
    // The label is not part of the quote.
    expect(result.suggestions[0]!.quote).toBe('We will not recognize the annexation.');
  });
});

describe('speakers who speak for someone', () => {
  it('records the country or institution a person reports the position of as onBehalfOf', async () => {
    const result = await extract(
      'Smith added that the United States does not plan to deploy offensive missiles in Ukraine.',
    );
    expect(result.suggestions.map((s) => [s.type, s.from, s.onBehalfOf])).toEqual([
      ['COMMITS_TO', 'person:smith', 'country:united-states'],
    ]);
    expect(result.claims.map((c) => c.text)).toEqual(['Not deploy offensive missiles in Ukraine']);
    expect(result.actors.map((a) => a.id)).toEqual(['country:united-states', 'person:smith']);
  });
});

describe('speakers when coreference finds nobody', () => {
  it('takes "they" right after a meeting for both sides, and "she" for the person who last held a position', async () => {
    const meeting = await extract(
      'Wendy Sherman held a meeting with Jens Stoltenberg on Monday. They reaffirmed their commitment to dialogue.',
    );
    expect(summary(meeting)).toEqual([
      'MEETS person:wendy-sherman -> person:jens-stoltenberg',
      'COMMITS_TO person:wendy-sherman -> claim:dialogue',
      'COMMITS_TO person:jens-stoltenberg -> claim:dialogue',
    ]);
    const blame = await extract(
      'Julianne Smith demanded restraint. As a response to the crisis, for which she blamed Russia, the alliance is preparing new measures.',
    );
    expect(summary(blame)).toContainEqual('ACCUSES person:julianne-smith -> country:russia');
  });

  it('finds the person in a coordination the parser made of a title, and the members of "a group of …"', async () => {
    const gia = await extract(
      'Planning and Investment Minister Tran Xuan Gia said Vietnam is committed to opening up the economy.',
    );
    expect(summary(gia)).toEqual(['COMMITS_TO person:tran-xuan-gia -> claim:opening-up-the-economy']);
    const group = await extract('A group of Moroccan diplomats held talks with President Obama.');
    expect(summary(group)).toEqual(['MEETS country:morocco -> person:obama']);
  });
});
