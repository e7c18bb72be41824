// The cue lexicon, kept as data: which words (by lemma, with the construction they need) signal
// which relationship type, with its CAMEO code and PLOVER category. The type stage reads these
// tables; nothing here names an actor, a claim or a phrase of any particular text.

import type { RelationshipTypeName } from '../../../model/vocabulary.ts';

export interface Cue {
  type: RelationshipTypeName;
  cameo: string;
  plover: string;
  /** What a negated use becomes ("did not support" → REJECTS); null drops it. */
  negated?: RelationshipTypeName | null;
  /** Required particle or preposition for a phrasal use ("rule out", "call for"). */
  particle?: string[];
}

const DEMAND: Cue = { type: 'DEMANDS', cameo: '10', plover: 'DEMAND', negated: null };
const REJECT: Cue = { type: 'REJECTS', cameo: '12', plover: 'REJECT', negated: null };
const OPPOSE: Cue = { type: 'OPPOSES', cameo: '11', plover: 'DISAPPROVE', negated: null };
const SUPPORT: Cue = { type: 'SUPPORTS', cameo: '05', plover: 'SUPPORT', negated: 'REJECTS' };
const COMMIT: Cue = { type: 'COMMITS_TO', cameo: '03', plover: 'AGREE', negated: 'REJECTS' };
const PROPOSE: Cue = { type: 'PROPOSES', cameo: '03', plover: 'AGREE', negated: null };
const WARN: Cue = { type: 'WARNS', cameo: '13', plover: 'THREATEN', negated: null };
const ACCUSE: Cue = { type: 'ACCUSES', cameo: '112', plover: 'DISAPPROVE', negated: null };
const MEET: Cue = { type: 'MEETS', cameo: '043', plover: 'CONSULT', negated: null };

/** Verbs whose subject takes a position (their object or complement is what it is about). */
export const VERB_CUES: Record<string, Cue> = {
  demand: DEMAND,
  urge: DEMAND,
  insist: { ...DEMAND, particle: ['on'] },
  press: { ...DEMAND, particle: ['for'] },
  call: { ...DEMAND, particle: ['for', 'on', 'upon'] },
  appeal: { ...DEMAND, particle: ['for', 'to'] },
  request: DEMAND,
  seek: DEMAND,
  order: { ...DEMAND, cameo: '10' },
  reject: REJECT,
  refuse: REJECT,
  decline: REJECT,
  dismiss: REJECT,
  rebuff: REJECT,
  veto: REJECT,
  renege: { ...REJECT, particle: ['on'] },
  rule: { ...REJECT, particle: ['out'] },
  turn: { ...REJECT, particle: ['down'] },
  oppose: OPPOSE,
  condemn: OPPOSE,
  criticize: OPPOSE,
  criticise: OPPOSE,
  denounce: OPPOSE,
  deplore: OPPOSE,
  disapprove: OPPOSE,
  protest: OPPOSE,
  object: { ...OPPOSE, particle: ['to'] },
  complain: OPPOSE,
  accuse: ACCUSE,
  blame: ACCUSE,
  warn: WARN,
  threaten: WARN,
  support: SUPPORT,
  back: SUPPORT,
  endorse: SUPPORT,
  welcome: SUPPORT,
  praise: SUPPORT,
  hail: SUPPORT,
  applaud: SUPPORT,
  commend: SUPPORT,
  defend: SUPPORT,
  favor: SUPPORT,
  favour: SUPPORT,
  hope: SUPPORT,
  promise: COMMIT,
  pledge: COMMIT,
  vow: COMMIT,
  swear: COMMIT,
  commit: COMMIT,
  guarantee: COMMIT,
  undertake: COMMIT,
  agree: COMMIT,
  offer: PROPOSE,
  propose: PROPOSE,
  suggest: PROPOSE,
  meet: MEET,
  visit: MEET,
  host: MEET,
};

/** Nouns that carry a position of their possessor / `by` / `from` actor ("Moscow's demands for …"). */
export const NOUN_CUES: Record<string, Cue> = {
  demand: DEMAND,
  call: DEMAND,
  appeal: DEMAND,
  ultimatum: DEMAND,
  rejection: REJECT,
  refusal: REJECT,
  opposition: OPPOSE,
  criticism: OPPOSE,
  condemnation: OPPOSE,
  protest: OPPOSE,
  accusation: ACCUSE,
  threat: WARN,
  warning: WARN,
  support: SUPPORT,
  hope: SUPPORT,
  commitment: COMMIT,
  pledge: COMMIT,
  promise: COMMIT,
  proposal: PROPOSE,
  offer: PROPOSE,
  idea: PROPOSE,
  initiative: PROPOSE,
  plan: PROPOSE,
  meeting: MEET,
  talk: MEET,
  consultation: MEET,
};

