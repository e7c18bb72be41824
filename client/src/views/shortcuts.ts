// Keyboard shortcuts: one table of keys, what they do and how, which both the key handler and the
// help dialog read. Keys typed into a field (search, console, slider) stay with that field.

import type { Controller } from '../core/app/index.ts';
import type { CanvasView } from './canvas.ts';
import type { ConsoleView } from './console.ts';
import type { SearchView } from './search.ts';

export interface ShortcutTargets {
  controller: Controller;
  canvas: CanvasView;
  console: ConsoleView;
  search: SearchView;
  help: { toggle(open?: boolean): void; isOpen(): boolean };
  toggleSidebar(): void;
}

export interface Shortcut {
  keys: string[];
  description: string;
  run(targets: ShortcutTargets): void;
}

function selectedNode(controller: Controller): string | null {
  const selection = controller.state.view.selection;
  return selection?.type === 'node' ? selection.id : null;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['/', 'Ctrl+K'], description: 'Search', run: ({ search }) => search.focus() },
  {
    keys: ['Esc'],
    description: 'Close the help or clear the selection',
    run: ({ controller, help }) => (help.isOpen() ? help.toggle(false) : controller.select(null)),
  },
  {
    keys: ['e'],
    description: 'Expand the selected node',
    run: ({ controller }) => {
      const id = selectedNode(controller);
      if (id) void controller.expand(id);
    },
  },
  {
    keys: ['x'],
    description: 'Collapse what expanding the selected node added',
    run: ({ controller }) => {
      const id = selectedNode(controller);
      if (id && controller.state.view.expanded.includes(id)) controller.collapse(id);
    },
  },
  {
    keys: ['h'],
    description: 'Hide the selected node',
    run: ({ controller }) => {
      const id = selectedNode(controller);
      if (id) controller.hide(id);
    },
  },
  { keys: ['u'], description: 'Show all hidden nodes', run: ({ controller }) => controller.unhide() },
  {
    keys: ['a'],
    description: 'Switch between the stance graph and the agreement network',
    run: ({ controller }) =>
      controller.setMode(controller.state.view.mode === 'stances' ? 'agreement' : 'stances'),
  },
  { keys: ['c'], description: 'Open or close the Cypher console', run: (t) => t.console.toggle() },
  { keys: ['Ctrl+Enter'], description: 'Run the query (in the console)', run: () => {} },
  { keys: ['f'], description: 'Show or hide the legend and filters', run: (t) => t.toggleSidebar() },
  { keys: ['l'], description: 'Lay the graph out again', run: ({ controller }) => void controller.layout() },
  {
    keys: ['+', '='],
    description: 'Zoom in',
    run: ({ canvas }) => canvas.zoom(1 / canvas.settings.zoomStep),
  },
  { keys: ['-'], description: 'Zoom out', run: ({ canvas }) => canvas.zoom(canvas.settings.zoomStep) },
  { keys: ['0'], description: 'Fit the graph to the window', run: ({ canvas }) => canvas.resetCamera() },
  { keys: ['?'], description: 'Show these shortcuts', run: ({ help }) => help.toggle() },
];

function keyName(event: KeyboardEvent): string {
  const key = event.key === 'Escape' ? 'Esc' : event.key;
  return (event.ctrlKey || event.metaKey) && key.length === 1 ? `Ctrl+${key.toUpperCase()}` : key;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function installShortcuts(targets: ShortcutTargets): void {
  const byKey = new Map(
    SHORTCUTS.flatMap((shortcut) => shortcut.keys.map((key) => [key, shortcut] as const)),
  );
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey) return;
    const name = keyName(event);
    if (typingInto(event.target) && name !== 'Esc') return;
    if (typingInto(event.target) && name === 'Esc') return (event.target as HTMLElement).blur();
    const shortcut = byKey.get(name);
    if (!shortcut || (event.ctrlKey && !name.startsWith('Ctrl+'))) return;
    event.preventDefault();
    shortcut.run(targets);
  });
}
