// The edge panel: a relationship in words ("Sergei Ryabkov demands …"), its date, method,
// confidence and modality, and its quote highlighted inside the text of its source document.

import { api } from '../core/api/index.ts';
import { edgeColor, edgeVerb, isTie, kindInfo } from '../core/appearance/index.ts';
import { openDocumentAt } from '../core/coding/index.ts';
import { quoteSegments } from '../core/document/index.ts';
import { edgePolarity } from '../core/filters/index.ts';
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
  const facts: [string, unknown][] = [
    ['Date', attributes.date],
    ['Method', attributes.method],
    ['Status', attributes.status === 'suggested' ? 'suggested (machine-made, not yet reviewed)' : undefined],
    ['Confidence', typeof attributes.confidence === 'number' ? attributes.confidence.toFixed(2) : undefined],
    ['Modality', attributes.modality],
    ['Weight', weight],
  ];
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
    h(
      'dl',
      { class: 'properties' },
      facts
        .filter(([, value]) => value !== undefined && value !== null)
        .map(([name, value]) => [h('dt', null, name), h('dd', null, String(value))]),
    ),
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
  const docId = attributes.doc;
  if (!docId) {
    render(
      documentSection,
      quoteBlock(attributes.quote) ??
        h('p', { class: 'muted' }, 'No source text: this relationship is structural.'),
    );
    return;
  }
  whenReady(
    cached(`node:${docId}`, () => api.node(docId)),
    context.current,
    {
      loading: () => render(documentSection, h('p', { class: 'loading' }, 'Loading the source document…')),
      failed: (error) =>
        render(documentSection, h('p', { class: 'error' }, errorText(error)), quoteBlock(attributes.quote)),
      done: (document) => {
        const text = typeof document.properties.text === 'string' ? document.properties.text : '';
        const segments = quoteSegments(text, attributes);
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
                onclick: () =>
                  openDocumentAt(docId, typeof attributes.start === 'number' ? attributes.start : undefined),
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
                quoteBlock(attributes.quote),
              ),
        );
        // Centre the quote in the text box without scrolling the page or the panel.
        if (segments)
          requestAnimationFrame(
            () => (box.scrollTop = mark.offsetTop - box.clientHeight / 2 + mark.offsetHeight / 2),
          );
      },
    },
  );
}
