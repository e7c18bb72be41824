// Adding a document: paste its text, drop a .txt or .html file, or give a URL (the server fetches
// the page). The server stores it and extracts it in the background; the extractions panel follows
// each job over server-sent events (queued, annotating, extracting, writing, done or failed, with a
// retry), and when one is done its suggestions appear in the open document and the review queue.

import { codingApi, htmlDocument, watchExtractions, type ExtractionJob } from '../core/coding/index.ts';
import { h, render } from './dom.ts';

export interface AddDocumentHooks {
  /** A document was stored (its change recorded). */
  added(id: string, change: string): Promise<void>;
  /** An extraction finished: its suggestions are in the graph. */
  extracted(job: ExtractionJob): void;
  fail(message: string): void;
}

export interface AddDocumentView {
  element: HTMLElement;
  /** The extractions panel (progress of each job). */
  progress: HTMLElement;
  /** Starts following the extractions (once). */
  watch(): void;
}

const STEP_LABEL: Record<ExtractionJob['step'], string> = {
  waiting: 'waiting for CoreNLP',
  annotating: 'annotating (CoreNLP)',
  extracting: 'finding stances',
  writing: 'writing suggestions',
  finished: 'done',
};

export function createAddDocument(hooks: AddDocumentHooks): AddDocumentView {
  const jobs = new Map<string, ExtractionJob>();
  let stop: (() => void) | undefined;
  const progress = h('div', { class: 'extractions', 'aria-live': 'polite' });

  function drawJobs() {
    const shown = [...jobs.values()].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt)).slice(0, 8);
    render(
      progress,
      shown.map((job) =>
        h(
          'div',
          { class: `extraction ${job.state}`, dataset: { doc: job.doc, state: job.state } },
          h('div', { class: 'extraction-doc' }, job.doc.replace(/^document:/, '')),
          h('progress', { max: 1, value: job.progress, 'aria-label': `Extraction of ${job.doc}` }),
          h(
            'div',
            { class: 'muted extraction-state' },
            job.state === 'running'
              ? STEP_LABEL[job.step]
              : job.state === 'done'
                ? `${job.counts?.suggestions ?? 0} suggestion(s)${job.counts?.rejectedBefore ? `, ${job.counts.rejectedBefore} rejected before left out` : ''}`
                : job.state === 'failed' || job.state === 'cancelled'
                  ? `${job.state}: ${job.error ?? ''}`
                  : 'queued',
          ),
          job.state === 'failed' || job.state === 'cancelled'
            ? h(
                'button',
                {
                  type: 'button',
                  onclick: () =>
                    void codingApi.extract(job.doc).then(track, (e: Error) => hooks.fail(e.message)),
                },
                'Retry',
              )
            : null,
        ),
      ),
    );
  }

  function track(job: ExtractionJob) {
    const before = jobs.get(job.doc);
    // Events may cross an answer: keep the later state of the same attempt.
    if (before && before.attempt === job.attempt && rank(before) > rank(job)) return;
    jobs.set(job.doc, job);
    drawJobs();
    if (job.state === 'done' && before?.state !== 'done') hooks.extracted(job);
  }

  const title = h('input', { name: 'title', placeholder: 'Title' });
  const published = h('input', {
    name: 'published',
    type: 'date',
    value: new Date().toISOString().slice(0, 10),
    oninput: () => (published.dataset.touched = 'true'),
  });
  const publisher = h('input', { name: 'publisher', placeholder: 'Publisher (optional)' });
  const url = h('input', {
    name: 'url',
    type: 'url',
    placeholder: 'or a web page: https://…',
  });
  const text = h('textarea', {
    name: 'text',
    rows: 5,
    placeholder: 'Paste the text, or drop a .txt or .html file here',
  });
  const extract = h('input', { name: 'extract', type: 'checkbox', checked: true });
  const dropped = (file: File) =>
    void file.text().then((content) => {
      if (/\.html?$/i.test(file.name)) {
        const page = htmlDocument(content);
        text.value = page.text;
        if (!title.value && page.title) title.value = page.title;
        if (page.published && !published.dataset.touched) published.value = page.published;
      } else text.value = content;
      if (!title.value) title.value = file.name.replace(/\.[^.]+$/, '');
    });
  const form = h(
    'form',
    {
      class: 'add-document-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const submit = form.querySelector('button[type="submit"]') as HTMLButtonElement;
        submit.disabled = true;
        try {
          const answer = url.value.trim()
            ? await codingApi.fetchDocument({
                url: url.value.trim(),
                extract: extract.checked,
                ...(published.dataset.touched ? { published: published.value } : {}),
              })
            : await codingApi.addDocument({
                title: title.value,
                published: published.value,
                ...(publisher.value ? { publisher: publisher.value } : {}),
                text: text.value,
                extract: extract.checked,
              });
          if (answer.extraction) track(answer.extraction);
          for (const field of [title, publisher, url, text]) field.value = '';
          await hooks.added(answer.id, answer.change);
        } catch (e) {
          hooks.fail((e as Error).message);
        } finally {
          submit.disabled = false;
        }
      },
    },
    url,
    title,
    published,
    publisher,
    text,
    h('label', { class: 'check' }, extract, ' suggest stances (CoreNLP, in the background)'),
    h('button', { type: 'submit' }, 'Add'),
  );
  form.addEventListener('dragover', (event: DragEvent) => event.preventDefault());
  form.addEventListener('drop', (event: DragEvent) => {
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    dropped(file);
  });
  const element = h('details', { class: 'add-document' }, h('summary', null, 'Add a document'), form);
  return {
    element,
    progress,
    watch() {
      stop ??= watchExtractions(track);
    },
  };
}

const ORDER = ['queued', 'running', 'done', 'failed', 'cancelled'];
const rank = (job: ExtractionJob) =>
  (job.state === 'running' || job.state === 'queued' ? 0 : 10) + ORDER.indexOf(job.state) + job.progress;
