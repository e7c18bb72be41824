// The Cypher console: a CodeMirror 6 editor with Cypher highlighting (@codemirror/legacy-modes),
// completion of the graph's labels, types and properties, Ctrl+Enter to run; results drawn on the
// canvas (added or replacing) and as a table; errors shown with their position, underlined in the
// query; a history of queries kept across reloads.

import { autocompletion, completeFromList } from '@codemirror/autocomplete';
import { StreamLanguage } from '@codemirror/language';
import { cypher } from '@codemirror/legacy-modes/mode/cypher';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { CypherResult } from '../core/api/index.ts';
import { ApiError } from '../core/api/utils.ts';
import { describeProblem, type Controller } from '../core/app/index.ts';
import { loadHistory, pushHistory, saveHistory, stepHistory } from '../core/console/history.ts';
import { completions, EXAMPLE_QUERIES } from '../core/console/vocabulary.ts';
import type { Problem } from '../core/status/types.ts';
import { QUERY_TARGETS, type QueryTarget } from '../core/view/index.ts';
import { h, render } from './dom.ts';

export interface ConsoleView {
  element: HTMLElement;
  toggle(open?: boolean): void;
  isOpen(): boolean;
}

const TARGET_LABELS: Record<QueryTarget | 'table', string> = {
  add: 'Add to canvas',
  replace: 'Replace canvas',
  table: 'Table only',
};

const ROW_LIMIT_SHOWN = 200;

