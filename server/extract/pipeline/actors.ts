// Actors stage: turns a mention in the parse (a head token) into an actor. Known actors first (by
// name and alias), then countries by name, capital or nationality word (countries.ts), titles
// and pronouns through CoreNLP's coreference or the titles the text gave people before, and
// otherwise a new actor whose kind comes from NER (person, organisation → institution, country).

import type { ActorKind } from '../../../model/kinds.ts';
import type { KnownActor, NewActor } from '../types.ts';
import type { Context } from './context.ts';
import { countryOf } from './countries.ts';
import { children, headOf, lemma, pos, relOf, token, word, type Sentence } from './sentence.ts';

export interface ActorRef {
  id: string;
  kind: ActorKind;
  name: string;
  /** The words of the mention as written. */
  mention: string;
}

/** Heads that stand for a government or its people when a nationality qualifies them. */
const GOVERNMENT_HEADS = new Set([
  'government',
  'side',
  'authority',
  'authorities',
  'official',
  'officials',
  'leader',
  'leadership',
  'administration',
  'ministry',
  'diplomat',
  'delegation',
  'state',
  'cabinet',
  'regime',
]);

/** Heads of a collective that acts in its own name ("Rwandan rebels", "the parliament"). */
const GROUP_HEADS = new Set([
  'rebel',
  'parliament',
  'party',
  'force',
  'farmer',
  'group',
  'movement',
  'council',
  'court',
  'congress',
  'senate',
  'assembly',
  'union',
  'alliance',
  'army',
  'military',
  'opposition',
  'negotiator',
  'militant',
  'court',
  'forum',
  'organization',
  'organisation',
  'agency',
  'committee',
  'commission',
  'network',
  'newspaper',
  'judge',
  'worker',
  'student',
  'protester',
  'faction',
  'minister',
  'ministers',
]);

/** Nouns that are a person's office: resolved to the person the text named with it. */
export const TITLE_HEADS = new Set([
  'representative',
  'minister',
  'secretary',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'president',
  'ambassador',
  'envoy',
  'chancellor',
  'premier',
  'chief',
  'general',
  'governor',
  'senator',
  'adviser',
  'advisor',
  'diplomat',
  'official',
  'head',
  'leader',
  'commissioner',
  'undersecretary',
]);

/** Nouns for a set of people whose members say who they are ("a group of Moroccan diplomats"). */
const COLLECTIVE_HEADS = new Set([
  'group',
  'delegation',
  'team',
  'number',
  'coalition',
  'majority',
  'handful',
  'body',
]);

const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'him', 'her', 'them', 'us', 'me', 'who']);

export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, 's')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const PREFIX: Record<ActorKind, string> = {
  Person: 'person',
  Institution: 'institution',
  Country: 'country',
};

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The actors a document's mentions resolved to, known or new, and the titles people were given. */
export class ActorRegistry {
  readonly created = new Map<string, NewActor>();
  /** Person ids with the lower-cased words of their titles, most recent last. */
  private readonly titled: { id: string; words: Set<string>; ref: ActorRef }[] = [];
  private readonly byName = new Map<string, KnownActor>();
  private readonly surnames = new Map<string, KnownActor[]>();

  constructor(private readonly ctx: Context) {
    for (const actor of ctx.known.actors) {
      for (const name of [actor.name, ...actor.aliases]) {
        const key = norm(name);
        if (!this.byName.has(key)) this.byName.set(key, actor);
      }
      if (actor.kind === 'Person') {
        const last = actor.name.split(/\s+/).pop();
        if (last) this.surnames.set(norm(last), [...(this.surnames.get(norm(last)) ?? []), actor]);
      }
    }
  }

  private known(name: string, kind?: ActorKind): KnownActor | undefined {
    const found = this.byName.get(norm(name));
    if (found && (!kind || found.kind === kind)) return found;
    if (kind === 'Person' || kind === undefined) {
      const words = name.trim().split(/\s+/);
      const last = words[words.length - 1];
      const people = last ? this.surnames.get(norm(last)) : undefined;
      if (people && people.length === 1) return people[0];
    }
    return undefined;
  }

