import { STAT_TIER_NAMES } from '../../../sim/replay/format.ts';
import type { Replay } from '../../../sim/replay/reader.ts';
import { CASE_STATE, type ReplayCursor } from '../state/cursor.ts';
import { el, fmtInt } from './dom.ts';

const TIER_LABEL: Record<string, string> = { hotline: '12345 hotline', grid: 'grid', community: 'community', street: 'street', district: 'district', department: 'departments' };

/**
 * Per statistics tier: visits waiting and in service at the last full hour (exact, from the
 * aggregates), the sampled case marks there now, and the cumulative flow of cases to the tier
 * that resolved them.
 */
export class TierView {
  readonly root = el('table', { class: 'tiers' });
  private readonly cells: HTMLTableCellElement[][] = [];
  private readonly bars: HTMLDivElement[] = [];
  private readonly cumResolved: number[][];
  private cumHours = 0;

  constructor(
    readonly replay: Replay,
    readonly cursor: ReplayCursor,
    /** The bar scale: compare mode gives both tier views the larger run's count, so bars compare. */
    private readonly barMax: (t: number) => number = (t) => Math.max(1, ...this.resolvedAt(t)),
  ) {
    const th = (h: string, title: string) => el('th', { title }, h);
    this.root.append(
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          th('tier', ''),
          th('waiting', 'visits waiting at the end of the last full hour (exact)'),
          th('in service', 'visits being worked on at the end of the last full hour (exact)'),
          th('marks here', 'sampled case marks at this tier now (a sample when tracks are sampled)'),
          th('resolved so far', 'cases resolved by this tier up to the last full hour (exact, all cases)'),
        ),
      ),
    );
    const body = el('tbody');
    STAT_TIER_NAMES.forEach((tier) => {
      const row = [0, 1, 2].map(() => el('td', { class: 'num' }));
      const bar = el('div', { class: 'bar' });
      const flow = el('td', { class: 'flow' }, bar);
      this.cells.push([...row, flow]);
      this.bars.push(bar);
      body.append(el('tr', { 'data-tier': tier }, el('th', {}, TIER_LABEL[tier]!), ...row, flow));
    });
    this.root.append(body);
    this.cumResolved = STAT_TIER_NAMES.map(() => [0]);
  }

  private cumulative(): void {
    const r = this.replay;
    for (; this.cumHours < r.hoursDone; this.cumHours++) {
      STAT_TIER_NAMES.forEach((_, i) => {
        const c = this.cumResolved[i]!;
        c.push(c[c.length - 1]! + r.tiers[i]!.resolved[this.cumHours]!);
      });
    }
  }

  /** Cases resolved by each tier up to the last full hour before t. */
  resolvedAt(t: number): number[] {
    this.cumulative();
    const done = Math.max(0, Math.min(Math.floor(t), this.replay.hoursDone));
    return this.cumResolved.map((c) => c[done]!);
  }

  draw(t: number): void {
    const r = this.replay;
    this.cumulative();
    const h = Math.min(Math.floor(t), r.hoursDone) - 1; // the last completed hour
    const marks = new Array(STAT_TIER_NAMES.length).fill(0);
    for (const c of this.cursor.active) {
      const d = this.cursor.caseDesk[c]!;
      if (d >= 0 && this.cursor.caseState[c]! !== CASE_STATE.closed) marks[STAT_TIER_NAMES.indexOf(r.desks[d]!.tier)]++;
    }
    const resolved = this.resolvedAt(t);
    const maxResolved = this.barMax(t);
    this.root.dataset.barMax = String(maxResolved);
    STAT_TIER_NAMES.forEach((_, i) => {
      const s = r.tiers[i]!;
      const present = h >= 0 ? s.present[h]! : 0;
      const inService = h >= 0 ? s.inService[h]! : 0;
      const [w, sv, mk, flow] = this.cells[i]!;
      w!.textContent = fmtInt(present - inService);
      sv!.textContent = fmtInt(inService);
      mk!.textContent = fmtInt(marks[i]);
      this.bars[i]!.style.width = `${(100 * resolved[i]!) / maxResolved}%`;
      this.bars[i]!.title = `${fmtInt(resolved[i]!)} resolved`;
      flow!.dataset.value = String(resolved[i]);
      this.bars[i]!.textContent = resolved[i]! > 0 ? fmtInt(resolved[i]!) : '';
    });
  }
}
