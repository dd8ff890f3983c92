import { interpolateBlues, scaleBand } from 'd3';
import type { Replay } from '../../../sim/replay/reader.ts';
import { frame, type Frame } from './frame.ts';

interface Row {
  label: string;
  desks: number[];
}

/**
 * Staff utilization (busy ÷ on-duty staff-hours, exact) by unit type and day, as a heat map;
 * the selected unit gets its own row on top. The clock's day is outlined.
 */
export class UtilizationChart {
  private readonly f: Frame;
  private readonly rows: Row[];
  private selected: Row | null = null;
  private key = '';
  private readonly outline;

  constructor(
    readonly replay: Replay,
    width = 460,
  ) {
    const roles: [string, string][] = [
      ['gridWorker', 'grid workers'],
      ['communityStaff', 'community staff'],
      ['streetDispatcher', 'street dispatch'],
      ['streetHandler', 'street handlers'],
      ['callTaker', 'hotline'],
      ['districtDispatcher', 'district dispatch'],
      ['districtHandler', 'district handlers'],
    ];
    this.rows = roles.map(([role, label]) => ({ label, desks: replay.desks.filter((d) => d.role === role).map((d) => d.id) }));
    replay.departments.forEach((name, k) => this.rows.push({ label: name, desks: replay.desks.filter((d) => d.role === 'departmentHandler' && d.unit === k).map((d) => d.id) }));
    const height = 48 + 13 * (this.rows.length + 1);
    this.f = frame('staff utilization by unit and day', width, height, 'chart-utilization');
    this.f.plot.attr('transform', `translate(110,30)`);
    this.outline = this.f.plot.append('rect').attr('class', 'today');
  }

  get node(): SVGSVGElement {
    return this.f.svg.node()!;
  }

  select(label: string | null, desks: number[] = []): void {
    this.selected = label ? { label, desks } : null;
    this.key = '';
  }

  private value(row: Row, day: number): number {
    const r = this.replay;
    let busy = 0;
    let on = 0;
    for (const d of row.desks) {
      busy += r.deskBusy[day * r.desks.length + d]!;
      on += r.deskOnDuty[day * r.desks.length + d]!;
    }
    return on > 0 ? busy / on : NaN;
  }

  draw(t: number): void {
    const r = this.replay;
    const rows = this.selected ? [this.selected, ...this.rows] : this.rows;
    const days = r.meta.days;
    const width = this.f.width + 44 + 12 - 110;
    const x = scaleBand<number>().domain(Array.from({ length: days }, (_, d) => d)).range([0, width]).padding(0.05);
    const y = scaleBand<number>().domain(rows.map((_, i) => i)).range([0, 13 * rows.length]).padding(0.1);
    const key = `${r.daysDone}:${this.selected?.label ?? ''}`;
    if (key !== this.key) {
      this.key = key;
      const cells: { d: number; i: number; v: number }[] = [];
      rows.forEach((row, i) => {
        for (let d = 0; d < r.daysDone; d++) cells.push({ d, i, v: this.value(row, d) });
      });
      this.f.plot
        .selectAll('rect.cell')
        .data(cells)
        .join('rect')
        .attr('class', 'cell')
        .attr('x', (c) => x(c.d)!)
        .attr('y', (c) => y(c.i)!)
        .attr('width', x.bandwidth())
        .attr('height', y.bandwidth())
        .attr('fill', (c) => (Number.isNaN(c.v) ? '#eee' : interpolateBlues(0.1 + 0.9 * Math.min(1, c.v))))
        .selectAll('title')
        .data((c) => [c])
        .join('title')
        .text((c) => `${rows[c.i]!.label}, day ${c.d}: ${Number.isNaN(c.v) ? 'nobody on duty' : `${(100 * c.v).toFixed(0)}% busy`}`);
      this.f.plot
        .selectAll('text.row')
        .data(rows)
        .join('text')
        .attr('class', 'row')
        .attr('x', -4)
        .attr('y', (_, i) => y(i)! + y.bandwidth() - 2)
        .attr('text-anchor', 'end')
        .text((row) => row.label);
      this.outline.raise();
    }
    const day = Math.min(days - 1, Math.floor(t / 24));
    this.outline.attr('x', x(day)!).attr('y', -2).attr('width', x.bandwidth()).attr('height', 13 * rows.length + 4);
  }
}
