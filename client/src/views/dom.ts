// A few lines of DOM building so that views read as the tree they make, without a framework.

type Child = Node | string | number | null | undefined | false;
/** Children may come in (nested) lists, as `map` makes them. */
export type Children = Child | readonly Children[];
type Props = Record<string, unknown> & { class?: string; dataset?: Record<string, string> };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Children[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = String(value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (name in element && typeof value !== 'string') {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: readonly Children[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(typeof child === 'number' ? String(child) : (child as Node | string));
  }
}

/** Replaces an element's children. */
export function render(parent: Element, ...children: Children[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A little inline SVG of a node shape, for the legend and lists. */
export function shapeIcon(
  shape: 'circle' | 'square' | 'diamond' | 'triangle',
  color: string,
  size = 12,
): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 12 12');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('shape');
  const path = document.createElementNS(ns, shape === 'circle' ? 'circle' : 'path');
  if (shape === 'circle') {
    path.setAttribute('cx', '6');
    path.setAttribute('cy', '6');
    path.setAttribute('r', '5');
  } else {
    const d = {
      square: 'M1.5 1.5h9v9h-9z',
      diamond: 'M6 0.5l5.5 5.5-5.5 5.5-5.5-5.5z',
      triangle: 'M6 1l5.5 10h-11z',
    }[shape];
    path.setAttribute('d', d);
  }
  path.setAttribute('fill', color);
  svg.append(path);
  return svg;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/**
 * A link in running text that acts in the page but has a real address (the view with that
 * selection), so that it can also be opened in a new tab.
 */
export function actionLink(
  href: string,
  label: Children,
  action: () => void,
  title?: string,
): HTMLAnchorElement {
  return h(
    'a',
    {
      href,
      class: 'link',
      title,
      onclick: (event: MouseEvent) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        action();
      },
    },
    label,
  );
}
