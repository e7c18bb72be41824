// The controller: the only writer of the app state. It loads graphs from the API, merges and
// collapses expansions, runs console queries onto the canvas, and keeps the view (the URL's
// content) in step. Views call these actions and draw what the store holds.

import type { DnaOptions } from '../../../../model/networks.ts';
import type { WireGraph } from '../../../../model/wire.ts';
import { api, ApiError, type CypherResult, type DownloadedFile } from '../api/index.ts';
import type { ExportContext, Exporter } from '../export/types.ts';
import {
  clear,
  collapse as collapseSource,
  createStanceGraph,
  expansionSource,
  indexParallelEdges,
  merge,
  type SourceId,
  type StanceGraph,
} from '../dataset/index.ts';
import { computeVisibility, type Filters, type Visibility } from '../filters/index.ts';
import { placeNearNeighbours, ringPosition, seededPosition, type LayoutRun } from '../layout/index.ts';
import type { Problem } from '../status/types.ts';
import { createStore, type Store } from '../store.ts';
import * as views from '../view/index.ts';
import type { Mode, QueryTarget, Selection, ViewState } from '../view/index.ts';
import { overviewRequest } from './overview.ts';
import type { AppState, NoticeTone } from './types.ts';

export * from './types.ts';

/** How many neighbours one expansion adds. */
export const EXPANSION_LIMIT = 25;

function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return {
    title: 'Something went wrong in the client',
    detail: error instanceof Error ? error.message : String(error),
    status: 0,
  };
}

export function describeProblem(problem: Problem): string {
  return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
}

/** What the controller needs from the browser side (app.ts gives the real ones; tests, fakes). */
export interface ControllerDeps {
  /** Lays a graph out: core/layout's runLayout (ForceAtlas2 in a web worker, then noverlap). */
  layout(graph: StanceGraph, duration?: number): LayoutRun;
}

export class Controller {
  readonly store: Store<AppState>;
  /** The stance graph (mode `stances`) and the agreement network (mode `agreement`). */
  readonly graph: StanceGraph = createStanceGraph();
  readonly agreementGraph: StanceGraph = createStanceGraph();
  private readonly layoutRuns = new Map<StanceGraph, LayoutRun>();
  private overviewHasDocuments = false;
  private noticeId = 0;
  private visibilityCache: {
    revision: number;
    filters: Filters;
    hidden: string[];
    mode: Mode;
    value: Visibility;
  } | null = null;

  constructor(
    view: ViewState,
    private readonly deps: ControllerDeps,
  ) {
    this.store = createStore<AppState>({
      view,
      canvas: { status: 'idle' },
      agreement: { status: 'idle' },
      agreementTies: null,
      layout: 'idle',
      contributions: new Map(),
      leftOut: {},
      edgesLeftOut: {},
      busy: null,
      hovered: null,
      revision: 0,
      notices: [],
    });
  }

  get state(): AppState {
    return this.store.get();
  }

  /** The graph the canvas shows in the current mode. */
  get canvasGraph(): StanceGraph {
    return this.state.view.mode === 'agreement' ? this.agreementGraph : this.graph;
  }

  /** What is visible on the canvas now (memoised per graph revision, filters and hidden nodes). */
  visibility(): Visibility {
    const { revision, view } = this.state;
    const cached = this.visibilityCache;
    if (
      cached &&
      cached.revision === revision &&
      cached.filters === view.filters &&
      cached.hidden === view.hidden &&
      cached.mode === view.mode
    ) {
      return cached.value;
    }
    // The agreement network is computed for the time window already; the other filters are the stance graph's.
    const graph = this.canvasGraph;
    const value =
      view.mode === 'agreement'
        ? { nodes: new Set(graph.nodes()), edges: new Set(graph.edges()) }
        : computeVisibility(graph, view.filters, new Set(view.hidden));
    this.visibilityCache = { revision, filters: view.filters, hidden: view.hidden, mode: view.mode, value };
    return value;
  }

