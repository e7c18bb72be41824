// The edge panel: a relationship in words ("Sergei Ryabkov demands …"), its date, method,
// confidence and modality, and its quote highlighted inside the text of its source document. An
// edge of a graph view stands for `count` parallel relationships: the panel pages through them
// (GET /api/edges), each with its quote and source; a single one is shown inside its document; for imported
// event data (record-grounded, no words), the record: dataset, id, codes and source URL.

import { api } from '../core/api/index.ts';
import type { NodeDetails } from '../core/api/types.ts';
import { edgeColor, edgeVerb, isTie, kindInfo } from '../core/appearance/index.ts';
import { openDocumentAt } from '../core/coding/index.ts';
import { quoteSegments } from '../core/document/index.ts';
import { edgePolarity, type EdgePolarity } from '../core/filters/index.ts';
import { cached, whenReady } from './cache.ts';
import { actionLink, h, render, shapeIcon } from './dom.ts';
import { errorText, panelHead, quoteBlock } from './panel-parts.ts';
import type { PanelContext } from './panel-parts.ts';

export function renderEdgePanel(body: HTMLElement, key: string, context: PanelContext): void {
  const { controller } = context;
  const graph = controller.canvasGraph;
  if (!graph.hasEdge(key)) {
    render(body, h('p', { class: 'muted' }, 'This relationship is not on the canvas.'));
    return;
  }
  const attributes = graph.getEdgeAttributes(key);
  const [source, target] = graph.extremities(key);
  const color = edgeColor(attributes.type);
  const polarity = edgePolarity(attributes.polarity);
  const endpoint = (id: string) => {
    const node = graph.getNodeAttributes(id);
    const info = kindInfo(node.kind);
    return actionLink(
      `?node=${encodeURIComponent(id)}`,
      [shapeIcon(info.shape, info.color, 10), ' ', node.label],
      () => controller.select({ type: 'node', id }),
    );
  };
  const weight = typeof attributes.weight === 'number' ? attributes.weight : null;
  const count = typeof attributes.count === 'number' ? attributes.count : null;
  const facts = factList({
    ...attributes,
    ...(count !== null && count > 1 ? { count } : { count: undefined, first: undefined, last: undefined }),
    weight,
  });
  const documentSection = h('section', { class: 'document' });
  render(
    body,
    panelHead(
      controller,
      `polarity-${polarity}`,
      color,
      h('span', { class: 'swatch-line', style: `background:${color}` }),
      attributes.type,
    ),
    h('p', { class: 'edge-sentence' }, endpoint(source), ` ${edgeVerb(attributes.type)} `, endpoint(target)),
    facts,
    typeof attributes.note === 'string' ? h('p', { class: 'note' }, attributes.note) : null,
    documentSection,
  );

  if (isTie(attributes.type)) {
    const claims = Array.isArray(attributes.claims)
      ? attributes.claims.filter((id): id is string => typeof id === 'string')
      : [];
    const stances = controller.graph;
    render(
      documentSection,
      h('h3', null, `On ${claims.length} claim${claims.length === 1 ? '' : 's'}`),
      h(
        'ul',
        { class: 'tie-claims' },
        claims.map((id) => h('li', null, stances.hasNode(id) ? stances.getNodeAttribute(id, 'label') : id)),
      ),
    );
    return;
  }
  if (count !== null) {
    // A single relationship behind the edge: its facts come with it, and it shows in its document.
    const single = (props: Record<string, unknown>) => {
      facts.replaceWith(factList(props));
      if (typeof props.note === 'string') documentSection.before(h('p', { class: 'note' }, props.note));
    };
    renderRelationships(
      documentSection,
      { source, type: attributes.type, target },
      count,
      0,
      context,
      single,
    );
    return;
  }
  renderInDocument(documentSection, attributes, polarity, context);
}

/** The facts of a relationship (or of the edge that stands for several) as a definition list. */
function factList(attributes: Record<string, unknown>): HTMLElement {
  const facts: [string, unknown][] = [
    ['Relationships', attributes.count],
    ['First', attributes.first],
    ['Last', attributes.last],
    ['Date', attributes.date],
    ['Method', attributes.method],
    ['Status', attributes.status === 'suggested' ? 'suggested (machine-made, not yet reviewed)' : undefined],
    ['Confidence', typeof attributes.confidence === 'number' ? attributes.confidence.toFixed(2) : undefined],
    ['Modality', attributes.modality],
    ['Weight', attributes.weight],
    ['On behalf of', attributes.onBehalfOf],
    ['Coded by', attributes.coder],
  ];
  return h(
    'dl',
    { class: 'properties' },
    facts
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => [h('dt', null, name), h('dd', null, String(value))]),
  );
}

