// Layout: ForceAtlas2 in a web worker (the page stays responsive while it runs), then noverlap to
// pull overlapping nodes apart (on graphs up to the size of the biggest overview). New nodes from
// an expansion start on a ring around the node that was expanded, so the layout moves them the least.

import forceAtlas2 from 'graphology-layout-forceatlas2';
import { nodeSize } from '../appearance/index.ts';
import type { StanceGraph } from '../dataset/index.ts';
import { FA2LayoutSupervisor, noverlap } from './interop.ts';

/** A stable pseudo-random position from a node id, so a reload starts from the same places. */
export function seededPosition(id: string, radius = 100): { x: number; y: number } {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  const angle = ((hash >>> 0) % 3600) * (Math.PI / 1800);
  const distance = radius * (0.3 + (((hash >>> 12) % 1000) / 1000) * 0.7);
  return { x: Math.cos(angle) * distance, y: Math.sin(angle) * distance };
}

/** How far from its placed neighbours' centre `placeNearNeighbours` puts a node (seeded radius 100). */
export const NEIGHBOUR_SPREAD = 8;

/**
 * Starting places for `nodes` (already in the graph, at their seeded positions): each goes near the
 * centre of its neighbours placed before it, a little off by its seeded angle, visiting the graph
 * breadth-first from its best-connected nodes, which keep their seeded places. Relationships start
 * short, so the first picture already shows who clusters with whom instead of a disc crossed by
 * every relationship, ForceAtlas2 starts closer to its end, and the first frame is cheap to draw
 * (a relationship costs the pixels it crosses). Linear in the nodes and relationships visited.
 */
export function placeNearNeighbours(graph: StanceGraph, nodes: Iterable<string>): void {
  const pending = new Set(nodes);
  const roots = [...pending].sort((a, b) => graph.degree(b) - graph.degree(a) || (a < b ? -1 : 1));
  const queue: string[] = [];
  const place = (node: string) => {
    pending.delete(node);
    let x = 0;
    let y = 0;
    let placed = 0;
    graph.forEachNeighbor(node, (neighbour, attributes) => {
      if (pending.has(neighbour)) return;
      x += attributes.x;
      y += attributes.y;
      placed++;
    });
    if (placed === 0) return;
    const offset = seededPosition(node, NEIGHBOUR_SPREAD);
    graph.mergeNodeAttributes(node, { x: x / placed + offset.x, y: y / placed + offset.y });
  };
  for (const root of roots) {
    if (!pending.has(root)) continue;
    place(root);
    queue.length = 0;
    queue.push(root);
    for (let head = 0; head < queue.length; head++) {
      graph.forEachNeighbor(queue[head]!, (neighbour) => {
        if (!pending.has(neighbour)) return;
        place(neighbour);
        queue.push(neighbour);
      });
    }
  }
}

/** A place near `center` for the i-th of n new nodes. */
export function ringPosition(
  center: { x: number; y: number },
  i: number,
  n: number,
  radius: number,
): { x: number; y: number } {
  const angle = (2 * Math.PI * i) / Math.max(n, 1);
  return { x: center.x + Math.cos(angle) * radius, y: center.y + Math.sin(angle) * radius };
}

/** How long ForceAtlas2 runs: longer for bigger graphs, within bounds. */
export function layoutDuration(order: number): number {
  return Math.min(4000, Math.max(1200, 600 + order * 12));
}

/**
 * Noverlap compares the nodes that share a cell of its grid, pair by pair: its cost grows with the
 * square of the nodes per cell. The grid grows with the graph and the passes shrink (about 120,000
 * node-passes at most); beyond the biggest overview the API serves, ForceAtlas2's picture stays as
 * it is (tens of thousands of nodes would block the page for minutes, and overflow its pair set).
 */
export const NOVERLAP_MAX_NODES = 5000;

export function noverlapSettings(order: number): { maxIterations: number; gridSize: number } {
  return {
    maxIterations: Math.max(1, Math.min(120, Math.round(120_000 / order))),
    gridSize: Math.max(20, Math.round(Math.sqrt(order) / 2)),
  };
}

export interface LayoutRun {
  /** Resolves once ForceAtlas2 has stopped and noverlap has run. */
  done: Promise<void>;
  stop(): void;
}

/**
 * Runs ForceAtlas2 in its worker for `duration` ms, then noverlap. Stance edges pull harder than
 * structure; MENTIONS (document to everything) not at all, or one document would knot the graph.
 */
export function runLayout(graph: StanceGraph, duration = layoutDuration(graph.order)): LayoutRun {
  if (graph.order < 2) return { done: Promise.resolve(), stop: () => {} };
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 };
  const supervisor = new FA2LayoutSupervisor(graph, {
    settings,
    getEdgeWeight: (_edge, attributes) =>
      attributes.type === 'MENTIONS' ? 0 : attributes.family === 'structure' ? 0.5 : 1,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let state: 'waiting' | 'running' | 'over' = 'waiting';
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = () => {
      if (state === 'over') return;
      const ran = state === 'running';
      state = 'over';
      clearTimeout(timer);
      supervisor.kill();
      if (ran && graph.order <= NOVERLAP_MAX_NODES) {
        const { maxIterations, gridSize } = noverlapSettings(graph.order);
        noverlap.assign(graph, {
          maxIterations,
          settings: { margin: 4, ratio: 1.4, gridSize },
          inputReducer: (key, attributes) => ({
            x: attributes.x,
            y: attributes.y,
            size: nodeSize(graph.degree(key)),
          }),
        });
      }
      resolve();
    };
  });
  const begin = () => {
    if (state !== 'waiting') return;
    state = 'running';
    supervisor.start();
    timer = setTimeout(() => finish(), duration);
  };
  // The graph is drawn where it stands before the worker starts: on a busy machine the stream of
  // positions from ForceAtlas2 can hold the page's frames back until it ends, and the first
  // picture should not wait for the layout. (The timeout runs after the frame's paint.)
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(begin, 0));
  else begin();
  return { done, stop: () => finish() };
}