export function createConsole(controller: Controller): ConsoleView {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  let history = loadHistory(storage);
  let historyPosition = -1;
  let draft = '';
  let running = false;

  const result = h('div', { class: 'console-result', 'aria-live': 'polite' });
  const targetSelect = h(
    'select',
    { class: 'target', 'aria-label': 'Where results go' },
    [...QUERY_TARGETS, 'table' as const].map((target) =>
      h('option', { value: target }, TARGET_LABELS[target]),
    ),
  );
  const historySelect = h('select', { class: 'history', 'aria-label': 'History and examples' });
  const runButton = h('button', { type: 'button', class: 'primary run', title: 'Run (Ctrl+Enter)' }, 'Run ▸');

  const run = (): boolean => {
    void execute();
    return true;
  };

  const editorHost = h('div', { class: 'cypher-editor' });
  // The editor is made when the console first opens: CodeMirror's set-up is tens of milliseconds of
  // the app's start, before the graph's first frame, for a panel that starts closed.
  let editorView: EditorView | undefined;
  const editor = (): EditorView => (editorView ??= createEditor());
  const createEditor = () =>
    new EditorView({
      parent: editorHost,
      state: EditorState.create({
        doc: controller.state.view.query?.text ?? '',
        extensions: [
          Prec.highest(
            keymap.of([
              { key: 'Mod-Enter', run },
              { key: 'Shift-Enter', run },
              { key: 'Mod-ArrowUp', run: () => stepThroughHistory(1) },
              { key: 'Mod-ArrowDown', run: () => stepThroughHistory(-1) },
              { key: 'Escape', run: (): boolean => (toggle(false), true) },
            ]),
          ),
          basicSetup,
          StreamLanguage.define(cypher),
          autocompletion({ override: [completeFromList(completions())] }),
          placeholder('MATCH (a:Actor)-[r:DEMANDS]->(c:Claim) RETURN a, r, c'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'Cypher query' }),
        ],
      }),
    });

  const element: HTMLElement = h(
    'section',
    { class: 'console', hidden: true, 'aria-label': 'Cypher console' },
    h(
      'div',
      { class: 'console-bar' },
      h('h2', null, 'Cypher console'),
      h(
        'span',
        {
          class: 'muted hint',
          title: 'Read-only. Ctrl+Enter runs; Ctrl+↑ and Ctrl+↓ step through the history.',
        },
        'read-only · Ctrl+Enter runs · Ctrl+↑/↓ history',
      ),
      historySelect,
      targetSelect,
      runButton,
      h(
        'button',
        {
          type: 'button',
          class: 'close',
          title: 'Close (Esc)',
          'aria-label': 'Close the console',
          onclick: () => toggle(false),
        },
        '×',
      ),
    ),
    h('div', { class: 'console-main' }, editorHost, result),
  );

  const setDoc = (text: string) =>
    editor().dispatch({ changes: { from: 0, to: editor().state.doc.length, insert: text } });

  function stepThroughHistory(direction: 1 | -1): boolean {
    if (historyPosition === -1) draft = editor().state.doc.toString();
    historyPosition = stepHistory(history, historyPosition, direction);
    setDoc(historyPosition === -1 ? draft : (history[historyPosition] ?? ''));
    return true;
  }

  const drawHistory = () => {
    render(
      historySelect,
      h('option', { value: '' }, 'History & examples…'),
      h(
        'optgroup',
        { label: 'Examples' },
        EXAMPLE_QUERIES.map((example, i) => h('option', { value: `example:${i}` }, example.title)),
      ),
      history.length
        ? h(
            'optgroup',
            { label: 'History' },
            history.map((query, i) =>
              h('option', { value: `history:${i}`, title: query }, query.replace(/\s+/g, ' ').slice(0, 70)),
            ),
          )
        : null,
    );
  };
  historySelect.addEventListener('change', () => {
    const [source, index] = historySelect.value.split(':');
    const text = source === 'example' ? EXAMPLE_QUERIES[Number(index)]?.query : history[Number(index)];
    if (text !== undefined) setDoc(text);
    historySelect.value = '';
    editor().focus();
  });
  runButton.addEventListener('click', run);

  async function execute(): Promise<void> {
    const text = editor().state.doc.toString().trim();
    if (!text || running) return;
    running = true;
    runButton.disabled = true;
    editor().dispatch(setDiagnostics(editor().state, []));
    history = pushHistory(history, text);
    historyPosition = -1;
    saveHistory(storage, history);
    drawHistory();
    render(result, h('p', { class: 'loading' }, 'Running…'));
    const target = targetSelect.value === 'table' ? null : (targetSelect.value as QueryTarget);
    try {
      const answer = await controller.runQuery(text, target);
      drawResult(answer, target);
    } catch (error) {
      const problem: Problem =
        error instanceof ApiError
          ? error.problem
          : { title: 'The query failed', detail: String(error), status: 0 };
      drawError(problem, text);
    } finally {
      running = false;
      runButton.disabled = false;
    }
  }

  const drawResult = (answer: CypherResult, target: QueryTarget | null) => {
    const { columns, rows, graph, summary } = answer;
    const shown = rows.slice(0, ROW_LIMIT_SHOWN);
    render(
      result,
      h(
        'p',
        { class: 'summary' },
        `${summary.rows} row${summary.rows === 1 ? '' : 's'}`,
        ` · ${graph.nodes.length} nodes · ${graph.edges.length} relationships`,
        ` · ${Math.round(summary.elapsedMs)} ms`,
        summary.truncated
          ? h(
              'strong',
              { class: 'warn' },
              summary.truncatedBy === 'bytes'
                ? ` · truncated at the ${Math.round(summary.byteBudget / 1024 / 1024)} MiB budget`
                : ' · truncated by the row cap',
            )
          : null,
        target && graph.nodes.length ? ` · ${target === 'add' ? 'added to' : 'drawn on'} the canvas` : null,
      ),
      columns.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'rows' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  columns.map((column) => h('th', null, column)),
                ),
              ),
              h(
                'tbody',
                null,
                shown.map((row) =>
                  h(
                    'tr',
                    null,
                    row.map((cell) => h('td', null, cellText(cell))),
                  ),
                ),
              ),
            ),
          )
        : null,
      rows.length > shown.length
        ? h('p', { class: 'muted' }, `First ${shown.length} of ${rows.length} rows shown.`)
        : null,
    );
  };

  const drawError = (problem: Problem, text: string) => {
    const position = problem.position;
    render(
      result,
      h(
        'div',
        { class: 'console-error', role: 'alert' },
        h('strong', null, problem.title),
        position
          ? h('span', { class: 'position' }, ` at line ${position.line}, column ${position.column}`)
          : null,
        h('pre', null, problem.detail ?? ''),
      ),
    );
    if (position && position.offset <= text.length) {
      const from = Math.min(position.offset, editor().state.doc.length);
      const wordEnd = /^\S*/.exec(editor().state.doc.sliceString(from))?.[0].length ?? 0;
      const diagnostic: Diagnostic = {
        from,
        to: Math.min(editor().state.doc.length, from + Math.max(wordEnd, 1)),
        severity: 'error',
        message: describeProblem(problem),
      };
      editor().dispatch(setDiagnostics(editor().state, [diagnostic]));
    }
  };

  function toggle(open: boolean = element.hidden): void {
    element.hidden = !open;
    document.body.classList.toggle('console-open', open);
    if (open) {
      const view = editor();
      requestAnimationFrame(() => view.focus());
    }
  }

  const query = controller.state.view.query;
  if (query) {
    if (query.target) targetSelect.value = query.target;
    render(
      result,
      h(
        'p',
        { class: 'muted' },
        query.target
          ? 'This query is on the canvas. Run it again to see its rows.'
          : 'Run the query to see its result.',
      ),
    );
    toggle(true);
  }
  drawHistory();
  return { element, toggle, isOpen: () => !element.hidden };
}

/** A cell as text: scalars as they are, nodes and lists as compact JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
