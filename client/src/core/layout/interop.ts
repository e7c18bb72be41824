// Two graphology layouts ship as CommonJS with an `export default` declaration. Vite hands their
// `module.exports` to a default import, while TypeScript's NodeNext resolution (the root
// tsconfig's) types the default import as the whole module ({ default }). `interopDefault` gives
// the same value and type under both.

import noverlapImport from 'graphology-layout-noverlap';
import FA2WorkerImport from 'graphology-layout-forceatlas2/worker.js';

type DefaultOf<M> = M extends { default: infer D } ? D : M;

function interopDefault<M>(module: M): DefaultOf<M> {
  const value = module as { default?: unknown };
  return (value.default ?? module) as DefaultOf<M>;
}

export const noverlap = interopDefault(noverlapImport);
export const FA2LayoutSupervisor = interopDefault(FA2WorkerImport);
