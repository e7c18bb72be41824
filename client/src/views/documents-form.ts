// The compact coding form that opens on a selection of words: speaker (an actor found by search,
// or a new one), relationship type (coloured by polarity), target (a claim or, for interactions,
// an actor; found or new), modality and date. Saves with the selection's exact offsets.

import { MODALITIES } from '../../../model/vocabulary.ts';
import {
  CODING_TYPES,
  codingApi,
  idFor,
  isInteraction,
  spanColor,
  type CodedSpan,
} from '../core/coding/index.ts';
import { h, render } from './dom.ts';

export interface Selection {
  doc: string;
  published: string | null;
  quote: string;
  start: number;
  end: number;
}

interface Choice {
  id: string;
  label: string;
  /** Set when the node is new: created with the relationship. */
  create?: { id: string; name?: string; text?: string };
}

const ACTOR_KINDS = [
  ['person', 'Person'],
  ['institution', 'Institution'],
  ['country', 'Country'],
] as const;

/** A search box over some kinds of nodes, with "new …" as the last choice. */
function picker(
  name: string,
  kinds: () => string,
  newChoice: (text: string) => Choice | null,
  initial: Choice | null,
): { element: HTMLElement; value: () => Choice | null } {
  let chosen: Choice | null = initial;
  const input = h('input', {
    type: 'search',
    name,
    autocomplete: 'off',
    placeholder: 'search, or type a new one',
    value: initial?.label ?? '',
  });
  const list = h('div', { class: 'picker-list', role: 'listbox' });
  const shown = h('div', { class: 'picker-chosen muted' }, initial ? `→ ${initial.id}` : '');
  const choose = (choice: Choice) => {
    chosen = choice;
    input.value = choice.label;
    render(shown, `→ ${choice.id}${choice.create ? ' (new)' : ''}`);
    render(list);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    chosen = null;
    render(shown);
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q) return render(list);
      const hits = await codingApi.search(q, kinds()).catch(() => []);
      const fresh = newChoice(q);
      render(
        list,
        hits.map((hit) =>
          h(
            'button',
            {
              type: 'button',
              class: 'picker-item',
              dataset: { id: hit.id },
              onclick: () => choose({ id: hit.id, label: hit.label }),
            },
            hit.label,
            h('span', { class: 'muted' }, ` ${hit.id}`),
          ),
        ),
        fresh &&
          h(
            'button',
            {
              type: 'button',
              class: 'picker-item new',
              dataset: { id: fresh.id },
              onclick: () => choose(fresh),
            },
            `+ new: “${q}”`,
            h('span', { class: 'muted' }, ` ${fresh.id}`),
          ),
      );
    }, 150);
  });
  return { element: h('div', { class: 'picker' }, input, shown, list), value: () => chosen };
}

/**
 * The form for a new relationship on `selection`, or for editing `editing` (a span or suggestion):
 * resolves with the change id when saved, null when cancelled.
 */
export function codingForm(
  selection: Selection,
  onDone: (change: string | null, error?: string) => void,
  editing?: CodedSpan,
): HTMLElement {
  const actorKind = h(
    'select',
    { name: 'speakerKind', title: 'kind of a new speaker' },
    ACTOR_KINDS.map(([value, label]) => h('option', { value }, label)),
  );
  const targetKind = h(
    'select',
    { name: 'targetKind', title: 'kind of a new target actor' },
    ACTOR_KINDS.map(([value, label]) => h('option', { value }, label)),
  );
  const type = h(
    'select',
    { name: 'type' },
    CODING_TYPES.map((row) =>
      h(
        'option',
        {
          value: row.type,
          style: `color: ${row.color}`,
          selected: row.type === (editing?.type ?? 'DEMANDS'),
        },
        `${row.type} (${row.verb})`,
      ),
    ),
  );
  const speaker = picker(
    'speaker',
    () => 'Person,Institution,Country',
    (text) => {
      const id = idFor(actorKind.value, text);
      return { id, label: text, create: { id, name: text } };
    },
    editing ? { id: editing.from, label: editing.fromName } : null,
  );
  const target = picker(
    'target',
    () => (isInteraction(type.value) ? 'Person,Institution,Country' : 'Claim'),
    (text) => {
      const id = isInteraction(type.value) ? idFor(targetKind.value, text) : idFor('claim', text);
      return isInteraction(type.value)
        ? { id, label: text, create: { id, name: text } }
        : { id, label: text, create: { id, text } };
    },
    editing ? { id: editing.to, label: editing.toName } : null,
  );
  const modality = h(
    'select',
    { name: 'modality' },
    MODALITIES.map((m) => h('option', { value: m, selected: m === (editing?.modality ?? 'asserted') }, m)),
  );
  const date = h('input', { type: 'date', name: 'date', value: editing?.date ?? selection.published ?? '' });
  const error = h('div', { class: 'form-error', role: 'alert' });
  const swatch = h('span', { class: 'swatch' });
  const paint = () => swatch.setAttribute('style', `background: ${spanColor({ type: type.value })}`);
  type.addEventListener('change', paint);
  paint();

  const save = async () => {
    const from = speaker.value();
    const to = target.value();
    if (!from || !to)
      return render(error, 'Choose a speaker and a target (or type a new one and pick “+ new”).');
    const fields = {
      type: type.value,
      from: from.id,
      to: to.id,
      quote: selection.quote,
      start: selection.start,
      end: selection.end,
      modality: modality.value,
      ...(date.value && date.value !== selection.published ? { date: date.value } : {}),
    };
    const actors = [from, to]
      .filter((c) => c.create?.name)
      .map((c) => ({ id: c.create!.id, name: c.create!.name! }));
    const claims = [to]
      .filter((c) => c.create?.text)
      .map((c) => ({ id: c.create!.id, text: c.create!.text! }));
    try {
      const answer = editing
        ? await codingApi.updateRelationship(editing.ref, fields)
        : await codingApi.createRelationship(
            { ...fields, doc: selection.doc },
            { ...(actors.length ? { actors } : {}), ...(claims.length ? { claims } : {}) },
          );
      onDone(answer.change);
    } catch (e) {
      render(error, e instanceof Error ? e.message : String(e));
    }
  };

  return h(
    'form',
    {
      class: 'coding-form',
      'aria-label': editing ? 'Edit the relationship' : 'Code the selection',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void save();
      },
    },
    h(
      'blockquote',
      { class: 'coding-quote' },
      `“${selection.quote}”`,
      h('span', { class: 'muted' }, ` [${selection.start}, ${selection.end})`),
    ),
    h('label', null, 'Speaker', speaker.element, actorKind),
    h('label', null, 'Type', h('span', { class: 'type-row' }, swatch, type)),
    h('label', null, 'Target', target.element, targetKind),
    h('div', { class: 'form-row' }, h('label', null, 'Modality', modality), h('label', null, 'Date', date)),
    error,
    h(
      'div',
      { class: 'form-row' },
      h('button', { type: 'submit', class: 'primary' }, editing ? 'Save the edit' : 'Save'),
      h('button', { type: 'button', onclick: () => onDone(null) }, 'Cancel'),
    ),
  );
}
