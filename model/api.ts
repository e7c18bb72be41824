// The API contract: the shapes of requests and answers as zod schemas, with their TypeScript
// types derived by z.infer. The server validates and documents with them (OpenAPI), the client
// types its calls with them, the tests parse real answers with them: one definition for all three.

import { z } from 'zod';
import { paramsShapeIssue, queryShapeIssue } from './query-shape.ts';
import { checkWindow, kindsParam, nodeId, nodeKind, typesParam, windowShape } from './params.ts';
import { FAMILIES, METHODS, MODALITIES, STATUSES } from './vocabulary.ts';
import { kindOfId } from './kinds.ts';
import {
  AGGREGATIONS,
  DUPLICATES,
  dnaOptionsOf,
  invalidCombination,
  NETWORK_TYPES,
  NORMALIZATIONS,
  VARIABLES1,
} from './networks.ts';

const json = z.unknown();

export const wireNodeSchema = z.object({
  key: z.string(),
  attributes: z.looseObject({
    /** What to draw: an actor's name, a claim's text, a document's title. */
    label: z.string(),
    kind: nodeKind,
    // The node's other properties, JSON-safe (dates as YYYY-MM-DD); a document's `text` is left out.
  }),
});

export const wireEdgeSchema = z.object({
  key: z.string(),
  source: z.string(),
  target: z.string(),
  attributes: z.looseObject({
    type: z.string(),
    family: z.enum(FAMILIES),
    polarity: z.union([z.literal(1), z.literal(-1), z.literal(0), z.null()]),
    // Provenance (stances and interactions always; others when coded).
    doc: z.string().optional(),
    quote: z.string().optional(),
    start: z.number().optional(),
    end: z.number().optional(),
    date: z.string().optional(),
    method: z.enum(METHODS).optional(),
    confidence: z.number().optional(),
    modality: z.enum(MODALITIES).optional(),
    /** `suggested`: machine-made, not yet reviewed (the client draws it lighter); absent means accepted. */
    status: z.enum(STATUSES).optional(),
    note: z.string().optional(),
    // Graph views (neighbourhoods, overviews): the edge stands for `count` relationships of this type
    // from source to target, dated `first` to `last` (`date` when they share one); their quotes and
    // provenance come from GET /api/edges.
    count: z.number().int().optional(),
    first: z.string().optional(),
    last: z.string().optional(),
  }),
});

export const wireGraphSchema = z
  .object({
    attributes: z.record(z.string(), z.unknown()),
    options: z.object({
      type: z.literal('directed'),
      multi: z.literal(true),
      allowSelfLoops: z.literal(true),
    }),
    nodes: z.array(wireNodeSchema),
    edges: z.array(wireEdgeSchema),
  })
  .meta({ description: 'A graphology SerializedGraph (model/wire.ts): pass it to `graph.import()`.' });

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ description: 'RFC 9457 problem details (application/problem+json).' });

export const healthSchema = z.object({
  status: z.literal('ok'),
  neo4j: z.object({
    reachable: z.literal(true),
    version: z.string(),
    edition: z.string(),
    database: z.string().nullable(),
  }),
  server: z.object({ version: z.string(), uptimeSeconds: z.number() }),
});

export const nodeRefSchema = z.object({ id: z.string(), kind: z.string(), label: z.string() });

export const searchResultSchema = z.object({
  query: z.string(),
  words: z.array(z.string()),
  results: z.array(nodeRefSchema.extend({ score: z.number(), title: z.string().optional() })),
});

/**
 * The longest piece of a document's text that GET /api/nodes/:id sends (UTF-16 code units, as the
 * quotes' offsets count): a longer text comes as its first piece, the rest by `textOffset`.
 */
export const NODE_TEXT_MAX = 262_144;

