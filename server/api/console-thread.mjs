// The console's worker thread starts here: tsx is registered first (as bin/stancegraph.mjs does for
// the main thread), so that the TypeScript of console-thread.ts runs as it is.
import { register } from 'tsx/esm/api';

register();
await import('./console-thread.ts');