  notify(text: string, tone: NoticeTone = 'info'): void {
    const id = ++this.noticeId;
    this.store.set((state) => ({ notices: [...state.notices, { id, tone, text }] }));
  }

  dismiss(id: number): void {
    this.store.set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  }

  private setView(update: (view: ViewState) => ViewState): void {
    this.store.set((state) => ({ view: update(state.view) }));
  }

  /** After nodes or edges changed: parallel edges indexed again (for curves), derived views told. */
  private changed(graph: StanceGraph): void {
    indexParallelEdges(graph);
    this.store.set((state) => ({ revision: state.revision + 1 }));
  }

  /** Lays a graph out (again); a run still going on the same graph stops first. */
  private relayout(graph: StanceGraph, duration?: number): Promise<void> {
    this.layoutRuns.get(graph)?.stop();
    const run = this.deps.layout(graph, duration);
    this.layoutRuns.set(graph, run);
    this.store.set({ layout: 'running' });
    return run.done.then(() => {
      if (this.layoutRuns.get(graph) === run) this.layoutRuns.delete(graph);
      if (this.layoutRuns.size === 0) this.store.set({ layout: 'idle' });
    });
  }

  /** Opens a view (from the URL): the base graph, then the console query and expansions it names. */
  async open(view: ViewState): Promise<void> {
    this.store.set({ view, canvas: { status: 'loading', what: 'Loading the graph…' } });
    try {
      const { query } = view;
      let contributions = clear(this.graph);
      const added: string[] = [];
      const add = (source: SourceId, wire: WireGraph) => {
        const merged = merge(this.graph, contributions, source, wire, (id) => seededPosition(id));
        contributions = merged.contributions;
        added.push(...merged.addedNodes);
      };
      if (query?.target === 'replace') add('query', (await api.cypher(query.text)).graph);
      else add('overview', await this.fetchOverview(view.filters));
      if (query?.target === 'add') add('query', (await api.cypher(query.text)).graph);
      const leftOut: Record<string, number> = {};
      const edgesLeftOut: Record<string, number> = {};
      for (const id of view.expanded) {
        const neighborhood = await api.neighborhood(id, {
          limit: EXPANSION_LIMIT,
          kinds: view.filters.kinds,
        });
        add(expansionSource(id), neighborhood.graph);
        leftOut[id] = neighborhood.leftOut;
        edgesLeftOut[id] = neighborhood.edgesLeftOut;
      }
      placeNearNeighbours(this.graph, added);
      this.store.set({ contributions, leftOut, edgesLeftOut, canvas: { status: 'ready' } });
      this.changed(this.graph);
      await Promise.all([this.relayout(this.graph), view.mode === 'agreement' ? this.loadAgreement() : null]);
    } catch (error) {
      this.store.set({ canvas: { status: 'error', problem: problemOf(error) } });
    }
  }

  /**
   * The overview: the API leaves documents out unless asked (they link to everything they
   * mention), so they are asked for only while the Document kind is shown.
   */
  private fetchOverview(filters: Filters): Promise<WireGraph> {
    const request = overviewRequest(filters);
    this.overviewHasDocuments = request.kinds !== undefined;
    return api.graph(request);
  }

  private async addDocumentsToOverview(): Promise<void> {
    try {
      const wire = await this.fetchOverview(this.state.view.filters);
      const result = merge(this.graph, this.state.contributions, 'overview', wire, (id) =>
        seededPosition(id),
      );
      this.store.set({ contributions: result.contributions });
      this.changed(this.graph);
      if (result.addedNodes.length) await this.relayout(this.graph, 1500);
    } catch (error) {
      this.notify(`Could not load the documents: ${describeProblem(problemOf(error))}`, 'error');
    }
  }

  select(selection: Selection | null): void {
    this.setView((view) => views.select(view, selection));
  }

