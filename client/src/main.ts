// The client's entry point, kept small: it reads the view from the URL and sends the request for
// the graph at once, then loads the app (app.ts, its own chunk), which takes the answer when it
// asks for the same graph. The network and the parsing of the app's code overlap instead of
// following one another.

import { prefetchGraph } from './core/api/index.ts';
import { overviewRequest } from './core/app/overview.ts';
import { fromSearchParams } from './core/url/index.ts';

const { view, problems } = fromSearchParams(new URLSearchParams(window.location.search));
// A console query that replaces the canvas is the only view that does not start from the overview.
if (view.query?.target !== 'replace') prefetchGraph(overviewRequest(view.filters));
const { startApp } = await import('./app.ts');
startApp(view, problems);
