// The layers of DESIGN.md, checked by `npm run check` (depcruise): model/ (the vocabulary and the
// API contract) <- server/dataset, server/graph <- server/api, server/exports, server/cli <- nothing;
// client/ depends on model/ only. No cycles anywhere, type-only imports included.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules form a tree of layers: no import cycle, type-only ones included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'model-stands-alone',
      severity: 'error',
      comment: 'model/ is the vocabulary and the contract: it imports nothing of the server or the client.',
      from: { path: '^model/' },
      to: { path: '^(server|client|scripts|bench|test)/' },
    },
    {
      name: 'lower-layers-do-not-import-upper',
      severity: 'error',
      comment: 'server/dataset and server/graph are below the API, the exports and the CLI.',
      from: { path: '^server/(dataset|graph|neo4j|cypher)/' },
      to: { path: '^server/(api|exports|cli|app\\.ts|http\\.ts)' },
    },
    {
      name: 'dataset-is-not-neo4j-plumbing',
      severity: 'error',
      comment: 'Validation is pure: server/dataset/validate.ts reads no Neo4j module.',
      from: { path: '^server/dataset/(validate|resolve|issues|parse|schema|normalise|errors)\\.ts$' },
      to: { path: '^server/neo4j/' },
    },
    {
      name: 'exports-do-not-import-api',
      severity: 'error',
      comment: 'Exporters sit beside the API, not on it: they throw domain errors the API maps.',
      from: { path: '^server/exports/' },
      to: { path: '^server/(api|cli)/' },
    },
    {
      name: 'api-does-not-import-cli',
      severity: 'error',
      from: { path: '^server/(api|exports)/' },
      to: { path: '^server/cli/' },
    },
    {
      name: 'client-depends-on-model-only',
      severity: 'error',
      comment: 'The browser bundle imports client/ and model/ only (its API types come from model/api.ts).',
      from: { path: '^client/' },
      to: { path: '^(server|scripts|bench|test)/' },
    },
    {
      name: 'server-does-not-import-tooling',
      severity: 'error',
      from: { path: '^(server|model)/' },
      to: { path: '^(scripts|bench|test|client)/' },
    },
    {
      name: 'test-helpers-do-not-import-cli',
      severity: 'error',
      comment: 'Tests drive the CLI as a user does (a process); helpers use the layers below it.',
      from: { path: '^test/.*_[^/]*\\.ts$' },
      to: { path: '^server/cli/' },
    },
    {
      name: 'no-reaching-outside-the-repository',
      severity: 'error',
      from: {},
      to: { path: '^\\.\\./' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|var|neo4j/target|client/dist|coverage|bench/work)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
