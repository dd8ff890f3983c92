import { el } from '../views/dom.ts';
import { fmtDiff, fmtValue, resultRows, resultsCsv, type Interval, type ResultRow } from './resultRows.ts';
import { survivalChart } from './survivalChart.ts';
import { metricName } from './metricNames.ts';

/** Whether A − B is good for A, on measures that have a better direction (not loads, shares by tier or counts created). */
function judge(r: ResultRow): '' | 'better' | 'worse' {
  if (!Number.isFinite(r.diff) || r.diff === 0 || /^(utilization|resolvedByTier|stages)\.|^cases\.created$/.test(r.path)) return '';
  return metricName(r.path).lowerIsBetter === r.diff < 0 ? 'better' : 'worse';
}

/**
 * The answer beside the map: the run's results from its summary.json (single run), or A, B and
 * A − B (compare mode) with the paired interval when the runs are replications of a compare.
 * A replay still being written (the playground) has no summary yet: the panel says so.
 */
export class ResultsPanel {
  readonly root = el('section', { class: 'results', id: 'results', 'aria-label': 'results' });
  rows: ResultRow[] = [];

  constructor(
    private readonly summaries: () => unknown[],
    private readonly names: string[],
    private paired: Record<string, Interval> = {},
  ) {
    this.render();
  }

  setPaired(p: Record<string, Interval>): void {
    this.paired = p;
    this.render();
  }

  csv(): string {
    return resultsCsv(this.rows, this.names);
  }

  render(): void {
    const summaries = this.summaries();
    const two = this.names.length === 2;
    const head = el('h2', {}, 'Results ', el('small', {}, 'counted cases: those that occurred after the warm-up'));
    if (summaries.some((s) => s === undefined || s === null)) {
      this.rows = [];
      this.root.replaceChildren(head, el('p', { class: 'hint', id: 'results-pending' }, 'The results appear when the run has finished (the replay carries no summary yet).'));
      return;
    }
    this.rows = resultRows(summaries, two ? this.paired : {});
    const table = el('table', { class: 'results-table', id: 'results-table' });
    const cols = two ? ['A', 'B', 'A − B'] : ['value'];
    const hasPaired = this.rows.some((r) => r.paired);
    table.append(el('thead', {}, el('tr', {}, el('th', {}, 'metric'), ...cols.map((c) => el('th', { class: 'num' }, c)), ...(hasPaired ? [el('th', { class: 'num', title: '95% interval of A − B over the paired replications of the compare' }, 'paired 95% CI')] : []))));
    let group = '';
    const body = el('tbody');
    for (const r of this.rows) {
      if (r.group !== group) {
        group = r.group;
        body.append(el('tr', { class: 'group' }, el('th', { colspan: String(2 + cols.length) }, group)));
      }
      const cells = r.values.map((v, i) => el('td', { class: 'num', 'data-run': String(i) }, fmtValue(v, r.unit)));
      if (two) cells.push(el('td', { class: `num diff ${judge(r)}`, 'data-run': 'diff', title: judge(r) ? `A is ${judge(r)} on this measure` : '' }, fmtDiff(r.diff, r.unit)));
      if (hasPaired) cells.push(el('td', { class: 'num ci' }, r.paired ? `[${fmtDiff(r.paired.ciLow, r.unit)}, ${fmtDiff(r.paired.ciHigh, r.unit)}]` : ''));
      const unit = r.unit === 'share' ? '%' : r.unit;
      body.append(el('tr', { 'data-metric': r.path }, el('td', {}, r.label, el('small', {}, ` ${unit}`)), ...cells));
    }
    table.append(body);
    const notes = el('p', { class: 'hint' }, two ? `A − B: green where A is better, red where worse. ${hasPaired ? 'Paired 95% interval over the replications of the compare (same seeds).' : 'One replication each, so no interval (gridgov compare --reps n --replay gives paired intervals).'}` : 'From the run\'s summary.json.');
    const survival = survivalChart(summaries, this.names);
    this.root.replaceChildren(head, table, notes, ...(survival ? [survival] : []));
  }
}
