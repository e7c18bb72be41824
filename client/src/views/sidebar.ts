// The left sidebar: the legend, which is also the filter (node kinds, relationship types grouped
// by polarity, from the vocabulary), the time slider, and the hidden nodes. In the agreement
// mode it explains the network instead.

import { NODE_KINDS } from '../../../model/kinds.ts';
import { RELATIONSHIP_TYPES, type RelationshipTypeName } from '../../../model/vocabulary.ts';
import { legendKinds, legendPolarities } from '../core/appearance/index.ts';
import type { AppState, Controller } from '../core/app/index.ts';
import { DEFAULT_FILTERS, EDGE_POLARITIES, timeDomain, toggle } from '../core/filters/index.ts';
import {
  AGGREGATIONS,
  DNA_DEFAULTS,
  DUPLICATES,
  invalidCombination,
  NETWORK_TYPES,
  NORMALIZATIONS,
  VARIABLES1,
  type DnaOptions,
} from '../../../model/networks.ts';
import { h, render, shapeIcon } from './dom.ts';
import { createTimeSlider } from './time-slider.ts';

export function createSidebar(controller: Controller): HTMLElement {
  const kinds = h('fieldset', { class: 'legend-group' });
  const types = h('fieldset', { class: 'legend-group' });
  const hidden = h('div', { class: 'hidden-nodes' });
  const agreementLegend = h(
    'div',
    { class: 'agreement-legend' },
    h('h3', null, 'Agreement network'),
    h(
      'p',
      null,
      'Two actors are tied when they took positions on the same claims within the time window: ',
      h('span', { class: 'swatch-line', style: 'background:#2e7d32' }),
      ' agreement (same side), ',
      h('span', { class: 'swatch-line', style: 'background:#c62828' }),
      ' conflict (opposite sides). Thicker ties: more claims.',
    ),
  );
  const omitted = h('p', { class: 'agreement-omitted' });
  const dna = createNetworkOptions(controller);
  agreementLegend.append(omitted, dna.element);
  const slider = createTimeSlider(controller);
  const reset = h(
    'button',
    { type: 'button', class: 'link', onclick: () => controller.setFilters(() => DEFAULT_FILTERS) },
    'Reset filters',
  );
  const element = h(
    'aside',
    { class: 'sidebar', 'aria-label': 'Legend and filters' },
    h('div', { class: 'sidebar-head' }, h('h2', null, 'Legend & filters'), reset),
    kinds,
    types,
    agreementLegend,
    slider.element,
    hidden,
  );

  const draw = (state: AppState) => {
    const { filters, mode } = state.view;
    const graph = controller.graph;
    const countKinds = new Map<string, number>();
    graph.forEachNode((_node, attributes) =>
      countKinds.set(attributes.kind, (countKinds.get(attributes.kind) ?? 0) + 1),
    );
    const countTypes = new Map<string, number>();
    graph.forEachEdge((_edge, attributes) =>
      countTypes.set(attributes.type, (countTypes.get(attributes.type) ?? 0) + 1),
    );

    kinds.hidden = types.hidden = mode !== 'stances';
    agreementLegend.hidden = mode !== 'agreement';
    const ties = state.agreementTies;
    omitted.hidden = !ties || ties.omitted === 0;
    if (ties && ties.omitted > 0) {
      const shown = (ties.total - ties.omitted).toLocaleString('en');
      omitted.textContent = `The ${shown} strongest of ${ties.total.toLocaleString('en')} ties are drawn (those on the most claims); an export of the network has them all.`;
    }
    dna.update(state.view.network);
    render(
      kinds,
      h('legend', null, 'Nodes'),
      legendKinds().map((entry) =>
        h(
          'label',
          { class: 'legend-item', title: `Show or hide ${entry.kind} nodes` },
          h('input', {
            type: 'checkbox',
            checked: filters.kinds.includes(entry.kind),
            dataset: { kind: entry.kind },
            onchange: () =>
              controller.setFilters((f) => ({ ...f, kinds: toggle(f.kinds, entry.kind, NODE_KINDS) })),
          }),
          shapeIcon(entry.shape, entry.color),
          h('span', { class: 'legend-label' }, entry.label),
          h('span', { class: 'count' }, countKinds.get(entry.kind) ?? 0),
        ),
      ),
    );
    render(
      types,
      h('legend', null, 'Relationships'),
      legendPolarities().map((group) =>
        h(
          'div',
          { class: 'polarity-group' },
          h(
            'label',
            {
              class: 'legend-item polarity',
              title: `Show or hide all ${group.label.toLowerCase()} relationships`,
            },
            h('input', {
              type: 'checkbox',
              checked: filters.polarities.includes(group.polarity),
              dataset: { polarity: group.polarity },
              onchange: () =>
                controller.setFilters((f) => ({
                  ...f,
                  polarities: toggle(f.polarities, group.polarity, EDGE_POLARITIES),
                })),
            }),
            h('span', { class: 'legend-label' }, group.label),
          ),
          group.types.map((entry) =>
            h(
              'label',
              {
                class: 'legend-item type',
                title: entry.codes ? `${entry.type}: ${entry.codes}` : entry.type,
              },
              h('input', {
                type: 'checkbox',
                checked: filters.types.includes(entry.type as RelationshipTypeName),
                disabled: !filters.polarities.includes(group.polarity),
                dataset: { type: entry.type },
                onchange: () =>
                  controller.setFilters((f) => ({
                    ...f,
                    types: toggle(f.types, entry.type as RelationshipTypeName, RELATIONSHIP_TYPES),
                  })),
              }),
              h('span', { class: 'swatch-line', style: `background:${entry.color}` }),
              h('span', { class: 'legend-label' }, entry.verb),
              entry.cameoRoots ? h('span', { class: 'legend-codes' }, entry.cameoRoots) : null,
              h('span', { class: 'count' }, countTypes.get(entry.type) ?? 0),
            ),
          ),
        ),
      ),
    );
    const hiddenIds = state.view.hidden;
    hidden.hidden = mode !== 'stances' || hiddenIds.length === 0;
    render(
      hidden,
      h('h3', null, `Hidden (${hiddenIds.length})`),
      h(
        'ul',
        null,
        hiddenIds.map((id) =>
          h(
            'li',
            null,
            h('span', null, graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id),
            h('button', { type: 'button', class: 'link', onclick: () => controller.unhide(id) }, 'show'),
          ),
        ),
      ),
      h('button', { type: 'button', class: 'link', onclick: () => controller.unhide() }, 'Show all (u)'),
    );
    slider.update(state, timeDomain(mode === 'agreement' ? controller.graph : graph));
  };

  controller.store.subscribe((state, previous) => {
    if (state.view !== previous.view || state.revision !== previous.revision) draw(state);
  });
  draw(controller.state);
  return element;
}

