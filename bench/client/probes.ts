// What the client benchmark runs inside the pages, the same for the client and the bare sigma
// page, with no hook in either. The first frame is the first that makes a WebGL draw call (sigma
// draws nothing while the graph is empty), timed when it is done: when the next frame begins. The
// client's layout is over when its test hook says so; its settled frame is the last one drawn
// before the pan (nothing redraws a still graph). Panning is a mouse drag through sigma's own
// captor, one move per animation frame, counting frames.
// Plain JavaScript strings: functions would be serialised with the transpiler's helpers in them.

/** Installed before any page script runs: window.__bench collects the timings (ms since navigation). */
export const INIT_SCRIPT = `(() => {
  const marks = { firstFrame: null, lastFrame: null, draws: 0, layoutRan: false, settled: null };
  window.__bench = marks;
  // A frame is done when the next one starts: its draws and the canvases' read-back are over.
  let drawing = false;
  const frameDone = (now) => {
    drawing = false;
    if (marks.firstFrame === null) marks.firstFrame = now;
    marks.lastFrame = now;
  };
  const wrap = (proto) => {
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function (...args) {
        marks.draws++;
        if (!drawing) {
          drawing = true;
          requestAnimationFrame(() => frameDone(performance.now()));
        }
        return original.apply(this, args);
      };
    }
  };
  if (typeof WebGLRenderingContext !== 'undefined') wrap(WebGLRenderingContext.prototype);
  if (typeof WebGL2RenderingContext !== 'undefined') wrap(WebGL2RenderingContext.prototype);
  // The client's layout: running after the graph arrives, then idle with the canvas ready.
  const poll = setInterval(() => {
    const hook = window.__stancegraph;
    if (!hook) return;
    const status = hook.status();
    if (status.layout === 'running') marks.layoutRan = true;
    else if (marks.layoutRan && status.canvas === 'ready' && status.busy === null) {
      marks.settled = performance.now();
      clearInterval(poll);
    }
  }, 10);
})();`;

export interface PageMarks {
  /** The end of the first frame that drew anything (the start of the next frame). */
  firstFrame: number | null;
  /** The end of the latest frame that drew anything. */
  lastFrame: number | null;
  draws: number;
  layoutRan: boolean;
  /** When the client's test hook first reported the layout over (polled every 10 ms). */
  settled: number | null;
}

/** When the page asked for GET /api/graph and when the answer was in (ms since navigation). */
export const GRAPH_FETCH_SCRIPT = `(() => {
  const entry = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/graph');
  return entry ? { requestMs: entry.startTime, receivedMs: entry.responseEnd } : null;
})()`;

export interface GraphFetch {
  requestMs: number;
  receivedMs: number;
}

export interface PanResult {
  /** Animation frames during the drag. */
  frames: number;
  seconds: number;
  fps: number;
  /** Frame intervals in ms: the median and the 95th percentile. */
  medianFrameMs: number;
  p95FrameMs: number;
}

/**
 * An expression that drags the canvas in `selector` along a circle for `durationMs` and at least
 * `minFrames` frames (one mouse move per animation frame, dispatched on the document so that
 * sigma pans without hover picking) and resolves to a PanResult.
 */
export function panScript(selector: string, durationMs: number, minFrames = 5): string {
  return `new Promise((resolve, reject) => {
  const container = document.querySelector(${JSON.stringify(selector)});
  if (!container) return reject(new Error('pan: no ' + ${JSON.stringify(selector)} + ' in the page'));
  const box = container.getBoundingClientRect();
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  const radius = Math.min(box.width, box.height) / 4;
  const mouse = (target, type, x, y) =>
    target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, button: 0, buttons: 1, bubbles: true }));
  // Sigma's mouse captor listens on its top canvas (the container holds it).
  mouse(container.querySelector('.sigma-mouse') ?? container, 'mousedown', cx + radius, cy);
  const drawsBefore = window.__bench.draws;
  const times = [];
  const frame = (now) => {
    times.push(now);
    const elapsed = now - times[0];
    const angle = (2 * Math.PI * elapsed) / 1500;
    const x = cx + radius * Math.cos(angle);
    const y = cy + radius * Math.sin(angle);
    if (elapsed < ${durationMs} || times.length <= ${minFrames}) {
      mouse(document, 'mousemove', x, y);
      requestAnimationFrame(frame);
      return;
    }
    mouse(document, 'mouseup', x, y);
    if (window.__bench.draws === drawsBefore) return reject(new Error('pan: the drag drew nothing'));
    const intervals = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
    const at = (p) => intervals[Math.min(intervals.length - 1, Math.ceil(p * intervals.length) - 1)] ?? NaN;
    const seconds = (times[times.length - 1] - times[0]) / 1000;
    resolve({ frames: intervals.length, seconds, fps: intervals.length / seconds, medianFrameMs: at(0.5), p95FrameMs: at(0.95) });
  };
  requestAnimationFrame(frame);
})`;
}

/**
 * An expression giving where the client draws each node, in viewport pixels with y up: the same
 * picture as its graph coordinates up to a uniform scale (sigma fits the extent to the canvas).
 */
export const CLIENT_POSITIONS_SCRIPT = `(() => {
  const hook = window.__stancegraph;
  const positions = {};
  let missing = 0;
  for (const node of hook.visibleNodes()) {
    const at = hook.nodePosition(node);
    if (at) positions[node] = [at.x, -at.y];
    else missing++;
  }
  return { positions, missing };
})()`;
