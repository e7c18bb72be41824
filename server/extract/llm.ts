// The LLM route of extraction (`extract --engine llm`): an OpenAI-compatible chat completions
// server (Ollama, llama.cpp's server, vLLM) answers with JSON constrained by a JSON Schema derived
// from a zod schema, the vocabulary in the prompt. The model's quotes are never trusted: each must
// occur verbatim in the text and is located by our code; one that does not is dropped and counted.

import { z } from 'zod';
import type { ActorKind } from '../../model/kinds.ts';
import { MODALITIES, VOCABULARY, type RelationshipTypeName } from '../../model/vocabulary.ts';
import type { LlmConfig } from '../config.ts';
import { DocumentFailure, type DocumentEngine } from './run.ts';
import { ClaimRegistry } from './pipeline/claim.ts';
import { slug } from './pipeline/actors.ts';
import type { ExtractionResult, Gazetteer, NewActor, SourceDocument, Suggestion } from './types.ts';

const EXTRACTED = VOCABULARY.filter((row) => row.family === 'stance' || row.family === 'interaction');
const STANCE_TYPES = new Set<string>(
  VOCABULARY.filter((row) => row.family === 'stance').map((row) => row.type),
);
const ACTOR_KINDS = ['person', 'institution', 'country'] as const;
const KIND: Record<(typeof ACTOR_KINDS)[number], ActorKind> = {
  person: 'Person',
  institution: 'Institution',
  country: 'Country',
};

/** What the model must answer: the source of the JSON Schema sent as `response_format`. */
export const llmAnswerSchema = z.strictObject({
  statements: z.array(
    z.strictObject({
      type: z.enum(EXTRACTED.map((row) => row.type) as [RelationshipTypeName, ...RelationshipTypeName[]]),
      speaker: z.string().min(1).describe('who takes the position or acts, as named in the text'),
      speakerKind: z.enum(ACTOR_KINDS),
      claim: z
        .string()
        .nullable()
        .describe('for stances: the proposition, phrased neutrally; null for interactions'),
      target: z.string().nullable().describe('for interactions: the actor acted upon; null for stances'),
      targetKind: z.enum(ACTOR_KINDS).nullable(),
      quote: z.string().min(1).describe('the exact words of the text that carry it, copied verbatim'),
      modality: z.enum(MODALITIES),
      confidence: z.number().min(0).max(1),
    }),
  ),
});
export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

export function llmJsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(llmAnswerSchema) as Record<string, unknown>;
  return schema;
}

export function systemPrompt(): string {
  const rows = EXTRACTED.map(
    (row) =>
      `- ${row.type} (${row.family}, actor → ${row.family === 'stance' ? 'claim' : 'actor'}): "${row.verb}"; CAMEO ${row.cameo}; PLOVER ${row.plover}`,
  ).join('\n');
  return [
    'You code political news for a knowledge graph of who takes which position on what.',
    "Find every stance (an actor's position on a claim) and interaction (an actor acting on another actor) the text reports.",
    'Relationship types:',
    rows,
    `Modalities: ${MODALITIES.join(', ')} (conditional for "if …", future for intentions, hypothetical for "would", else asserted).`,
    'Rules:',
    '- `quote` must be copied character for character from the text (the sentence or the quotation that carries the statement); never paraphrase it.',
    '- `speaker` is the actor whose position it is: for "X said that the government would not accept …" the speaker is X.',
    '- For stances, `claim` is a neutral proposition ("the sanctions should be lifted") and `target` is null.',
    '- For interactions, `target` names the other actor and `claim` is null.',
    '- Background events, offers and schedules are not positions. Answer with JSON only.',
  ].join('\n');
}

export function userPrompt(document: SourceDocument): string {
  return `Title: ${document.title}\nPublished: ${document.published}\n\nText:\n${document.text}`;
}

/** A document the model could not handle (malformed answer): that document is skipped. */
export class LlmDocumentError extends DocumentFailure {
  override name = 'LlmDocumentError';
}

