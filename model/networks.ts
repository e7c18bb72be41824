// DNA's network options, by rDNA's names (dna_network()): the API's parameters
// (GET /api/networks/agreement), the client's agreement view and its URL share them.

export const NETWORK_TYPES = ['onemode', 'twomode'] as const;
export const VARIABLES1 = ['person', 'organization', 'actor'] as const;
export const AGGREGATIONS = ['ignore', 'congruence', 'conflict', 'subtract', 'combine'] as const;
export const ONEMODE_NORMALIZATIONS = ['no', 'average', 'jaccard', 'cosine'] as const;
export const TWOMODE_NORMALIZATIONS = ['no', 'activity', 'prominence'] as const;
export const NORMALIZATIONS = ['no', 'average', 'jaccard', 'cosine', 'activity', 'prominence'] as const;
export const DUPLICATES = ['include', 'document', 'week', 'month', 'year', 'acrossrange'] as const;

export interface DnaOptions {
  networkType: (typeof NETWORK_TYPES)[number];
  variable1: (typeof VARIABLES1)[number];
  qualifierAggregation: (typeof AGGREGATIONS)[number];
  normalization: (typeof NORMALIZATIONS)[number];
  duplicates: (typeof DUPLICATES)[number];
}

/** What the API uses for an option the request leaves out: rDNA's defaults. */
export const DNA_DEFAULTS: DnaOptions = {
  networkType: 'twomode',
  variable1: 'organization',
  qualifierAggregation: 'ignore',
  normalization: 'no',
  duplicates: 'include',
};

/** The option names, as rDNA spells them. */
export const DNA_OPTION_NAMES = [
  'networkType',
  'variable1',
  'qualifierAggregation',
  'normalization',
  'duplicates',
] as const satisfies readonly (keyof DnaOptions)[];

/**
 * DNA's options when any of them is given (the others rDNA's defaults), or when `force`d; else
 * undefined: the agreement network. The API and the network export read their parameters alike.
 */
export function dnaOptionsOf(
  given: { [K in keyof DnaOptions]?: DnaOptions[K] | undefined },
  force = false,
): DnaOptions | undefined {
  if (!force && !DNA_OPTION_NAMES.some((key) => given[key] !== undefined)) return undefined;
  return {
    networkType: given.networkType ?? DNA_DEFAULTS.networkType,
    variable1: given.variable1 ?? DNA_DEFAULTS.variable1,
    qualifierAggregation: given.qualifierAggregation ?? DNA_DEFAULTS.qualifierAggregation,
    normalization: given.normalization ?? DNA_DEFAULTS.normalization,
    duplicates: given.duplicates ?? DNA_DEFAULTS.duplicates,
  };
}

/** Which option combinations DNA accepts; a message for the first it does not. */
export function invalidCombination(
  options: DnaOptions,
): { field: keyof DnaOptions; message: string } | undefined {
  const onemode = options.networkType === 'onemode';
  if (onemode && options.qualifierAggregation === 'combine')
    return {
      field: 'qualifierAggregation',
      message: 'combine is for two-mode networks; expected ignore, congruence, conflict or subtract',
    };
  if (
    !onemode &&
    (options.qualifierAggregation === 'congruence' || options.qualifierAggregation === 'conflict')
  )
    return {
      field: 'qualifierAggregation',
      message: `${options.qualifierAggregation} is for one-mode networks; expected ignore, subtract or combine`,
    };
  const allowed: readonly string[] = onemode ? ONEMODE_NORMALIZATIONS : TWOMODE_NORMALIZATIONS;
  if (!allowed.includes(options.normalization))
    return {
      field: 'normalization',
      message: `${options.normalization} is not a ${options.networkType} normalization; expected ${allowed.join(', ')}`,
    };
  return undefined;
}
