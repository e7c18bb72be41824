// Search with autocompletion: the API's full-text search as you type (debounced, stale requests
// aborted), a listbox to pick from with the arrow keys, and the pick selected and flown to.

import { kindInfo } from '../core/appearance/index.ts';
import { api, type SearchHit } from '../core/api/index.ts';
import { describeProblem, type Controller } from '../core/app/index.ts';
import { ApiError } from '../core/api/utils.ts';
import { debounce, h, render, shapeIcon } from './dom.ts';

export interface SearchView {
  element: HTMLElement;
  focus(): void;
}

export function createSearch(controller: Controller, flyTo: (id: string) => void): SearchView {
  const input = h('input', {
    type: 'search',
    class: 'search-input',
    placeholder: 'Search actors, claims…  ( / )',
    autocomplete: 'off',
    spellcheck: false,
    role: 'combobox',
    'aria-label': 'Search the graph',
    'aria-expanded': 'false',
    'aria-controls': 'search-results',
    'aria-autocomplete': 'list',
  });
  const list = h('ul', { class: 'search-results', id: 'search-results', role: 'listbox', hidden: true });
  const element = h('div', { class: 'search' }, input, list);
  let hits: SearchHit[] = [];
  let active = -1;
  let pending: AbortController | null = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };

  const show = (content: HTMLElement[]) => {
    render(list, content);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  const draw = () =>
    show(
      hits.length
        ? hits.map((hit, i) => {
            const kind = kindInfo(hit.kind);
            return h(
              'li',
              {
                role: 'option',
                id: `search-hit-${i}`,
                class: i === active ? 'hit active' : 'hit',
                'aria-selected': String(i === active),
                onmousedown: (event: MouseEvent) => {
                  event.preventDefault();
                  void pick(hit);
                },
              },
              shapeIcon(kind.shape, kind.color),
              h('span', { class: 'hit-label' }, hit.label),
              hit.title ? h('span', { class: 'hit-matched' }, hit.title) : null,
              h('span', { class: 'hit-kind' }, hit.kind),
            );
          })
        : [h('li', { class: 'hit none' }, `Nothing matches “${input.value.trim()}”.`)],
    );

  const pick = async (hit: SearchHit) => {
    close();
    input.value = hit.label;
    input.blur();
    await controller.reveal(hit.id);
    requestAnimationFrame(() => flyTo(hit.id));
  };

  const lookup = debounce(async (q: string) => {
    pending?.abort();
    if (q.length < 2) return close();
    const request = new AbortController();
    pending = request;
    try {
      hits = await api.search(q, request.signal);
      active = hits.length ? 0 : -1;
      draw();
    } catch (error) {
      if (request.signal.aborted) return;
      show([
        h(
          'li',
          { class: 'hit none error' },
          error instanceof ApiError ? describeProblem(error.problem) : String(error),
        ),
      ]);
    }
  }, 150);

  input.addEventListener('input', () => lookup(input.value.trim()));
  input.addEventListener('focus', () => {
    if (hits.length && input.value.trim().length >= 2) draw();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!hits.length) return;
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length;
      input.setAttribute('aria-activedescendant', `search-hit-${active}`);
      draw();
    } else if (event.key === 'Enter') {
      const hit = hits[active] ?? hits[0];
      if (hit && !list.hidden) {
        event.preventDefault();
        void pick(hit);
      }
    } else if (event.key === 'Escape') {
      close();
      input.blur();
    }
  });

  return { element, focus: () => input.focus() };
}