/** Light verbs that turn a cue noun into their subject's act ("expressed hope", "held a meeting"). */
export const LIGHT_VERBS = new Set([
  'express',
  'voice',
  'reaffirm',
  'reiterate',
  'confirm',
  'make',
  'issue',
  'put',
  'hold',
  'have',
  'launch',
  'lodge',
  'renew',
  'repeat',
  'state',
  'give',
]);

/** Predicative adjectives: "X is prepared to …", "it is essential that …". */
export const ADJECTIVE_CUES: Record<string, Cue> = {
  necessary: DEMAND,
  essential: DEMAND,
  vital: DEMAND,
  imperative: DEMAND,
  crucial: DEMAND,
  key: DEMAND,
  important: DEMAND,
  time: DEMAND,
  prepared: COMMIT,
  ready: COMMIT,
  willing: COMMIT,
  committed: COMMIT,
  determined: COMMIT,
  opposed: OPPOSE,
  unacceptable: { ...REJECT },
};

/** Idioms spotted in a clause's words: the phrase is lower case, matched on whole words. */
export const PHRASE_CUES: { phrase: string; cue: Cue }[] = [
  { phrase: 'out of the question', cue: REJECT },
  { phrase: 'in favour of', cue: SUPPORT },
  { phrase: 'in favor of', cue: SUPPORT },
  { phrase: 'has no intention of', cue: REJECT },
  { phrase: 'have no intention of', cue: REJECT },
  { phrase: 'had no intention of', cue: REJECT },
  { phrase: 'serious consequences', cue: WARN },
  { phrase: 'established diplomatic ties', cue: SUPPORT },
  { phrase: 'established diplomatic relations', cue: SUPPORT },
  { phrase: 'restored diplomatic relations', cue: SUPPORT },
  { phrase: 'restored diplomatic ties', cue: SUPPORT },
  { phrase: 'grave consequences', cue: WARN },
];

/** Verbs that report speech or belief: their subject is the speaker, their complement the position. */
export const REPORTING_VERBS = new Set([
  'say',
  'state',
  'stress',
  'add',
  'tell',
  'announce',
  'declare',
  'note',
  'reaffirm',
  'reiterate',
  'insist',
  'claim',
  'argue',
  'emphasize',
  'emphasise',
  'underscore',
  'underline',
  'affirm',
  'assert',
  'explain',
  'conclude',
  'indicate',
  'confirm',
  'write',
  'remark',
  'signal',
  'believe',
  'think',
  'comment',
  'maintain',
  'acknowledge',
  'admit',
  'predict',
  'report',
  'suggest',
  'warn',
]);

/** Modal auxiliaries that make a complement a demand ("X must …", "Y should …"). */
export const DEONTIC_MODALS = new Set(['must', 'should', 'ought', 'need']);

/** Verbs of intention: "plans to", "intends to", "is preparing to" — an own future action. */
export const INTENTION_VERBS = new Set(['plan', 'intend', 'prepare', 'aim', 'mean', 'seek']);

/** Acceptance verbs: negated under will/would they refuse ("will not accept"). */
export const ACCEPTANCE_VERBS = new Set([
  'accept',
  'allow',
  'tolerate',
  'agree',
  'recognize',
  'recognise',
  'permit',
  'review',
  'reconsider',
  'negotiate',
  'compromise',
  'change',
  'return',
  'give',
  'back',
  'yield',
  'bow',
  'discuss',
  'abandon',
  'withdraw',
]);

/** Hostile actions: announced as the speaker's own future, they are threats ("will boycott"). */
export const HOSTILE_VERBS = new Set([
  'boycott',
  'blockade',
  'ban',
  'break',
  'stop',
  'suspend',
  'cut',
  'expel',
  'retaliate',
  'strike',
  'attack',
  'sanction',
  'punish',
  'halt',
  'end',
  'withdraw',
  'launch',
  'impose',
  'curfew',
  'institute',
  'deliver',
  'fight',
]);

/** Objects of "will have / will face …" that make a future clause a threat. */
export const CONSEQUENCE_NOUNS = new Set(['consequence', 'price', 'response', 'retaliation', 'cost']);
