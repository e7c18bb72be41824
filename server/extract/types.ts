// The contract between the parts of extraction: the NLP runtime annotates a text with Stanford
// CoreNLP (server/nlp), the pipeline turns one annotated document into suggested stances and
// interactions (server/extract/pipeline), and the draft writer turns those into a dataset that
// `stancegraph load` accepts (server/extract). All offsets are UTF-16 code units into the text.

import type { ActorKind } from '../../model/kinds.ts';
import type { MODALITIES, RelationshipTypeName } from '../../model/vocabulary.ts';

// ---- CoreNLP's JSON output (outputFormat=json): the parts the pipeline reads ----------------

export interface CoreNlpToken {
  /** 1-based index within its sentence. */
  index: number;
  word: string;
  originalText: string;
  lemma: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
  pos: string;
  ner: string;
  before: string;
  after: string;
}

export interface CoreNlpDependency {
  dep: string;
  /** 1-based token index in the sentence; 0 is ROOT. */
  governor: number;
  governorGloss: string;
  dependent: number;
  dependentGloss: string;
}

export interface CoreNlpEntityMention {
  docTokenBegin: number;
  docTokenEnd: number;
  tokenBegin: number;
  tokenEnd: number;
  text: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
  ner: string;
}

export interface CoreNlpSentence {
  /** 0-based. */
  index: number;
  tokens: CoreNlpToken[];
  basicDependencies?: CoreNlpDependency[];
  enhancedPlusPlusDependencies?: CoreNlpDependency[];
  entitymentions?: CoreNlpEntityMention[];
}

export interface CoreNlpCorefMention {
  id: number;
  text: string;
  type: string;
  number: string;
  gender: string;
  animacy: string;
  /** 1-based sentence number. */
  sentNum: number;
  /** 1-based token indexes in the sentence, end exclusive. */
  startIndex: number;
  endIndex: number;
  headIndex: number;
  isRepresentativeMention: boolean;
}

export interface CoreNlpQuote {
  id: number;
  text: string;
  beginIndex: number;
  endIndex: number;
  beginToken: number;
  endToken: number;
  beginSentence: number;
  endSentence: number;
  speaker?: string;
  canonicalSpeaker?: string;
  /** The mention CoreNLP attributes the quote to: 0-based document token indexes, end inclusive. */
  mention?: string;
  mentionBegin?: number;
  mentionEnd?: number;
}

export interface CoreNlpDocument {
  sentences: CoreNlpSentence[];
  corefs?: Record<string, CoreNlpCorefMention[]>;
  quotes?: CoreNlpQuote[];
}

/** Something that annotates a text: one CoreNLP server, several, or a recorded answer. */
export interface Annotator {
  annotate(text: string, properties: Record<string, string>): Promise<CoreNlpDocument>;
}

// ---- The pipeline's input and output --------------------------------------------------------

/** A document to extract from; `text` is what offsets index (for HTML: the extracted text). */
export interface SourceDocument {
  id: string;
  text: string;
  /** YYYY-MM-DD */
  published: string;
  title: string;
  publisher?: string;
  url?: string;
  language: string;
}

/** Actors and claims already known (in the graph or given by the user): mentions resolve to them first. */
export interface KnownActor {
  id: string;
  kind: ActorKind;
  name: string;
  aliases: string[];
  iso3?: string;
}

export interface KnownClaim {
  id: string;
  text: string;
  aliases: string[];
}

export interface Gazetteer {
  actors: KnownActor[];
  claims: KnownClaim[];
}

/** An actor or claim the pipeline had to create; ids are deterministic (`person:slug`, `claim:slug`). */
export interface NewActor {
  id: string;
  kind: ActorKind;
  name: string;
  aliases: string[];
  title?: string;
}

export interface NewClaim {
  id: string;
  text: string;
}

/** One machine-made relationship: `method` is the engine's, `status` is always `suggested`. */
export interface Suggestion {
  type: RelationshipTypeName;
  /** An actor id (known or new). */
  from: string;
  /** A claim id for stances, an actor id for interactions. */
  to: string;
  quote: string;
  start: number;
  end: number;
  confidence: number;
  modality: (typeof MODALITIES)[number];
  /** The actor the speaker spoke for, when the text says so. */
  onBehalfOf?: string;
  /** Which rule or cue produced it (for the summary and the evaluation), e.g. `verb:demand`. */
  cue: string;
}

export interface Unresolved {
  text: string;
  start: number;
  end: number;
  reason: string;
}

export interface ExtractionResult {
  actors: NewActor[];
  claims: NewClaim[];
  suggestions: Suggestion[];
  unresolved: Unresolved[];
}