/** How many relationships of an edge the panel lists at a time. */
export const EDGE_PAGE = 10;

/** The relationships behind an edge of a graph view, a page at a time (a single one inside its document). */
function renderRelationships(
  section: HTMLElement,
  edge: { source: string; type: string; target: string },
  count: number,
  offset: number,
  context: PanelContext,
  single: (properties: Record<string, unknown>) => void,
): void {
  const key = `edge:${edge.source}|${edge.type}|${edge.target}:${offset}`;
  whenReady(
    cached(key, () => api.edgeRelationships(edge, { offset, limit: EDGE_PAGE })),
    context.current,
    {
      loading: () => render(section, h('p', { class: 'loading' }, 'Loading the relationships…')),
      failed: (error) => render(section, h('p', { class: 'error' }, errorText(error))),
      done: (page) => {
        const [only] = page.relationships;
        if (page.total === 1 && only) {
          single(only.properties);
          return renderInDocument(section, only.properties, edgePolarity(only.polarity ?? null), context);
        }
        const go = (to: number) => () => renderRelationships(section, edge, count, to, context, single);
        const last = Math.min(page.total, offset + page.relationships.length);
        render(
          section,
          h('h3', null, `${page.total} relationship${page.total === 1 ? '' : 's'}`),
          h(
            'ol',
            { class: 'edge-relationships', start: String(offset + 1) },
            page.relationships.map((rel) => {
              const props = rel.properties;
              const facts = [props.date, props.method, props.modality]
                .filter((value) => typeof value === 'string')
                .join(' · ');
              return h(
                'li',
                { class: 'edge-relationship' },
                h('p', { class: 'muted' }, facts),
                quoteBlock(typeof props.quote === 'string' ? props.quote : null),
                typeof props.doc === 'string'
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'link edge-in-text',
                        title: 'Show the quote in its document',
                        onclick: () =>
                          renderInDocument(
                            section,
                            props,
                            edgePolarity(rel.polarity ?? null),
                            context,
                            h(
                              'p',
                              null,
                              h(
                                'button',
                                { type: 'button', class: 'link edge-back', onclick: go(offset) },
                                `← all ${page.total} relationships`,
                              ),
                            ),
                          ),
                      },
                      'in the text',
                    )
                  : null,
                rel.source
                  ? h(
                      'p',
                      { class: 'document-source' },
                      actionLink(
                        `?node=${encodeURIComponent(rel.source.id)}`,
                        rel.source.title ?? rel.source.id,
                        () => context.controller.select({ type: 'node', id: rel.source!.id }),
                      ),
                      rel.source.published ? ` · ${rel.source.published}` : null,
                    )
                  : null,
              );
            }),
          ),
          h(
            'p',
            { class: 'edge-pages' },
            h(
              'button',
              {
                type: 'button',
                class: 'edge-page-previous',
                disabled: offset === 0,
                onclick: go(Math.max(0, offset - EDGE_PAGE)),
              },
              'Earlier',
            ),
            ` ${page.total === 0 ? 0 : offset + 1}–${last} of ${page.total} `,
            h(
              'button',
              {
                type: 'button',
                class: 'edge-page-next',
                disabled: last >= page.total,
                onclick: go(offset + EDGE_PAGE),
              },
              'Later',
            ),
          ),
        );
      },
    },
  );
}

