import { interpolateBlues, scaleBand } from 'd3';
import type { Replay } from '../../../sim/replay/reader.ts';
import { frame, WARMUP_TEXT, type Frame } from './frame.ts';
import { daysCompleted } from './handlingChart.ts';

const LEFT = 112;
const TOP = 44;

interface Row {
  label: string;
  desks: number[];
}

/**
 * Staff utilization (busy ÷ on-duty staff-hours, exact) by unit type and day, as a heat map;
 * the selected unit gets its own row on top. Only the days over by the clock's time are filled;
 * the clock's day is outlined, the warm-up days marked.
 */
export class UtilizationChart {
  private readonly f: Frame;
  private readonly rows: Row[];
  private selected: Row | null = null;
  private key = '';
  private readonly outline;
  private readonly rowH: number;

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
    this.rowH = this.rows.length > 10 ? 8 : 13;
    const height = 74 + this.rowH * (this.rows.length + 1);
    this.f = frame('staff utilization (busy ÷ on-duty hours)', width, height, 'chart-utilization');
    this.f.plot.attr('transform', `translate(${LEFT},${TOP})`);
    this.outline = this.f.plot.append('rect').attr('class', 'today');
    // legend: the colour ramp from 0% to 100%
    for (let i = 0; i <= 10; i++) this.f.legend.append('rect').attr('x', LEFT - 52 + i * 12).attr('y', -9).attr('width', 12).attr('height', 8).attr('fill', interpolateBlues(0.1 + 0.09 * i));
    this.f.legend.append('text').attr('x', LEFT - 56).attr('y', -2).attr('text-anchor', 'end').text('0%');
    this.f.legend.append('text').attr('x', LEFT - 52 + 136).attr('y', -2).text('100%');
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
    const width = this.f.width + 52 - LEFT;
    const x = scaleBand<number>().domain(Array.from({ length: days }, (_, d) => d)).range([0, width]).padding(0.05);
    const y = scaleBand<number>().domain(rows.map((_, i) => i)).range([0, this.rowH * rows.length]).padding(0.1);
    const over = daysCompleted(r, t);
    const key = `${over}:${r.daysDone}:${this.selected?.label ?? ''}`;
    if (key !== this.key) {
      this.key = key;
      const cells: { d: number; i: number; v: number }[] = [];
      rows.forEach((row, i) => {
        for (let d = 0; d < over; d++) cells.push({ d, i, v: this.value(row, d) });
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
        .attr('font-size', this.rowH < 10 ? 8 : 10)
        .attr('x', -4)
        .attr('y', (_, i) => y(i)! + y.bandwidth() - 1)
        .attr('text-anchor', 'end')
        .text((row) => row.label);
      const warmDays = Math.ceil(r.meta.warmupHours / 24 - 1e-9);
      const axisY = this.rowH * rows.length + 11;
      this.f.plot
        .selectAll('text.day')
        .data(x.domain())
        .join('text')
        .attr('class', (d) => `day${d < warmDays ? ' warm' : ''}`)
        .attr('x', (d) => x(d)! + x.bandwidth() / 2)
        .attr('y', axisY)
        .attr('text-anchor', 'middle')
        .text((d) => (days <= 31 || d % 7 === 0 ? String(d) : ''));
      this.f.plot.selectAll('text.axis-title').data([0]).join('text').attr('class', 'axis-title').attr('x', width).attr('y', axisY + 14).attr('text-anchor', 'end').text(warmDays > 0 ? `simulated day (${warmDays > 1 ? `days 0–${warmDays - 1}` : 'day 0'}: warm-up, grey)` : 'simulated day');
      this.f.plot.selectAll('title.warm').data(warmDays > 0 ? [0] : []).join('title').attr('class', 'warm').text(WARMUP_TEXT);
      this.node.dataset.endHours = String(over * 24);
      this.outline.raise();
    }
    const day = Math.min(days - 1, Math.floor(t / 24));
    this.outline.attr('x', x(day)!).attr('y', -2).attr('width', x.bandwidth()).attr('height', this.rowH * rows.length + 4);
  }
}
