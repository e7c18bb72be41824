// The review queue (keyboard first, like a labelling tool: j/k next/previous, a accept, r reject,
// e edit; counts per document; bulk accept above a confidence) and the write log with merges and
// undo.

import {
  codingApi,
  spanColor,
  type ChangeRecord,
  type CodedSpan,
  type DocumentSummary,
} from '../core/coding/index.ts';
import { h, render } from './dom.ts';

export interface ReviewHooks {
  /** Opens a suggestion in its document with the form to edit it. */
  edit(span: CodedSpan): void;
  /** After any write: the documents and the graph refresh. */
  changed(change: string, what: string): void;
  fail(message: string): void;
}

export interface ReviewView {
  element: HTMLElement;
  refresh(): Promise<void>;
  /** Handles a review key; true when it was one. */
  key(name: string): boolean;
}

export function createReview(hooks: ReviewHooks): ReviewView {
  let queue: CodedSpan[] = [];
  let documents: DocumentSummary[] = [];
  let at = 0;
  const counts = h('div', { class: 'review-counts' });
  const list = h('ol', { class: 'review-queue', 'aria-label': 'Suggestions' });
  const threshold = h('input', {
    type: 'number',
    min: '0',
    max: '1',
    step: '0.05',
    value: '0.8',
    name: 'minConfidence',
  });
  const bulk = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        try {
          const answer = await codingApi.acceptAbove(Number(threshold.value));
          hooks.changed(answer.change, `Accepted ${answer.accepted} suggestion(s).`);
          await refresh();
        } catch (e) {
          hooks.fail(String((e as Error).message));
        }
      },
    },
    'Accept all at or above',
  );
  const draw = () => {
    render(
      counts,
      documents
        .filter((d) => d.suggested > 0)
        .map((d) => h('span', { class: 'count-chip', dataset: { doc: d.id } }, `${d.title}: ${d.suggested}`)),
      queue.length === 0 ? h('span', { class: 'muted' }, 'No suggestions wait for review.') : null,
    );
    render(
      list,
      queue.map((span, index) =>
        h(
          'li',
          {
            class: index === at ? 'review-item current' : 'review-item',
            dataset: { ref: span.ref },
            'aria-current': index === at ? 'true' : undefined,
            onclick: () => {
              at = index;
              draw();
            },
          },
          h('span', { class: 'swatch', style: `background: ${spanColor(span)}` }),
          h('strong', null, span.fromName),
          ` ${span.type} `,
          h('strong', null, span.toName),
          h('span', { class: 'muted' }, ` ${Math.round(span.confidence * 100)}% · ${span.method}`),
          h('div', { class: 'review-quote' }, `“${span.quote}”`),
        ),
      ),
    );
    list.querySelector('.current')?.scrollIntoView({ block: 'nearest' });
  };
  const refresh = async () => {
    [queue, documents] = await Promise.all([codingApi.suggestions(), codingApi.documents()]);
    at = Math.min(at, Math.max(0, queue.length - 1));
    draw();
  };
  const act = async (what: 'accept' | 'reject') => {
    const span = queue[at];
    if (!span) return;
    try {
      const answer = what === 'accept' ? await codingApi.accept(span.ref) : await codingApi.reject(span.ref);
      hooks.changed(
        answer.change,
        `${what === 'accept' ? 'Accepted' : 'Rejected'}: ${span.fromName} ${span.type} ${span.toName}`,
      );
      await refresh();
    } catch (e) {
      hooks.fail(String((e as Error).message));
    }
  };
  const element = h(
    'div',
    { class: 'review' },
    h('p', { class: 'muted' }, 'Keys: j / k next / previous, a accept, r reject, e edit.'),
    counts,
    h('div', { class: 'form-row' }, bulk, threshold),
    list,
  );
  return {
    element,
    refresh,
    key(name) {
      if (name === 'j') at = Math.min(at + 1, Math.max(0, queue.length - 1));
      else if (name === 'k') at = Math.max(at - 1, 0);
      else if (name === 'a') void act('accept');
      else if (name === 'r') void act('reject');
      else if (name === 'e') {
        const span = queue[at];
        if (span) hooks.edit(span);
      } else return false;
      draw();
      return true;
    },
  };
}

export interface ChangesView {
  element: HTMLElement;
  refresh(): Promise<void>;
}

/** The write log with an undo for each change, and a form to merge two actors or claims. */
export function createChanges(hooks: Pick<ReviewHooks, 'changed' | 'fail'>): ChangesView {
  const list = h('ol', { class: 'changes', 'aria-label': 'Changes' });
  const into = h('input', { name: 'into', placeholder: 'keep: person:…', required: true });
  const from = h('input', { name: 'from', placeholder: 'merge into it: person:…', required: true });
  const refresh = async () => {
    const changes: ChangeRecord[] = await codingApi.changes();
    render(
      list,
      changes.map((change) =>
        h(
          'li',
          {
            class: change.undoneBy ? 'change undone' : 'change',
            dataset: { change: change.id, action: change.action },
          },
          h('span', { class: 'muted' }, `${change.at.slice(0, 19).replace('T', ' ')} · ${change.who} · `),
          change.summary,
          change.undoneBy
            ? h('span', { class: 'muted' }, ' (undone)')
            : h(
                'button',
                {
                  type: 'button',
                  class: 'undo',
                  onclick: async () => {
                    try {
                      const answer = await codingApi.undo(change.id);
                      hooks.changed(answer.change, `Undone: ${change.summary}`);
                      await refresh();
                    } catch (e) {
                      hooks.fail(String((e as Error).message));
                    }
                  },
                },
                'Undo',
              ),
        ),
      ),
    );
  };
  const merge = h(
    'form',
    {
      class: 'merge-form',
      'aria-label': 'Merge two actors or claims',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          const answer = await codingApi.merge(into.value.trim(), from.value.trim());
          hooks.changed(
            answer.change,
            `Merged ${from.value} into ${into.value} (${answer.moved} relationship(s) moved).`,
          );
          await refresh();
        } catch (e) {
          hooks.fail(String((e as Error).message));
        }
      },
    },
    h('strong', null, 'Merge'),
    into,
    '←',
    from,
    h('button', { type: 'submit' }, 'Merge'),
  );
  return { element: h('div', { class: 'changes-view' }, merge, list), refresh };
}