/** A relationship's quote highlighted inside its source document's text (fetched on demand). */
function renderInDocument(
  documentSection: HTMLElement,
  attributes: Record<string, unknown>,
  polarity: EdgePolarity,
  context: PanelContext,
  lead: HTMLElement | null = null,
): void {
  const quote = typeof attributes.quote === 'string' ? attributes.quote : null;
  const docId = typeof attributes.doc === 'string' ? attributes.doc : undefined;
  if (typeof attributes.record === 'string' && attributes.quote === undefined) {
    renderRecord(documentSection, attributes, docId, context);
    return;
  }
  if (!docId) {
    render(
      documentSection,
      quoteBlock(quote) ?? h('p', { class: 'muted' }, 'No source text: this relationship is structural.'),
    );
    return;
  }
  const documentId = docId;
  const start = typeof attributes.start === 'number' ? attributes.start : undefined;
  const end = typeof attributes.end === 'number' ? attributes.end : undefined;
  whenReady(
    cached(`node:${docId}`, () => api.node(docId)),
    context.current,
    {
      loading: () =>
        render(documentSection, lead, h('p', { class: 'loading' }, 'Loading the source document…')),
      failed: (error) =>
        render(documentSection, lead, h('p', { class: 'error' }, errorText(error)), quoteBlock(quote)),
      done: (whole) => {
        // A long text comes in pieces: the quote is shown in the piece around it.
        const range = whole.textRange;
        if (range && range.length < range.total && start !== undefined && end !== undefined) {
          const offset = Math.max(0, start - QUOTE_CONTEXT);
          const piece = { offset, length: Math.min(end + QUOTE_CONTEXT - offset, range.length) };
          if (range.offset !== piece.offset || range.length < piece.length) {
            whenReady(
              cached(`node:${docId}:${piece.offset}:${piece.length}`, () => api.node(docId, piece)),
              context.current,
              {
                loading: () => {},
                failed: (error) =>
                  render(
                    documentSection,
                    lead,
                    h('p', { class: 'error' }, errorText(error)),
                    quoteBlock(quote),
                  ),
                done: (document) => show(document),
              },
            );
            return;
          }
        }
        show(whole);
      },
    },
  );

  function show(document: NodeDetails): void {
    const text = typeof document.properties.text === 'string' ? document.properties.text : '';
    const shift = document.textRange?.offset ?? 0;
    const segments = quoteSegments(text, {
      quote: quote ?? undefined,
      start: start === undefined ? undefined : start - shift,
      end: end === undefined ? undefined : end - shift,
    });
    const mark = h('mark', { class: `quote-mark polarity-${polarity}` }, segments?.quote ?? '');
    const box = h(
      'div',
      { class: 'document-text', tabindex: '0', 'aria-label': 'Document text' },
      segments?.before,
      mark,
      segments?.after,
    );
    render(
      documentSection,
      lead,
      h('h3', null, 'In its source'),
      h(
        'p',
        { class: 'document-source' },
        h('strong', null, document.label),
        typeof document.properties.published === 'string' ? ` · ${document.properties.published}` : null,
        typeof document.properties.publisher === 'string' ? ` · ${document.properties.publisher}` : null,
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'link open-in-documents',
            title: 'Open the document in the coding view, scrolled to the quote',
            onclick: () => openDocumentAt(documentId, start),
          },
          'open in Documents',
        ),
      ),
      segments
        ? box
        : h(
            'div',
            null,
            h('p', { class: 'muted' }, 'The quote was not found in the document text.'),
            quoteBlock(quote),
          ),
    );
    // Centre the quote in the text box without scrolling the page or the panel.
    if (segments)
      requestAnimationFrame(
        () => (box.scrollTop = mark.offsetTop - box.clientHeight / 2 + mark.offsetHeight / 2),
      );
  }
}

/** Characters of a long text shown on each side of a quote (the panel asks for that piece only). */
const QUOTE_CONTEXT = 3000;

/** The codes a record-grounded relationship carries, labelled as the datasets name them. */
const RECORD_CODES: [string, string][] = [
  ['cameo', 'CAMEO code'],
  ['goldstein', 'Goldstein scale'],
  ['quadClass', 'QuadClass'],
  ['intensity', 'Intensity'],
  ['mentions', 'Mentions'],
  ['sources', 'Sources'],
  ['articles', 'Articles'],
  ['tone', 'Average tone'],
  ['place', 'Place'],
];

/** A record-grounded relationship: where it comes from (dataset, record, URL) and its codes, where others show a quote. */
function renderRecord(
  section: HTMLElement,
  attributes: Record<string, unknown>,
  docId: unknown,
  context: PanelContext,
): void {
  const facts = (url: unknown, title: unknown) =>
    h(
      'dl',
      { class: 'properties record-codes' },
      [
        ['Dataset', attributes.source],
        ['Record', attributes.record],
        ...RECORD_CODES.map(([key, label]) => [label, attributes[key]]),
      ]
        .filter(([, value]) => value !== undefined && value !== null)
        .map(([name, value]) => [h('dt', null, String(name)), h('dd', null, String(value))]),
      typeof url === 'string'
        ? [
            h('dt', null, 'Source'),
            h('dd', null, h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url)),
          ]
        : typeof title === 'string'
          ? [h('dt', null, 'Source'), h('dd', null, title)]
          : null,
    );
  render(section, h('h3', null, 'From an event record'), facts(undefined, undefined));
  if (typeof docId !== 'string') return;
  whenReady(
    cached(`node:${docId}`, () => api.node(docId)),
    context.current,
    {
      loading: () => {},
      failed: () => {},
      done: (document) =>
        render(
          section,
          h('h3', null, 'From an event record'),
          facts(document.properties.url, document.label),
        ),
    },
  );
}