  private fromKnown(actor: KnownActor, mention: string): ActorRef {
    return { id: actor.id, kind: actor.kind, name: actor.name, mention };
  }

  /** A new actor (or the one already created under the same id), its mention kept as an alias. */
  private create(kind: ActorKind, name: string, mention: string, title?: string): ActorRef {
    const id = `${PREFIX[kind]}:${slug(name)}`;
    let actor = this.created.get(id);
    if (!actor) {
      actor = { id, kind, name, aliases: [] };
      this.created.set(id, actor);
    }
    if (title && !actor.title) actor.title = title;
    for (const alias of [mention]) {
      if (alias && alias !== actor.name && !actor.aliases.includes(alias)) actor.aliases.push(alias);
    }
    return { id, kind, name: actor.name, mention };
  }

  country(word: string, mention: string): ActorRef | undefined {
    const hit = countryOf(word);
    if (!hit) return undefined;
    const known =
      this.ctx.known.actors.find((a) => a.kind === 'Country' && a.iso3 === hit.country.iso3) ??
      this.known(hit.country.name, 'Country');
    if (known) return this.fromKnown(known, mention);
    return this.create('Country', hit.country.name, mention);
  }

  /** Remembers that a person was given a title ("the US Permanent Representative to NATO, X"). */
  private entitle(ref: ActorRef, title: string) {
    const words = new Set(
      title
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => TITLE_HEADS.has(w)),
    );
    if (words.size > 0) this.titled.push({ id: ref.id, words, ref });
    const actor = this.created.get(ref.id);
    if (actor && !actor.title) actor.title = title;
  }

  /** The person most recently given a title with this head word. */
  private byTitle(head: string): ActorRef | undefined {
    for (let i = this.titled.length - 1; i >= 0; i--) {
      const entry = this.titled[i]!;
      if (entry.words.has(head)) return entry.ref;
    }
    return undefined;
  }

  /**
   * Resolves the noun phrase headed by token `h` of sentence `s`. `speakerOfQuote` is who "I"
   * and "we" are, when the mention is inside a quote or a briefing turn.
   */
  resolve(s: Sentence, h: number, speakerOfQuote?: ActorRef, depth = 0): ActorRef | undefined {
    const ref = this.resolveHead(s, h, speakerOfQuote, depth);
    if (ref) return ref;
    // "Planning and Investment Minister Tran Xuan Gia" parsed as a coordination of "Planning" and
    // the name; "A group of Moroccan diplomats": the group's members.
    for (const k of children(s, h, 'conj')) {
      const other = this.resolveHead(s, k, speakerOfQuote, depth);
      if (other) return other;
    }
    if (COLLECTIVE_HEADS.has(lemma(s, h))) {
      const members = children(s, h, 'nmod').find((m) =>
        children(s, m, 'case').some((c) => word(s, c) === 'of'),
      );
      if (members !== undefined) return this.resolveHead(s, members, speakerOfQuote, depth);
    }
    return undefined;
  }

  private resolveHead(s: Sentence, h: number, speakerOfQuote?: ActorRef, depth = 0): ActorRef | undefined {
    const t = token(s, h);
    const low = t.word.toLowerCase();

    if (PRONOUNS.has(low) || pos(s, h) === 'PRP' || pos(s, h) === 'WP') {
      if ((low === 'we' || low === 'i' || low === 'us' || low === 'me') && speakerOfQuote)
        return speakerOfQuote;
      if (low === 'who' && relOf(s, h).startsWith('nsubj')) return undefined;
      return depth < 2 ? this.viaCoref(s, h, speakerOfQuote, depth) : undefined;
    }

    // A person named in an apposition of a title ("the US Permanent Representative to NATO, Julianne Smith").
    const appos = children(s, h, 'appos').find((a) => token(s, a).ner === 'PERSON');
    if (token(s, h).ner !== 'PERSON' && appos !== undefined) {
      const person = this.resolve(s, appos, speakerOfQuote, depth + 1);
      if (person) this.entitle(person, this.phrase(s, h, false));
      return person;
    }

    const ner = t.ner;
    const name = this.nameAround(s, h);
    const mention = this.phrase(s, h, true);

    if (ner === 'PERSON') {
      const known = this.known(name, 'Person');
      const title = this.titleOf(s, h);
      const ref = known ? this.fromKnown(known, mention) : this.personByName(name, mention);
      if (title) this.entitle(ref, title);
      return ref;
    }

    const known = this.known(name) ?? this.known(mention);
    if (known) return this.fromKnown(known, mention);

    // A country's name, capital or nationality word, written as a name ("Moscow", "the Kremlin").
    const countryLike =
      ['COUNTRY', 'NATIONALITY', 'CITY', 'STATE_OR_PROVINCE', 'LOCATION', 'ORGANIZATION', 'MISC'].includes(
        ner,
      ) || pos(s, h).startsWith('NNP');
    if (countryLike && countryOf(name)) return this.country(name, mention);

    const head = lemma(s, h);
    // "Afghan rebel leaders" are not Afghanistan's government: a group word among the modifiers makes a group.
    const groupModifier =
      pos(s, h).startsWith('NN') &&
      children(s, h, 'amod', 'compound').some((m) => GROUP_HEADS.has(lemma(s, m)));
    if (groupModifier) return this.create('Institution', this.cleanName(mention), mention);
    // An office named without a person ("the Deputy Secretary", "Taiwan's Vice Foreign Minister").
    if ((TITLE_HEADS.has(head) || ner === 'TITLE') && pos(s, h).startsWith('NN') && ner !== 'ORGANIZATION') {
      const person = this.titledPerson(s, h, head, speakerOfQuote, depth);
      if (person) return person;
      // An unnamed office holder of a country speaks for it.
      const qualifier = this.countryQualifier(s, h);
      if (qualifier) return qualifier;
      // "Yoruba leaders", "opposition leaders": several office holders named by a group are a group.
      if (pos(s, h) === 'NNS' && this.hasProperModifier(s, h))
        return this.create('Institution', this.cleanName(mention), mention);
    }
    // A qualified common noun: "Hungarian officials", "the Russian side", "Poland's parliament".
    if (pos(s, h).startsWith('NN') && !pos(s, h).startsWith('NNP')) {
      const qualifier = this.countryQualifier(s, h);
      if (GOVERNMENT_HEADS.has(head) && qualifier) return qualifier;
      if (TITLE_HEADS.has(head)) {
        const person = this.titledPerson(s, h, head, speakerOfQuote, depth);
        if (person) return person;
        // An unnamed office holder of a country ("Taiwan's Vice Foreign Minister") speaks for it.
        if (qualifier) return qualifier;
      }
      if (GROUP_HEADS.has(head) || GROUP_HEADS.has(t.word.toLowerCase())) {
        if (qualifier || this.hasProperModifier(s, h))
          return this.create('Institution', this.cleanName(mention), mention);
        const known2 = this.known(head);
        if (known2) return this.fromKnown(known2, mention);
      }
      return undefined;
    }

    if (ner === 'ORGANIZATION' || ner === 'MISC' || pos(s, h).startsWith('NNP')) {
      if (ner === 'ORGANIZATION' || ner === 'MISC') return this.create('Institution', name, mention);
      if (['COUNTRY', 'STATE_OR_PROVINCE', 'NATIONALITY'].includes(ner))
        return this.create('Country', name, mention);
    }
    return undefined;
  }

  private personByName(name: string, mention: string): ActorRef {
    // "Smith" after "Julianne Smith": the surname of a person created earlier in the text.
    const words = name.split(/\s+/);
    if (words.length === 1) {
      for (const actor of [...this.created.values()].reverse()) {
        if (actor.kind === 'Person' && actor.name.split(/\s+/).pop()?.toLowerCase() === name.toLowerCase())
          return this.create('Person', actor.name, mention);
      }
    }
    return this.create('Person', name, mention);
  }

  private viaCoref(
    s: Sentence,
    h: number,
    speakerOfQuote: ActorRef | undefined,
    depth: number,
  ): ActorRef | undefined {
    const chain = this.ctx.chains.get(`${s.index}:${h}`);
    if (!chain) return undefined;
    const candidates = [...chain].sort(
      (a, b) => Number(b.isRepresentativeMention) - Number(a.isRepresentativeMention),
    );
    for (const m of candidates) {
      if (m.type === 'PRONOMINAL') continue;
      const other = this.ctx.sentences[m.sentNum - 1];
      if (!other) continue;
      const ref = this.resolve(other, m.headIndex, speakerOfQuote, depth + 1);
      if (ref) return ref;
    }
    return undefined;
  }

  private titledPerson(
    s: Sentence,
    h: number,
    head: string,
    speakerOfQuote: ActorRef | undefined,
    depth: number,
  ): ActorRef | undefined {
    if (depth < 2) {
      const chain = this.ctx.chains.get(`${s.index}:${h}`);
      for (const m of chain ?? []) {
        const other = this.ctx.sentences[m.sentNum - 1];
        if (!other || (other === s && m.headIndex === h)) continue;
        if (token(other, m.headIndex).ner === 'PERSON') {
          const ref = this.resolve(other, m.headIndex, speakerOfQuote, depth + 1);
          if (ref) return ref;
        }
      }
    }
    return this.byTitle(head);
  }

  /** A country that qualifies a noun: amod "Russian", compound "U.S.", possessor "Poland's". */
  private countryQualifier(s: Sentence, h: number): ActorRef | undefined {
    for (const m of children(s, h, 'amod', 'compound', 'nmod:poss', 'nmod:of', 'nmod:in', 'nmod')) {
      const word = this.nameAround(s, m);
      const ref = this.country(word, this.phrase(s, h, true));
      if (ref) return ref;
    }
    return undefined;
  }

  private hasProperModifier(s: Sentence, h: number): boolean {
    return children(s, h, 'amod', 'compound', 'nmod:poss', 'nmod').some(
      (m) => pos(s, m).startsWith('NNP') || token(s, m).ner !== 'O',
    );
  }

  /** The proper name around a head: its flat/compound tokens with the same NER tag. */
  nameAround(s: Sentence, h: number): string {
    const ner = token(s, h).ner;
    let lo = h;
    let hi = h;
    const same = (i: number) =>
      i >= 1 &&
      i <= s.tokens.length &&
      /\p{L}/u.test(token(s, i).word) &&
      (ner !== 'O' ? token(s, i).ner === ner : pos(s, i).startsWith('NNP'));
    while (same(lo - 1)) lo--;
    while (same(hi + 1)) hi++;
    if (ner === 'O' && !pos(s, h).startsWith('NNP')) return token(s, h).originalText;
    const first = token(s, lo);
    const last = token(s, hi);
    return this.ctx.text.slice(first.characterOffsetBegin, last.characterOffsetEnd);
  }

  /** Title words written before a person's name ("Deputy Foreign Minister Sergei Ryabkov"). */
  private titleOf(s: Sentence, h: number): string | undefined {
    const mods = children(s, h, 'compound', 'amod').filter((m) => token(s, m).ner !== 'PERSON' && m < h);
    if (mods.length === 0) return undefined;
    // "Deputy Foreign Minister": the compounds of the compounds, in text order.
    const all = new Set<number>();
    const walk = (m: number) => {
      all.add(m);
      for (const k of children(s, m, 'compound', 'amod')) if (token(s, k).ner !== 'PERSON') walk(k);
    };
    mods.forEach(walk);
    const words = [...all].sort((a, b) => a - b).map((m) => token(s, m).originalText);
    const titled = mods.some(
      (m) => token(s, m).ner === 'TITLE' || TITLE_HEADS.has(lemma(s, m).toLowerCase()),
    );
    return titled ? words.join(' ') : undefined;
  }

  /** The noun phrase as written: head with its modifiers (not clauses, appositions or punctuation). */
  phrase(s: Sentence, h: number, withDet: boolean): string {
    const keep = new Set([
      'compound',
      'amod',
      'nmod:poss',
      'flat',
      'name',
      'case',
      'nummod',
      'advmod',
      'cc',
      'conj',
      'nmod',
      'det',
    ]);
    const take: number[] = [];
    const walk = (i: number, top: boolean) => {
      take.push(i);
      for (const e of s.kids[i] ?? []) {
        const base = e.rel.split(':')[0]!;
        if (!keep.has(e.rel) && !keep.has(base)) continue;
        if (base === 'det' && (!withDet || !top)) continue;
        if (base === 'case' && top) continue;
        if (base === 'conj' || base === 'cc') continue;
        walk(e.token, false);
      }
    };
    walk(h, true);
    take.sort((a, b) => a - b);
    const first = token(s, take[0]!);
    const last = token(s, take[take.length - 1]!);
    return this.ctx.text
      .slice(first.characterOffsetBegin, last.characterOffsetEnd)
      .replace(/^(?:the|a|an)\s+/i, '');
  }

  private cleanName(mention: string): string {
    return mention.replace(/^(?:the|a|an)\s+/i, '').trim();
  }

  /**
   * Reads the titles a sentence gives people, before any cue is looked at, so that a later "the
   * permanent representative said" finds the person: appositions ("the US Permanent
   * Representative to NATO, Julianne Smith") and titles before a name ("Deputy Foreign Minister
   * Sergei Ryabkov").
   */
  learnTitles(s: Sentence): void {
    for (let i = 1; i <= s.tokens.length; i++) {
      if (token(s, i).ner !== 'PERSON') continue;
      const rel = relOf(s, i);
      const up = s.heads[i]?.token ?? 0;
      if (rel === 'appos' && up !== 0 && token(s, up).ner !== 'PERSON') {
        // "the US Permanent Representative to NATO, Julianne Smith": the apposition may hang on
        // "NATO"; the title is the noun phrase that holds it.
        let top = up;
        while (relOf(s, top) === 'nmod' && pos(s, headOf(s, top)).startsWith('NN')) top = headOf(s, top);
        const person = this.resolve(s, i);
        if (person) this.entitle(person, this.phrase(s, top, false));
      } else if (!rel.startsWith('compound') && !rel.startsWith('flat') && this.titleOf(s, i)) {
        this.resolve(s, i);
      }
    }
  }

  private lastPerson: ActorRef | undefined;
  private lastMeeting: { sentence: number; sides: ActorRef[] } | undefined;

  /** Remembers the person who last held a position (for an unresolved "she"/"he"). */
  notePerson(ref: ActorRef): void {
    this.lastPerson = ref;
  }

  /** Remembers the sides of a meeting (for an unresolved "they" right after it). */
  noteMeeting(sentence: number, sides: ActorRef[]): void {
    this.lastMeeting = { sentence, sides };
  }

  /** Who an unresolved pronoun most likely is, from what the text said just before. */
  recentFor(pronoun: string, sentence: number): ActorRef[] {
    const p = pronoun.toLowerCase();
    if (['he', 'she', 'him', 'her'].includes(p)) return this.lastPerson ? [this.lastPerson] : [];
    if (['they', 'them'].includes(p) && this.lastMeeting && sentence - this.lastMeeting.sentence <= 1)
      return this.lastMeeting.sides;
    return [];
  }

  /** The speaker of a briefing turn ("MR PRICE" → a person named Price, or the known person of that surname). */
  turnSpeaker(label: string): ActorRef | undefined {
    const words = label
      .split(/\s+/)
      .filter((w) => !/^(?:MR|MS|MRS|DR|AMBASSADOR|SECRETARY|GENERAL)\.?$/.test(w));
    if (words.length === 0) return undefined;
    const name = words.map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(' ');
    const known = this.known(name, 'Person');
    if (known) return this.fromKnown(known, label);
    return this.personByName(name, label);
  }
}