/** Asks the model about one document; the parsed answer or an LlmDocumentError saying what was wrong. */
export async function askModel(config: LlmConfig, document: SourceDocument): Promise<LlmAnswer> {
  if (!config.url || !config.model) {
    throw new Error('LLM: set STANCEGRAPH_LLM_URL and STANCEGRAPH_LLM_MODEL to use --engine llm.');
  }
  const endpoint = `${config.url.replace(/\/v1$/, '')}/v1/chat/completions`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        temperature: 0,
        seed: 0,
        messages: [
          { role: 'system', content: systemPrompt() },
          { role: 'user', content: userPrompt(document) },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'stancegraph_extraction', strict: true, schema: llmJsonSchema() },
        },
      }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    throw new Error(`LLM: no answer from ${endpoint} (${cause?.code ?? (error as Error).message}).`);
  }
  const body = await response.text();
  if (!response.ok) {
    throw new Error(`LLM at ${endpoint} answered ${response.status}: ${body.trim().slice(0, 300)}`);
  }
  let content: unknown;
  try {
    content = (JSON.parse(body) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message
      ?.content;
  } catch {
    throw new Error(
      `LLM at ${endpoint}: expected an OpenAI chat completion, got ${JSON.stringify(body.slice(0, 120))}`,
    );
  }
  if (typeof content !== 'string') {
    throw new LlmDocumentError(`the model's answer has no message content`);
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new LlmDocumentError(
      `the model's answer is not valid JSON (${(error as Error).message}): ${JSON.stringify(content.slice(0, 120))}`,
    );
  }
  const parsed = llmAnswerSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LlmDocumentError(
      `the model's answer does not follow the schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

const norm = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Turns the model's answer into suggestions; quotes located in the text, invented ones counted. */
export function suggestionsOf(
  document: SourceDocument,
  answer: LlmAnswer,
  known: Gazetteer,
): { result: ExtractionResult; inventions: number } {
  const byName = new Map<string, { id: string; kind: ActorKind }>();
  for (const actor of known.actors) {
    for (const name of [actor.name, ...actor.aliases])
      if (!byName.has(norm(name))) byName.set(norm(name), actor);
  }
  const created = new Map<string, NewActor>();
  const actorFor = (name: string, kind: (typeof ACTOR_KINDS)[number]): string => {
    const found = byName.get(norm(name));
    if (found) return found.id;
    const id = `${kind}:${slug(name) || 'unnamed'}`;
    if (!created.has(id)) created.set(id, { id, kind: KIND[kind], name: name.trim(), aliases: [] });
    return id;
  };
  const claims = new ClaimRegistry(known.claims);
  const suggestions: Suggestion[] = [];
  const unresolved: ExtractionResult['unresolved'] = [];
  let inventions = 0;
  for (const statement of answer.statements) {
    const quote = statement.quote.trim();
    const start = quote ? document.text.indexOf(quote) : -1;
    if (start < 0) {
      inventions++;
      continue;
    }
    const isStance = STANCE_TYPES.has(statement.type);
    const object = isStance ? statement.claim : statement.target;
    if (!object?.trim()) {
      unresolved.push({
        text: quote,
        start,
        end: start + quote.length,
        reason: `${statement.type} without ${isStance ? 'a claim' : 'a target'}`,
      });
      continue;
    }
    suggestions.push({
      type: statement.type,
      from: actorFor(statement.speaker, statement.speakerKind),
      to: isStance ? claims.claimFor(object.trim()) : actorFor(object, statement.targetKind ?? 'institution'),
      quote,
      start,
      end: start + quote.length,
      confidence: statement.confidence,
      modality: statement.modality,
      cue: `${statement.type.toLowerCase()}`,
    });
  }
  return {
    result: { actors: [...created.values()], claims: [...claims.created.values()], suggestions, unresolved },
    inventions,
  };
}

/** The LLM engine: one chat completion per document, two documents at a time. */
export function llmEngine(config: LlmConfig): DocumentEngine {
  return {
    method: 'llm',
    concurrency: 2,
    async extract(document, known) {
      return suggestionsOf(document, await askModel(config, document), known);
    },
  };
}
