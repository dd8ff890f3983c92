import { csvHours, csvRow, csvText } from './csv.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Territory } from '../territory/build.ts';
import type { SimEvent, SimObserver } from '../model/events.ts';
import type { Case } from '../model/types.ts';
import { STAGE_COLUMNS, stageHoursAt } from '../model/stageClock.ts';

/** Receives text in order (a file in Node, an array in the browser). */
export interface TextSink {
  write(text: string): void;
}

export const CASE_COLUMNS = [
  'id',
  'category',
  'grid',
  'gridCode',
  'street',
  'source',
  'priority',
  'authority',
  'department',
  'createdAt',
  'reportedAt',
  'registeredAt',
  'registeredBy',
  'dispatchedAt',
  'firstWorkAt',
  'resolvedAt',
  'verifiedAt',
  'closedAt',
  'resolutionHours',
  'handlingHours',
  'waitHours',
  'limitHours',
  'slaMet',
  'resolvedTier',
  'escalations',
  'bounces',
  'timeouts',
  'reopens',
  'contacts',
  'whistled',
  'tiersVisited',
  'state',
  'counted',
  'handoffs',
  ...(STAGE_COLUMNS as readonly StageColumn[]),
] as const;

/** `discoveryHours` … `reworkHours`, then `queueHours_grid` … (sim/model/stageClock.ts). */
type StageColumn = `${string}Hours` | `queueHours_${string}`;

const t = csvHours;

/**
 * cases.csv: one row per case, written when it closes (so memory holds only open cases), then
 * the still-open ones at the horizon in id order. Times are hours from the start; empty = never.
 * `counted` = 1 when the case was created after the warm-up and enters the statistics.
 */
export class CaseRowWriter implements SimObserver {
  private buffer: string[] = [];
  // The text columns of a row depend only on the grid, category or department: escaped once.
  private readonly gridText: string[];
  private readonly categoryText: string[];
  private readonly departmentText: string[];
  private readonly countedFrom: number;
  private readonly horizon: number;

  constructor(
    private readonly sink: TextSink,
    private readonly scenario: Scenario,
    territory: Territory,
    private readonly openCases: () => Iterable<Case>,
  ) {
    this.gridText = territory.grids.map((g) => `${csvText(g.name)},${g.code},${csvText(territory.streets[g.street]!.name)}`);
    this.categoryText = scenario.demand.categories.map((c) => csvText(c.name));
    this.departmentText = scenario.departments.map((d) => csvText(d.name));
    this.countedFrom = scenario.warmupDays * 24;
    this.horizon = scenario.horizonDays * 24;
    sink.write(csvRow(CASE_COLUMNS));
  }

  readonly eventTypes = ['caseClosed'] as const;

  onEvent(e: SimEvent): void {
    if (e.type !== 'caseClosed') return;
    this.buffer.push(this.row(e.case));
    // Small batches, joined (flattened) at once: a row is a rope of ~50 pieces until joined, and
    // ropes kept for thousands of rows outlive the young generation (measured: 28% of the bytes
    // promoted to the old generation in the default run). The sink buffers the flat text.
    if (this.buffer.length >= 32) this.flush();
  }

  onFinish(): void {
    const open = [...this.openCases()].sort((a, b) => a.id - b.id);
    for (const c of open) {
      this.buffer.push(this.row(c));
      if (this.buffer.length >= 32) this.flush();
    }
    this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    this.sink.write(this.buffer.join(''));
    this.buffer = [];
  }

  /** One line in the order of CASE_COLUMNS. */
  row(c: Case): string {
    const limit = this.scenario.timeLimitsHours[c.priority];
    const closed = Number.isFinite(c.closedAt);
    const handling = closed ? c.closedAt - c.registeredAt : NaN;
    return (
      `${c.id},${this.categoryText[c.category]},${this.gridText[c.grid]},${c.source ?? ''},${c.priority},${c.authority},` +
      `${c.department >= 0 ? this.departmentText[c.department] : ''},${t(c.createdAt)},${t(c.reportedAt)},${t(c.registeredAt)},` +
      `${Number.isFinite(c.registeredAt) ? c.registeredBy : ''},${t(c.dispatchedAt)},${t(c.firstWorkAt)},${t(c.resolvedAt)},` +
      `${t(c.verifiedAt)},${t(c.closedAt)},${closed ? t(c.closedAt - c.createdAt) : ''},${closed ? t(handling) : ''},` +
      `${t(c.waitHours)},${limit},${closed ? (handling <= limit ? 1 : 0) : ''},${c.resolvedTier ?? ''},${c.escalations},` +
      `${c.bounces},${c.timeouts},${c.reopens},${c.contacts},${c.whistled ? 1 : 0},${c.tiersVisited.join('>')},${c.state},` +
      `${c.createdAt >= this.countedFrom ? 1 : 0},${c.handoffs},${this.stages(c)}\n`
    );
  }

  /** Hours per stage; an open case's current stage counts up to the horizon (the row then adds up to horizon − createdAt). */
  private stages(c: Case): string {
    // A closed case's clock is final; only an open one (written at the horizon) needs the copy.
    const h = c.state === 'closed' ? c.stageHours : stageHoursAt(c, this.horizon);
    let out = '';
    for (let i = 0; i < h.length; i++) out += (i ? ',' : '') + t(h[i]!);
    return out;
  }
}
