// The node panel: name, kind, title, aliases and the other properties; the buttons that expand,
// collapse and hide; and the node's positions with their quotes: an actor's grouped by
// relationship type, a claim's for and against (the positions view), any other node's
// relationships on the canvas.

import { isActorKind, type NodeKind } from '../../../model/kinds.ts';
import { kindInfo } from '../core/appearance/index.ts';
import { relationshipType } from '../../../model/vocabulary.ts';
import { api, type PositionEntry } from '../core/api/index.ts';
import { EXPANSION_LIMIT } from '../core/app/index.ts';
import { groupByType, splitBySide, type PositionGroup } from '../core/positions/index.ts';
import { cached, whenReady } from './cache.ts';
import { actionLink, h, render, shapeIcon } from './dom.ts';
import type { PanelContext } from './panel-parts.ts';
import { errorText, panelHead, quoteBlock } from './panel-parts.ts';

const SHOWN_PROPERTIES: [string, string][] = [
  ['date', 'Date'],
  ['start', 'From'],
  ['end', 'To'],
  ['place', 'Place'],
  ['published', 'Published'],
  ['publisher', 'Publisher'],
  ['language', 'Language'],
  ['iso3', 'ISO code'],
  ['wikidata', 'Wikidata'],
];

export function renderNodePanel(body: HTMLElement, id: string, context: PanelContext): void {
  const { controller } = context;
  const graph = controller.canvasGraph;
  const onCanvas = graph.hasNode(id);
  const details = h('div', { class: 'node-details' });
  const positions = h('section', { class: 'positions' });
  render(body, details, positions);

  const drawDetails = (kind: NodeKind, label: string, properties: Record<string, unknown>) => {
    const info = kindInfo(kind);
    const aliases = Array.isArray(properties.aliases)
      ? properties.aliases.filter((a) => typeof a === 'string')
      : [];
    const state = controller.state;
    const expanded = state.view.expanded.includes(id);
    const leftOut = state.leftOut[id] ?? 0;
    const edgesLeftOut = state.edgesLeftOut[id] ?? 0;
    const stances = state.view.mode === 'stances';
    render(
      details,
      panelHead(controller, '', info.color, shapeIcon(info.shape, info.color), kind),
      h('h2', { class: kind === 'Claim' ? 'node-name claim' : 'node-name' }, label),
      typeof properties.title === 'string' && properties.title !== label
        ? h('p', { class: 'node-title' }, properties.title)
        : null,
      aliases.length
        ? h('p', { class: 'aliases' }, h('span', { class: 'muted' }, 'Also: '), aliases.join(' · '))
        : null,
      typeof properties.description === 'string'
        ? h('p', { class: 'description' }, properties.description)
        : null,
      h(
        'dl',
        { class: 'properties' },
        SHOWN_PROPERTIES.filter(([key]) => properties[key] !== undefined && properties[key] !== null).map(
          ([key, name]) => [h('dt', null, name), h('dd', null, String(properties[key]))],
        ),
        h('dt', null, 'Id'),
        h('dd', null, h('code', null, id)),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            disabled: !stances || Boolean(state.busy),
            title: `Add up to ${EXPANSION_LIMIT} neighbours (e)`,
            onclick: () => void controller.expand(id),
          },
          expanded ? 'Expand again' : 'Expand',
        ),
        expanded
          ? h(
              'button',
              {
                type: 'button',
                title: 'Remove what the expansion added (x)',
                onclick: () => controller.collapse(id),
              },
              'Collapse',
            )
          : null,
        stances && onCanvas
          ? h(
              'button',
              { type: 'button', title: 'Hide this node (h)', onclick: () => controller.hide(id) },
              'Hide',
            )
          : null,
        onCanvas
          ? h(
              'button',
              { type: 'button', title: 'Centre the canvas on it', onclick: () => context.flyTo(id) },
              'Locate',
            )
          : null,
      ),
      leftOut > 0
        ? h(
            'p',
            { class: 'notice-inline' },
            `${leftOut} more neighbour${leftOut === 1 ? '' : 's'} not shown: an expansion adds at most ${EXPANSION_LIMIT}.`,
          )
        : null,
      edgesLeftOut > 0
        ? h(
            'p',
            { class: 'notice-inline edges-left-out' },
            `${edgesLeftOut} edge${edgesLeftOut === 1 ? '' : 's'} among these neighbours not drawn: an expansion sends its own edges and a few per neighbour, the busiest first.`,
          )
        : null,
    );
  };

  if (onCanvas) {
    const attributes = graph.getNodeAttributes(id);
    drawDetails(attributes.kind, attributes.label, attributes);
    drawPositions(positions, id, attributes.kind, context);
  } else {
    whenReady(
      cached(`node:${id}`, () => api.node(id)),
      context.current,
      {
        loading: () => render(details, h('p', { class: 'loading' }, 'Loading…')),
        done: (node) => {
          drawDetails(node.kind, node.label, node.properties);
          drawPositions(positions, id, node.kind, context);
        },
        failed: (error) => render(details, h('p', { class: 'error' }, errorText(error))),
      },
    );
  }
}