/** Which piece of a document's text `properties.text` holds: offset and length, and the whole text's length. */
export const textRangeSchema = z.object({
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

export const nodeDetailsSchema = z.object({
  id: z.string(),
  kind: nodeKind,
  labels: z.array(z.string()),
  label: z.string(),
  properties: z.record(z.string(), json),
  /** For a node with a text (a document): the piece of it in `properties.text`. */
  textRange: textRangeSchema.optional(),
  degree: z.number().int(),
  relationships: z.array(
    z.object({ type: z.string(), direction: z.enum(['out', 'in']), count: z.number().int() }),
  ),
});

/** Where a stance was said: the document it comes from. */
export const sourceSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  published: z.string().nullable(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
});

export const stanceSchema = z.object({
  type: z.string(),
  verb: z.string(),
  polarity: z.union([z.literal(1), z.literal(-1)]),
  date: z.string().nullable(),
  quote: z.string().nullable(),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  method: z.string().nullable(),
  confidence: z.number().nullable(),
  modality: z.string().nullable(),
  status: z.enum(STATUSES),
  note: z.string().nullable(),
  source: sourceSchema.nullable(),
});

export type StanceView = z.infer<typeof stanceSchema>;

export const edgeRelationshipSchema = z.object({
  type: z.string(),
  polarity: z.union([z.literal(1), z.literal(-1), z.literal(0), z.null()]),
  properties: z.record(z.string(), z.unknown()),
  source: sourceSchema.nullable(),
});

export const edgePageSchema = z
  .object({
    source: z.string(),
    type: z.string(),
    target: z.string(),
    /** Every relationship behind the edge (in the window). */
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    relationships: z.array(edgeRelationshipSchema),
  })
  .meta({ description: 'A page of the relationships behind one edge, earliest first.' });

/** A page of the relationships behind one edge of a graph view (GET /api/edges). */
export type EdgePage = z.infer<typeof edgePageSchema>;

export const cypherQueryText = z
  .string()
  .max(20_000, 'expected at most 20000 characters')
  .refine((q) => q.trim().length > 0, 'expected a Cypher query')
  .superRefine((query, ctx) => {
    const issue = queryShapeIssue(query);
    if (issue) ctx.addIssue({ code: 'custom', message: issue.detail, params: { limit: issue.limit } });
  })
  .meta({
    description: 'One read-only Cypher statement.',
    example: 'MATCH (a:Actor)-[s:DEMANDS]->(c:Claim) RETURN a, s, c',
  });

export const cypherParams = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected parameter names such as id or limit_2'),
    z.unknown(),
  )
  .superRefine((params, ctx) => {
    const issue = paramsShapeIssue(params);
    if (issue) ctx.addIssue({ code: 'custom', message: issue.detail, params: { limit: issue.limit } });
  })
  .default({})
  .meta({
    description: 'Query parameters ($name); whole numbers become Cypher integers.',
    example: { id: 'person:sergei-ryabkov' },
  });

const notification = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.string(),
});

export const consoleResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  graph: wireGraphSchema,
  summary: z.object({
    rows: z.number().int(),
    truncated: z.boolean(),
    /** What cut the result short: the row limit or the byte budget (null when nothing did). */
    truncatedBy: z.enum(['rows', 'bytes']).nullable(),
    limit: z.number().int(),
    /** Bytes of JSON the answer may take (STANCEGRAPH_CONSOLE_MAX_BYTES). */
    byteBudget: z.number().int(),
    elapsedMs: z.number(),
    timeoutMs: z.number(),
    queryType: z.literal('r'),
    notifications: z.array(notification),
  }),
});

export type ConsoleResult = z.infer<typeof consoleResultSchema>;

const sideSchema = z.array(z.object({ actor: nodeRefSchema, stances: z.array(stanceSchema) }));

export const positionsSchema = z.object({
  claim: nodeRefSchema.extend({
    text: z.string(),
    aliases: z.array(z.string()),
    about: z.array(nodeRefSchema),
  }),
  for: sideSchema,
  against: sideSchema,
});

