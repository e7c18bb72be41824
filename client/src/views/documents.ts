// The documents view: the documents with their dates, publishers and counts (searchable, sortable);
// one document's text with every coded span highlighted by polarity and suggestions dashed; select
// words to code a stance; click a span for its relationship. Linked with the graph both ways: a
// selected node lights up its spans, a clicked span selects its speaker. Tabs for the review
// queue and the write log (merges, undo). Adding a document (and following its extraction) is in
// documents-add.ts.

import type { Controller } from '../core/app/index.ts';
import {
  codingApi,
  OPEN_DOCUMENT_EVENT,
  segments,
  snapToWords,
  spanColor,
  type CodedSpan,
  type DocumentCoding,
  type DocumentSummary,
} from '../core/coding/index.ts';
import { createAddDocument } from './documents-add.ts';
import { codingForm, type Selection } from './documents-form.ts';
import { createChanges, createReview } from './documents-review.ts';
import { h, render } from './dom.ts';

type Tab = 'documents' | 'review' | 'changes';

export interface DocumentsView {
  element: HTMLElement;
  toggle(open?: boolean): void;
  isOpen(): boolean;
  /** Opens a document, scrolled to a span when given. */
  openDocument(id: string, at?: number): Promise<void>;
}

export function createDocuments(controller: Controller): DocumentsView {
  let tab: Tab = 'documents';
  let docs: DocumentSummary[] = [];
  let open: DocumentCoding | null = null;
  let sort: 'date' | 'title' | 'suggested' = 'date';
  const undoStack: string[] = [];

  const fail = (message: string) => controller.notify(message, 'error');
  const changed = async (change: string, what: string) => {
    undoStack.push(change);
    controller.notify(what, 'info');
    await Promise.all([refreshList(), open ? openDocument(open.document.id) : null]);
    // The graph follows: what was coded is drawn at once.
    void controller.open(controller.state.view);
  };

  const signIn = h('div', { class: 'sign-in', hidden: true });
  const filter = h('input', {
    type: 'search',
    name: 'filter',
    placeholder: 'Filter documents',
    oninput: () => drawList(),
  });
  const sortSelect = h(
    'select',
    {
      name: 'sort',
      onchange: (e: Event) => ((sort = (e.target as HTMLSelectElement).value as typeof sort), drawList()),
    },
    h('option', { value: 'date' }, 'newest first'),
    h('option', { value: 'title' }, 'by title'),
    h('option', { value: 'suggested' }, 'most suggestions'),
  );
  const list = h('table', { class: 'doc-list' });
  const reader = h('article', { class: 'doc-reader', 'aria-label': 'Document' });
  const side = h('aside', { class: 'doc-side' });
  const review = createReview({
    edit: (span) => {
      setTab('documents');
      void openDocument(span.doc, span.start).then(() => showForm(selectionOf(span), span));
    },
    changed: (change, what) => void changed(change, what),
    fail,
  });
  const adder = createAddDocument({
    added: async (id, change) => {
      await changed(change, `Added ${id}.`);
      await openDocument(id);
    },
    extracted: (job) => {
      controller.notify(`Suggestions ready for ${job.doc}: ${job.counts?.suggestions ?? 0}.`, 'info');
      void refreshList().catch((e: Error) => fail(e.message));
      if (open?.document.id === job.doc) void openDocument(job.doc);
      if (tab === 'review') void review.refresh().catch((e: Error) => fail(e.message));
      // Suggestions are drawn in the graph too (dashed) when the view shows them.
      void controller.open(controller.state.view);
    },
    fail,
  });
  const changes = createChanges({ changed: (change, what) => void changed(change, what), fail });

  const tabs = h('div', { class: 'doc-tabs', role: 'tablist' });
  const body = h('div', { class: 'doc-body' });
  const undoButton = h(
    'button',
    {
      type: 'button',
      title: 'Undo the last write made here',
      onclick: async () => {
        const last = undoStack.pop();
        if (!last) return controller.notify('Nothing to undo.', 'info');
        try {
          await codingApi.undo(last);
          await changed(last, 'Undone.');
          undoStack.pop(); // the undo itself is not for undoing again from here
        } catch (e) {
          fail((e as Error).message);
        }
      },
    },
    'Undo',
  );
  const element = h(
    'section',
    { class: 'documents', hidden: true, 'aria-label': 'Documents and coding' },
    h(
      'div',
      { class: 'console-bar' },
      h('h2', null, 'Coding'),
      tabs,
      h('span', { class: 'spacer' }),
      undoButton,
      h(
        'button',
        { type: 'button', class: 'tool icon', 'aria-label': 'Close', onclick: () => toggle(false) },
        '×',
      ),
    ),
    signIn,
    body,
  );

  function setTab(next: Tab) {
    tab = next;
    render(
      tabs,
      (['documents', 'review', 'changes'] as const).map((t) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            class: t === tab ? 'mode active' : 'mode',
            'aria-selected': String(t === tab),
            onclick: () => setTab(t),
          },
          t === 'documents' ? 'Documents' : t === 'review' ? 'Review queue' : 'Changes',
        ),
      ),
    );
    if (tab === 'documents') {
      render(
        body,
        h(
          'div',
          { class: 'doc-layout' },
          h(
            'div',
            { class: 'doc-index' },
            h('div', { class: 'form-row' }, filter, sortSelect),
            list,
            adder.element,
            adder.progress,
          ),
          reader,
          side,
        ),
      );
    } else if (tab === 'review') {
      render(body, review.element);
      void review.refresh().catch((e: Error) => fail(e.message));
    } else {
      render(body, changes.element);
      void changes.refresh().catch((e: Error) => fail(e.message));
    }
  }

  function drawList() {
    const words = filter.value.trim().toLowerCase();
    const shown = docs
      .filter((d) => !words || `${d.title} ${d.publisher ?? ''} ${d.id}`.toLowerCase().includes(words))
      .sort((a, b) =>
        sort === 'title'
          ? a.title.localeCompare(b.title)
          : sort === 'suggested'
            ? b.suggested - a.suggested
            : (b.published ?? '').localeCompare(a.published ?? ''),
      );
    render(
      list,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Date'),
          h('th', null, 'Title'),
          h('th', null, 'Publisher'),
          h('th', null, 'Coded'),
          h('th', null, 'Suggested'),
        ),
      ),
      h(
        'tbody',
        null,
        shown.map((d) =>
          h(
            'tr',
            {
              class: open?.document.id === d.id ? 'doc-row open' : 'doc-row',
              dataset: { doc: d.id },
              onclick: () => void openDocument(d.id),
            },
            h('td', null, d.published ?? ''),
            h('td', null, d.title),
            h('td', null, d.publisher ?? ''),
            h('td', { class: 'num' }, d.coded),
            h('td', { class: 'num' }, d.suggested),
          ),
        ),
      ),
    );
  }

  async function refreshList() {
    docs = await codingApi.documents();
    drawList();
  }

  const selectionOf = (span: CodedSpan): Selection => ({
    doc: span.doc,
    published: open?.document.published ?? null,
    quote: span.quote,
    start: span.start,
    end: span.end,
  });

  function showForm(selection: Selection, editing?: CodedSpan) {
    render(
      side,
      codingForm(
        selection,
        (change) => {
          render(side);
          if (change) void changed(change, editing ? 'Edited.' : `Coded “${selection.quote}”.`);
        },
        editing,
      ),
    );
    side.querySelector<HTMLInputElement>('input[name="speaker"]')?.focus();
  }

  function showSpan(span: CodedSpan) {
    const act = (what: string, run: () => Promise<{ change: string }>) =>
      h(
        'button',
        {
          type: 'button',
          dataset: { action: what },
          onclick: async () => {
            try {
              const answer = await run();
              render(side);
              await changed(answer.change, `${what}: ${span.fromName} ${span.type} ${span.toName}`);
            } catch (e) {
              fail((e as Error).message);
            }
          },
        },
        what,
      );
    render(
      side,
      h(
        'div',
        { class: 'span-details', dataset: { ref: span.ref } },
        h(
          'div',
          null,
          h('span', { class: 'swatch', style: `background: ${spanColor(span)}` }),
          h('strong', null, span.fromName),
          ` ${span.type} `,
          h('strong', null, span.toName),
        ),
        h('blockquote', null, `“${span.quote}”`),
        h(
          'div',
          { class: 'muted' },
          `${span.status} · ${span.method} · ${Math.round(span.confidence * 100)}% · ${span.modality}${span.date ? ` · ${span.date}` : ''}`,
        ),
        h(
          'div',
          { class: 'form-row' },
          span.status === 'suggested'
            ? [
                act('Accept', () => codingApi.accept(span.ref)),
                act('Reject', () => codingApi.reject(span.ref)),
              ]
            : null,
          h('button', { type: 'button', onclick: () => showForm(selectionOf(span), span) }, 'Edit'),
          act('Delete', () => codingApi.deleteRelationship(span.ref)),
          h('button', { type: 'button', onclick: () => void controller.reveal(span.from) }, 'In the graph'),
        ),
      ),
    );
  }

  async function openDocument(id: string, at?: number) {
    try {
      open = await codingApi.coding(id);
    } catch (e) {
      return fail((e as Error).message);
    }
    const { document: doc, spans } = open;
    const text = h('div', { class: 'doc-text', dataset: { doc: doc.id } });
    for (const segment of segments(doc.text, spans)) {
      const piece = doc.text.slice(segment.start, segment.end);
      const top = segment.spans[segment.spans.length - 1];
      if (!top) {
        text.append(h('span', { dataset: { start: String(segment.start) } }, piece));
        continue;
      }
      const suggested = segment.spans.every((s) => s.status === 'suggested');
      text.append(
        h(
          'mark',
          {
            class: suggested ? 'span suggested' : 'span',
            style: `--span-color: ${spanColor(top)}`,
            title: segment.spans
              .map(
                (s) => `${s.fromName} ${s.type} ${s.toName}${s.status === 'suggested' ? ' (suggested)' : ''}`,
              )
              .join('\n'),
            dataset: {
              start: String(segment.start),
              refs: segment.spans.map((s) => s.ref).join(' '),
              nodes: [...new Set(segment.spans.flatMap((s) => [s.from, s.to]))].join(' '),
            },
            onclick: () => {
              if (!window.getSelection()?.isCollapsed) return;
              showSpan(top);
              void controller.reveal(top.from);
            },
          },
          piece,
        ),
      );
    }
    render(
      reader,
      h('h3', null, doc.title),
      h(
        'div',
        { class: 'muted' },
        [doc.published, doc.publisher].filter(Boolean).join(' · '),
        ` · ${spans.filter((s) => s.status === 'accepted').length} coded, ${spans.filter((s) => s.status === 'suggested').length} suggested`,
      ),
      text,
    );
    linkSelection();
    drawList();
    if (at !== undefined) text.querySelector(`[data-start="${at}"]`)?.scrollIntoView({ block: 'center' });
  }

  /** The selection inside the text as offsets into it (each piece knows where it starts). */
  function selectedOffsets(): Selection | null {
    const selection = window.getSelection();
    if (!open || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const offsetOf = (node: Node, offset: number): number | null => {
      const piece = (
        node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element)
      )?.closest<HTMLElement>('[data-start]');
      if (!piece || !reader.contains(piece)) return null;
      return Number(piece.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
    };
    const a = offsetOf(range.startContainer, range.startOffset);
    const b = offsetOf(range.endContainer, range.endOffset);
    if (a === null || b === null) return null;
    const { start, end } = snapToWords(open.document.text, Math.min(a, b), Math.max(a, b));
    if (start >= end) return null;
    return {
      doc: open.document.id,
      published: open.document.published,
      quote: open.document.text.slice(start, end),
      start,
      end,
    };
  }

  reader.addEventListener('mouseup', () => {
    const selection = selectedOffsets();
    if (selection) showForm(selection);
  });

  /** The graph's selected node lights up its spans in the open document. */
  function linkSelection() {
    const selection = controller.state.view.selection;
    const id = selection?.type === 'node' ? selection.id : null;
    for (const mark of reader.querySelectorAll<HTMLElement>('mark.span')) {
      mark.classList.toggle('linked', id !== null && (mark.dataset.nodes ?? '').split(' ').includes(id));
    }
  }
  controller.store.subscribe((state, previous) => {
    if (state.view.selection !== previous.view.selection) linkSelection();
  });

  // Review keys while the queue is shown; ahead of the graph's shortcuts (capture phase).
  document.addEventListener(
    'keydown',
    (event) => {
      if (element.hidden || tab !== 'review' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable))
        return;
      if (review.key(event.key)) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );

  async function checkAuth() {
    const auth = await codingApi.auth().catch(() => null);
    signIn.hidden = auth?.canWrite !== false;
    render(
      signIn,
      auth?.writesEnabled
        ? 'Read-only here: to code, open the sign-in URL that `stancegraph start` printed (it sets a cookie in this browser).'
        : 'Writes are off on this server.',
    );
  }

  function toggle(force?: boolean) {
    element.hidden = force === undefined ? !element.hidden : !force;
    if (!element.hidden) {
      setTab(tab);
      adder.watch();
      void checkAuth();
      void refreshList().catch((e: Error) => fail(e.message));
    }
  }

  window.addEventListener(OPEN_DOCUMENT_EVENT, (event) => {
    const { doc, start } = (event as CustomEvent<{ doc: string; start?: number }>).detail;
    toggle(true);
    setTab('documents');
    void openDocument(doc, start);
  });

  return { element, toggle, isOpen: () => !element.hidden, openDocument };
}