function drawPositions(section: HTMLElement, id: string, kind: NodeKind, context: PanelContext): void {
  if (isActorKind(kind)) {
    whenReady(
      cached(`stances:${id}`, () => api.actorStances(id)),
      context.current,
      {
        loading: () => render(section, h('p', { class: 'loading' }, 'Loading positions…')),
        done: (stances) =>
          render(
            section,
            h('h3', null, `Positions (${stances.stances.length})`),
            stances.stances.length
              ? groupByType(stances.stances).map((group) => groupView(group, context))
              : h('p', { class: 'muted' }, 'No coded positions.'),
          ),
        failed: (error) => render(section, h('p', { class: 'error' }, errorText(error))),
      },
    );
  } else if (kind === 'Claim') {
    whenReady(
      cached(`positions:${id}`, () => api.claimPositions(id)),
      context.current,
      {
        loading: () => render(section, h('p', { class: 'loading' }, 'Loading positions…')),
        done: ({ positions }) => {
          const sides = splitBySide(positions);
          render(
            section,
            h('h3', null, 'Positions on this claim'),
            h(
              'div',
              { class: 'sides' },
              h(
                'div',
                { class: 'side for' },
                h('h4', null, `For (${sides.for.length})`),
                sides.for.map((entry) => entryView(entry, context, true)),
              ),
              h(
                'div',
                { class: 'side against' },
                h('h4', null, `Against (${sides.against.length})`),
                sides.against.map((entry) => entryView(entry, context, true)),
              ),
            ),
            sides.other.length
              ? h(
                  'div',
                  { class: 'side other' },
                  h('h4', null, `Other (${sides.other.length})`),
                  sides.other.map((entry) => entryView(entry, context, true)),
                )
              : null,
          );
        },
        failed: (error) => render(section, h('p', { class: 'error' }, errorText(error))),
      },
    );
  } else {
    const entries = canvasRelationships(id, context);
    render(
      section,
      h('h3', null, `Relationships on the canvas (${entries.length})`),
      groupByType(entries).map((group) => groupView(group, context)),
    );
  }
}

/** A node's relationships as the canvas holds them, in the same shape as the API's positions. */
function canvasRelationships(id: string, context: PanelContext): PositionEntry[] {
  const graph = context.controller.canvasGraph;
  if (!graph.hasNode(id)) return [];
  return graph.mapEdges(id, (edge, attributes, source, target) => {
    const other = source === id ? target : source;
    const otherAttributes = graph.getNodeAttributes(other);
    return {
      ...attributes,
      edge,
      direction: source === id ? 'out' : 'in',
      other: { id: other, kind: otherAttributes.kind, label: otherAttributes.label },
    };
  });
}

function groupView(group: PositionGroup, context: PanelContext): HTMLElement {
  return h(
    'div',
    { class: 'position-group', dataset: { type: group.type } },
    h(
      'h4',
      null,
      h('span', { class: 'swatch-line', style: `background:${group.color}` }),
      `${group.verb} `,
      h('span', { class: 'count' }, group.entries.length),
    ),
    group.entries.map((entry) => entryView(entry, context, false)),
  );
}

/** One position: who or what it points to, the quote, the source and the date. */
function entryView(entry: PositionEntry, context: PanelContext, withVerb: boolean): HTMLElement {
  const { controller } = context;
  const graph = controller.canvasGraph;
  // The stance's own edge (a query's result), else the graph view's edge that stands for it.
  const edgeOnCanvas = [entry.edge, entry.group].find((key) => key !== undefined && graph.hasEdge(key));
  const kind = kindInfo(entry.other.kind);
  const verb = withVerb ? (relationshipType(entry.type)?.verb ?? entry.type) : '';
  return h(
    'article',
    { class: 'position', dataset: { type: entry.type, other: entry.other.id } },
    h(
      'p',
      { class: 'position-target' },
      withVerb
        ? null
        : entry.direction === 'in'
          ? h('span', { class: 'muted' }, '← ')
          : h('span', { class: 'muted' }, '→ '),
      shapeIcon(kind.shape, kind.color, 10),
      actionLink(
        `?node=${encodeURIComponent(entry.other.id)}`,
        entry.other.label,
        () => void controller.reveal(entry.other.id).then(() => context.flyTo(entry.other.id)),
      ),
      verb ? h('span', { class: 'muted' }, ` ${verb}`) : null,
      entry.modality && entry.modality !== 'asserted' ? h('span', { class: 'tag' }, entry.modality) : null,
    ),
    quoteBlock(entry.quote),
    h(
      'p',
      { class: 'source' },
      entry.docTitle || entry.doc
        ? h(
            'span',
            { class: 'doc-title', title: entry.docTitle ?? entry.doc ?? '' },
            entry.docTitle ?? entry.doc,
          )
        : null,
      entry.date ? h('span', { class: 'date' }, `· ${entry.date}`) : null,
      edgeOnCanvas
        ? h(
            'button',
            {
              type: 'button',
              class: 'link',
              title: 'Show the quote in its document',
              onclick: () => controller.select({ type: 'edge', id: edgeOnCanvas }),
            },
            '· in the text',
          )
        : null,
    ),
  );
}