  /** Selects a node found by search; brings its neighbourhood onto the canvas when it is not there. */
  async reveal(id: string): Promise<void> {
    if (this.state.view.mode === 'agreement' && !this.agreementGraph.hasNode(id)) this.setMode('stances');
    if (!this.canvasGraph.hasNode(id)) await this.expand(id);
    if (this.state.view.hidden.includes(id)) this.unhide(id);
    this.select({ type: 'node', id });
  }

  setHovered(hovered: string | null): void {
    if (this.state.hovered !== hovered) this.store.set({ hovered });
  }

  async expand(id: string): Promise<void> {
    if (this.state.view.mode !== 'stances') return;
    this.store.set({
      busy: `Expanding ${this.graph.hasNode(id) ? this.graph.getNodeAttribute(id, 'label') : id}…`,
    });
    try {
      const {
        graph: wire,
        leftOut,
        edgesLeftOut,
      } = await api.neighborhood(id, {
        limit: EXPANSION_LIMIT,
        kinds: this.state.view.filters.kinds,
      });
      const center = this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : seededPosition(id);
      const fresh = wire.nodes
        .filter((node) => !this.graph.hasNode(node.key) && node.key !== id)
        .map((node) => node.key);
      const result = merge(this.graph, this.state.contributions, expansionSource(id), wire, (node) =>
        node === id ? center : ringPosition(center, fresh.indexOf(node), fresh.length, 12 + fresh.length * 2),
      );
      this.store.set((state) => ({
        contributions: result.contributions,
        leftOut: { ...state.leftOut, [id]: leftOut },
        edgesLeftOut: { ...state.edgesLeftOut, [id]: edgesLeftOut },
        view: views.addExpansion(state.view, id),
      }));
      this.changed(this.graph);
      if (leftOut > 0)
        this.notify(
          `${leftOut} more neighbours not shown (the cap is ${EXPANSION_LIMIT} per expansion).`,
          'info',
        );
      if (edgesLeftOut > 0)
        this.notify(
          `${edgesLeftOut} edges among these neighbours not drawn (an expansion sends its own and a few per neighbour).`,
          'info',
        );
      if (result.addedNodes.length) await this.relayout(this.graph, 1200);
    } catch (error) {
      this.notify(`Could not expand ${id}: ${describeProblem(problemOf(error))}`, 'error');
    } finally {
      this.store.set({ busy: null });
    }
  }

  /** Takes back what the expansion of `id` added. */
  collapse(id: string): void {
    const result = collapseSource(this.graph, this.state.contributions, expansionSource(id));
    this.store.set((state) => {
      const leftOut = { ...state.leftOut };
      delete leftOut[id];
      const edgesLeftOut = { ...state.edgesLeftOut };
      delete edgesLeftOut[id];
      let view = views.removeExpansion(state.view, id);
      const selection = view.selection;
      if (selection?.type === 'node' && !this.graph.hasNode(selection.id)) view = views.select(view, null);
      if (selection?.type === 'edge' && !this.graph.hasEdge(selection.id)) view = views.select(view, null);
      return { contributions: result.contributions, leftOut, edgesLeftOut, view };
    });
    this.changed(this.graph);
  }

  hide(id: string): void {
    this.setView((view) => views.hide(view, id));
  }

  /** Shows a hidden node again, or all of them. */
  unhide(id?: string): void {
    this.setView((view) => views.unhide(view, id));
  }

  setFilters(update: (filters: Filters) => Filters): void {
    const before = this.state.view.filters;
    this.setView((view) => ({ ...view, filters: update(view.filters) }));
    const after = this.state.view.filters;
    if (this.state.view.mode === 'agreement' && (before.from !== after.from || before.to !== after.to))
      void this.loadAgreement();
    const overviewShown = this.state.contributions.has('overview');
    if (overviewShown && after.kinds.includes('Document') && !this.overviewHasDocuments)
      void this.addDocumentsToOverview();
  }