const OPTION_LABELS: Record<keyof DnaOptions, [string, readonly string[]]> = {
  networkType: ['Network', NETWORK_TYPES],
  variable1: ['Rows', VARIABLES1],
  qualifierAggregation: ['Agreement', AGGREGATIONS],
  normalization: ['Normalisation', NORMALIZATIONS],
  duplicates: ['Duplicates', DUPLICATES],
};

/**
 * DNA's options for the agreement view (rDNA's names and values): off, the agreement network;
 * on, the network exactly as the Discourse Network Analyzer computes it. Choices that do not fit
 * the network type are disabled.
 */
function createNetworkOptions(controller: Controller): {
  element: HTMLElement;
  update(network?: DnaOptions): void;
} {
  const toggle = h('input', {
    type: 'checkbox',
    class: 'dna-toggle',
    onchange: () => controller.setNetwork(toggle.checked ? DNA_DEFAULTS : undefined),
  });
  const selects = Object.fromEntries(
    (Object.keys(OPTION_LABELS) as (keyof DnaOptions)[]).map((key) => {
      const [, values] = OPTION_LABELS[key];
      const select = h(
        'select',
        {
          dataset: { option: key },
          onchange: () => {
            const current = controller.state.view.network ?? DNA_DEFAULTS;
            let next = { ...current, [key]: select.value } as DnaOptions;
            // Switching the network type resets the options that only the other type has.
            if (invalidCombination(next)?.field === 'qualifierAggregation')
              next = { ...next, qualifierAggregation: 'ignore' };
            if (invalidCombination(next)?.field === 'normalization') next = { ...next, normalization: 'no' };
            controller.setNetwork(next);
          },
        },
        values.map((value) => h('option', { value }, value)),
      );
      return [key, select];
    }),
  ) as Record<keyof DnaOptions, HTMLSelectElement>;
  const fields = h(
    'div',
    { class: 'dna-options' },
    (Object.keys(OPTION_LABELS) as (keyof DnaOptions)[]).map((key) =>
      h('label', { class: 'dna-option' }, h('span', null, OPTION_LABELS[key][0]), selects[key]),
    ),
  );
  const element = h(
    'fieldset',
    { class: 'dna-network' },
    h(
      'label',
      { class: 'legend-item' },
      toggle,
      h('span', { class: 'legend-label' }, "As DNA computes it (rDNA's options)"),
    ),
    fields,
  );
  return {
    element,
    update(network) {
      toggle.checked = network !== undefined;
      fields.hidden = network === undefined;
      const options = network ?? DNA_DEFAULTS;
      for (const key of Object.keys(selects) as (keyof DnaOptions)[]) {
        const select = selects[key];
        select.value = options[key];
        for (const option of select.options)
          option.disabled =
            invalidCombination({ ...options, [key]: option.value } as DnaOptions)?.field === key;
      }
    },
  };
}
