// The time slider: a window [from, to] over the dates the graph holds (stance and interaction
// dates, event dates), drawn as two range thumbs over a histogram of how much happens each day.
// Moving it updates the filters at once; a thumb at either end leaves that side open.

import type { AppState, Controller } from '../core/app/index.ts';
import { dateOfDay, dayNumber, setWindow, type TimeDomain } from '../core/filters/index.ts';
import { h, render } from './dom.ts';

export interface TimeSlider {
  element: HTMLElement;
  update(state: AppState, domain: TimeDomain | null): void;
}

export function createTimeSlider(controller: Controller): TimeSlider {
  const fromInput = h('input', { type: 'range', class: 'range from', 'aria-label': 'From date', step: '1' });
  const toInput = h('input', { type: 'range', class: 'range to', 'aria-label': 'To date', step: '1' });
  const histogram = h('div', { class: 'histogram', 'aria-hidden': 'true' });
  const label = h('output', { class: 'window-label' });
  const clearButton = h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: () => controller.setFilters((f) => ({ ...f, from: null, to: null })),
    },
    'All dates',
  );
  const element = h(
    'fieldset',
    { class: 'legend-group time-window' },
    h('legend', null, 'Time window'),
    h('div', { class: 'slider' }, histogram, fromInput, toInput),
    h('div', { class: 'window-row' }, label, clearButton),
  );
  let domain: TimeDomain | null = null;

  const onInput = () => {
    if (!domain) return;
    const from = dateOfDay(Number(fromInput.value));
    const to = dateOfDay(Number(toInput.value));
    const current = domain;
    controller.setFilters((filters) => setWindow(filters, from, to, current));
  };
  fromInput.addEventListener('input', onInput);
  toInput.addEventListener('input', onInput);

  return {
    element,
    update(state, next) {
      domain = next;
      const { from, to } = state.view.filters;
      element.hidden = !next;
      if (!next) return;
      const min = dayNumber(next.min);
      const max = dayNumber(next.max);
      const span = Math.max(max - min, 1);
      for (const input of [fromInput, toInput]) {
        input.min = String(min);
        input.max = String(max);
        input.disabled = min === max;
      }
      fromInput.value = String(from ? Math.max(min, dayNumber(from)) : min);
      toInput.value = String(to ? Math.min(max, dayNumber(to)) : max);
      const most = Math.max(...next.dates.map((d) => d.count));
      render(
        histogram,
        next.dates.map(({ date, count }) => {
          const inside = (!from || date >= from) && (!to || date <= to);
          return h('span', {
            class: inside ? 'bar' : 'bar outside',
            title: `${date}: ${count}`,
            style: `left:${((dayNumber(date) - min) / span) * 100}%;height:${20 + (80 * count) / most}%`,
          });
        }),
      );
      render(label, `${from ?? next.min} → ${to ?? next.max}`);
    },
  };
}