  setMode(mode: Mode): void {
    if (this.state.view.mode === mode) return;
    this.setView((view) => ({ ...view, mode, selection: null }));
    this.store.set((state) => ({ hovered: null, revision: state.revision + 1 }));
    if (mode === 'agreement') void this.loadAgreement();
  }

  /** Switches the agreement view to DNA's network with these options, or back (undefined). */
  setNetwork(network: DnaOptions | undefined): void {
    this.setView((view) => {
      const { network: _previous, ...rest } = view;
      return network ? { ...rest, network } : rest;
    });
    if (this.state.view.mode === 'agreement') void this.loadAgreement();
  }

  /** The actor–actor agreement/conflict network (or DNA's network) for the current time window. */
  async loadAgreement(): Promise<void> {
    this.store.set({ agreement: { status: 'loading', what: 'Computing the agreement network…' } });
    try {
      const { from, to } = this.state.view.filters;
      const wire = await api.agreement({ from, to }, 'both', this.state.view.network);
      const previous = new Map(
        this.agreementGraph.mapNodes((node, attributes) => [node, { x: attributes.x, y: attributes.y }]),
      );
      clear(this.agreementGraph);
      merge(this.agreementGraph, new Map(), 'overview', wire, (id) => previous.get(id) ?? seededPosition(id));
      const { edgesTotal, omittedEdges } = wire.attributes;
      this.store.set({
        agreement: { status: 'ready' },
        agreementTies:
          typeof edgesTotal === 'number' && typeof omittedEdges === 'number'
            ? { total: edgesTotal, omitted: omittedEdges }
            : null,
      });
      this.changed(this.agreementGraph);
      if (wire.nodes.some((node) => !previous.has(node.key))) await this.relayout(this.agreementGraph);
    } catch (error) {
      this.store.set({ agreement: { status: 'error', problem: problemOf(error) } });
    }
  }

  /**
   * Runs a console query and draws its graph: added to the canvas (in place of the previous
   * query's result, so that the URL, which holds one query, reopens the same canvas), replacing
   * the canvas, or not at all (`target` null: the table only).
   */
  async runQuery(text: string, target: QueryTarget | null): Promise<CypherResult> {
    this.store.set({ busy: 'Running the query…' });
    try {
      const result = await api.cypher(text);
      const drawn = target !== null && result.graph.nodes.length > 0 ? target : null;
      this.setView((view) => views.setQuery(view, { text, target: drawn }));
      if (drawn) {
        if (this.state.view.mode !== 'stances') this.setMode('stances');
        let contributions = this.state.contributions;
        if (drawn === 'replace') {
          contributions = clear(this.graph);
          this.store.set({ leftOut: {}, edgesLeftOut: {} });
        } else {
          contributions = collapseSource(this.graph, contributions, 'query').contributions;
        }
        const merged = merge(this.graph, contributions, 'query', result.graph, (id) => seededPosition(id));
        placeNearNeighbours(this.graph, merged.addedNodes);
        this.store.set({ contributions: merged.contributions });
        this.changed(this.graph);
        if (merged.addedNodes.length) void this.relayout(this.graph, drawn === 'replace' ? undefined : 1500);
      }
      return result;
    } finally {
      this.store.set({ busy: null });
    }
  }

  /** Runs an exporter on the visible view; a failure becomes a notice (and null). */
  async export(exporter: Exporter, context: ExportContext): Promise<DownloadedFile | null> {
    this.store.set({ busy: `Exporting ${exporter.label}…` });
    try {
      return await exporter.run(context);
    } catch (error) {
      this.notify(`Export as ${exporter.label} failed: ${describeProblem(problemOf(error))}`, 'error');
      return null;
    } finally {
      this.store.set({ busy: null });
    }
  }

  /** Restarts the layout (keyboard `l`). */
  layout(): Promise<void> {
    return this.relayout(this.canvasGraph);
  }
}
