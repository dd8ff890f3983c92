import { rememberFile } from '../data/loadReplay.ts';
import { bundledSamples, resultsRuns, type RunItem } from '../data/runsList.ts';
import { el } from '../views/dom.ts';

export const viewRoute = (src: string) => `#/view?src=${encodeURIComponent(src)}`;
export const compareRoute = (a: string, b: string) => `#/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;

/** Opens one file in the viewer, or two in compare mode. */
export function openFiles(files: FileList | File[]): void {
  const list = Array.from(files as ArrayLike<File>);
  if (list.length === 0) return;
  const keys = list.slice(0, 2).map(rememberFile);
  location.hash = keys.length === 2 ? compareRoute(keys[0]!, keys[1]!) : viewRoute(keys[0]!);
}

function runList(items: RunItem[], group: string): HTMLElement {
  const table = el('table', { class: 'runs', 'data-group': group });
  table.append(el('thead', {}, el('tr', {}, el('th', {}, 'A'), el('th', {}, 'B'), el('th', {}, 'replay'), el('th', {}, ''))));
  for (const it of items) {
    table.append(
      el(
        'tr',
        {},
        el('td', {}, el('input', { type: 'radio', name: 'cmp-a', value: it.src, 'aria-label': `A: ${it.label}` })),
        el('td', {}, el('input', { type: 'radio', name: 'cmp-b', value: it.src, 'aria-label': `B: ${it.label}` })),
        el('td', {}, el('a', { href: viewRoute(it.src), class: 'run-link' }, it.label), el('small', {}, ` ${it.detail}`)),
      ),
    );
  }
  return table;
}

/** The start page: bundled samples, the runs under results/ (dev server), a file picker, drop. */
export async function mountRunsPage(root: HTMLElement): Promise<void> {
  const picker = el('input', { type: 'file', id: 'file', accept: '.json,.gz,application/json', multiple: '' });
  picker.onchange = () => picker.files && openFiles(picker.files);
  const compareButton = el('button', { type: 'button', id: 'compare' }, 'Compare A and B');
  const note = el('span', { class: 'hint' });
  compareButton.onclick = () => {
    const a = root.querySelector<HTMLInputElement>('input[name=cmp-a]:checked')?.value;
    const b = root.querySelector<HTMLInputElement>('input[name=cmp-b]:checked')?.value;
    if (!a || !b) note.textContent = ' pick one replay as A and one as B';
    else location.hash = compareRoute(a, b);
  };
  const results = el('div', { id: 'results-runs' }, el('p', { class: 'hint' }, 'looking for runs…'));
  root.replaceChildren(
    el('section', { class: 'open' }, el('h2', {}, 'Open a replay'), el('p', {}, 'Pick a file (two for compare mode) or drop it anywhere on the page: ', picker), el('p', { class: 'hint' }, 'Replay files come from gridgov run --replay (docs/replay.md): replay.json or replay.json.gz.')),
    el('section', {}, el('h2', {}, 'Bundled samples'), runList(bundledSamples(), 'samples')),
    el('section', {}, el('h2', {}, 'Runs under results/'), results),
    el('p', {}, compareButton, note),
  );
  const hasListing = document.querySelector('meta[name=gridgov-results]') !== null;
  const runs = hasListing ? await resultsRuns() : null;
  if (runs === null) results.replaceChildren(el('p', { class: 'hint' }, 'No run listing here: this is the static site (the listing comes with npm run viz). Open a file instead.'));
  else if (runs.length === 0) results.replaceChildren(el('p', { class: 'hint' }, 'No replay files under results/ yet: run gridgov run <scenario> --replay.'));
  else results.replaceChildren(runList(runs, 'results'));
}