export const stancesSchema = z.object({
  actor: nodeRefSchema.extend({ title: z.string().nullable() }),
  window: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  stances: z.array(
    stanceSchema.extend({
      claim: nodeRefSchema,
      topics: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
});

export type PositionsAnswer = z.infer<typeof positionsSchema>;
export type StancesAnswer = z.infer<typeof stancesSchema>;

/** GET /api/networks/agreement?format=matrix: DNA's network as a matrix. */
export const dnaMatrixSchema = z
  .object({
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    matrix: z.array(z.array(z.number())),
  })
  .meta({ description: "DNA's network matrix, rows and columns labelled by actor (and claim) names." });

/** One kind of tie in the packed agreement network: edge i joins nodes[source[i]] and nodes[target[i]]. */
const packedTiesSchema = z.object({
  source: z.array(z.number().int()).meta({ description: 'Index into `nodes` (the smaller actor id).' }),
  target: z.array(z.number().int()).meta({ description: 'Index into `nodes` (the larger actor id).' }),
  claimStart: z.array(z.number().int()).meta({
    description:
      "Edge i's claims are claims[claimStart[i]] … claims[claimStart[i + 1] - 1] (one more entry than edges); its weight is their number.",
  }),
  claims: z.array(z.number().int()).meta({ description: 'Indexes into the top-level `claims`.' }),
});

/**
 * GET /api/networks/agreement?format=ties: the agreement network packed, what the client loads. The
 * same network as format=graph (model/wire.ts `packedAgreementGraph` unpacks it into that
 * SerializedGraph) in about a ninth of the bytes: actor nodes and claim ids once, ties as index arrays.
 */
export const packedAgreementSchema = z
  .object({
    format: z.literal('ties'),
    attributes: z.record(z.string(), z.unknown()),
    nodes: z.array(wireNodeSchema),
    claims: z.array(z.string()),
    ties: z.object({ AGREEMENT: packedTiesSchema.optional(), CONFLICT: packedTiesSchema.optional() }),
  })
  .meta({ description: 'The agreement network packed: nodes and claim ids once, ties as index arrays.' });

export const NETWORK_KINDS = ['agreement', 'conflict', 'both'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/**
 * What the agreement network is computed from, shared by GET /api/networks/agreement (query
 * parameters) and POST /api/export's `network` source: a topic, which ties, and DNA's options by
 * rDNA's names (dna_network()); giving any of these computes DNA's network.
 */
export const networkOptionsShape = {
  ...windowShape,
  topic: nodeId
    .refine((id) => kindOfId(id) === 'Topic', 'expected a topic id (topic:…)')
    .optional()
    .meta({ description: 'Only claims about this topic.', example: 'topic:nato-enlargement' }),
  kind: z
    .enum(NETWORK_KINDS)
    .default('both')
    .meta({ description: 'Which ties: agreement, conflict or both (the agreement network; not DNA).' }),
  networkType: z.enum(NETWORK_TYPES).optional().meta({
    description: "DNA: onemode (actor × actor) or twomode (actor × claim); rDNA's default twomode.",
  }),
  variable1: z.enum(VARIABLES1).optional().meta({
    description:
      'DNA: who the rows are: person (the speaker, a Person), organization (whom they spoke for, or an institution or country speaking), actor (the speaker); default organization.',
  }),
  qualifierAggregation: z.enum(AGGREGATIONS).optional().meta({
    description:
      'DNA: how agreement (a positive stance) and disagreement combine: ignore (default), congruence, conflict, subtract (one-mode); ignore, subtract, combine (two-mode).',
  }),
  normalization: z.enum(NORMALIZATIONS).optional().meta({
    description:
      'DNA: no (default), average, jaccard, cosine (one-mode); no, activity, prominence (two-mode).',
  }),
  duplicates: z.enum(DUPLICATES).optional().meta({
    description:
      'DNA: include (default), or count one identical statement per document, week, month, year, or across the range.',
  }),
};

/** Refuses a window that ends before it starts and DNA options that do not fit together. */
export function checkNetworkOptions(
  value: Parameters<typeof dnaOptionsOf>[0] & { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  checkWindow(value, ctx);
  const options = dnaOptionsOf(value);
  const invalid = options && invalidCombination(options);
  if (invalid) ctx.addIssue({ code: 'custom', path: [invalid.field], message: invalid.message });
}

/** The file formats of POST /api/export. */
export const EXPORT_FORMATS = ['gexf', 'graphml', 'json', 'csv', 'cypher'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const filterShape = { kinds: kindsParam.optional(), types: typesParam.optional(), ...windowShape };

export const exportSourceSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('query'), query: cypherQueryText, params: cypherParams }).meta({
      description: 'The nodes, relationships and paths a read-only query returns (checked like the console).',
    }),
    z
      .strictObject({
        type: z.literal('ids'),
        ids: z.array(nodeId).min(1, 'expected at least one id').max(1000, 'expected at most 1000 ids'),
        depth: z
          .number()
          .int('expected a whole number')
          .min(0)
          .max(3)
          .default(1)
          .meta({ description: 'Hops from the ids (0: the nodes themselves).' }),
        ...filterShape,
      })
      .superRefine(checkWindow)
      .meta({
        description: 'The neighbourhood of these nodes, as GET /api/nodes/:id/neighborhood without a limit.',
      }),
    z
      .strictObject({
        type: z.literal('graph'),
        ...filterShape,
        limit: z
          .number()
          .int('expected a whole number')
          .min(1)
          .optional()
          .meta({ description: 'The most connected nodes only; default: no cut.' }),
      })
      .superRefine(checkWindow)
      .meta({
        description:
          'The filters of GET /api/graph (default kinds: all but Document); without a limit, the whole filtered graph.',
      }),
    z
      .strictObject({
        type: z.literal('network'),
        ...networkOptionsShape,
        includeSuggested: z
          .boolean()
          .default(false)
          .meta({ description: 'Also count suggestions (the agreement network only, as the API).' }),
      })
      .superRefine(checkNetworkOptions)
      .meta({
        description:
          "The agreement network of GET /api/networks/agreement with the same parameters (DNA's options by rDNA's names); every edge carries its weight, the file the options used, and CSV DNA's matrix (matrix.csv).",
      }),
  ])
  .meta({ description: 'What to export.' });

/** An export's source as sent (defaults not yet applied). */
export type ExportSourceInput = z.input<typeof exportSourceSchema>;
/** An export's source as the server reads it, once validated. */
export type ExportSource = z.output<typeof exportSourceSchema>;

export type Problem = z.infer<typeof problemSchema>;
export type SearchAnswer = z.infer<typeof searchResultSchema>;
export type NodeDetails = z.infer<typeof nodeDetailsSchema>;
export type TextRange = z.infer<typeof textRangeSchema>;
