import type { QuantileEstimate } from '../stats/kaplanMeier.ts';
import { buildScenario, type ScenarioShape, type UnitParams } from './buildScenario.ts';
import { closeTimes, kmTimeAt, ksDistance, type CloseTimes } from './closeTimes.ts';
import type { LogRecord } from './logRecords.ts';
import { simulatedLog, type SimulatedCase } from './simulatedLog.ts';
import { dayOfWeek } from './timestamps.ts';

/**
 * Observed against simulated, on one window of the log: the fitted scenario is run `reps` times
 * (seeds 1…reps) over the window's days, arrivals stopped after it and the run censored at the
 * log's censoring time, so the simulated log is read exactly like the real one.
 *
 * - arrivals per day: each observed day against its expected count under the fitted rates and
 *   profile (rate × weekday factor × holiday factor) and that count's Poisson 95% interval;
 * - arrivals per hour: observed share of each clock hour against the fitted profile and the simulated share;
 * - time to close per unit and category: Kaplan–Meier p10/p50/p90 of both, each with its 95%
 *   interval; "within" when the simulated estimate lies in the observed interval (an open end
 *   counts as unbounded); KS distance between the two curves; QQ points at p = 0.05…0.95.
 */
export interface CloseComparison {
  name: string;
  observed: { n: number; open: number; quantiles: QuantileEstimate[] };
  simulated: { n: number; open: number; quantiles: QuantileEstimate[] };
  within: boolean[];
  ks: number;
  qq: Array<{ p: number; observed: number; simulated: number }>;
}

export interface WindowReport {
  label: string;
  startHour: number;
  days: number;
  censorAt: number;
  reps: number;
  daily: Array<{ day: number; observed: number; expected: number; low: number; high: number; simulatedMean: number }>;
  dailyWithin: number;
  hourly: Array<{ hour: number; observedShare: number; fittedShare: number; simulatedShare: number }>;
  units: Array<CloseComparison & { perDayObserved: number; perDaySimulated: number; perDayExpected: number; dailyWithin: number }>;
  categories: Array<CloseComparison & { unit: string; perDayObserved: number; perDaySimulated: number }>;
}

const QQ_PS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

function poissonInterval(mean: number): [number, number] {
  // Normal approximation with continuity, adequate for daily counts of tens and more.
  const half = 1.96 * Math.sqrt(mean);
  return [Math.max(0, Math.floor(mean - half)), Math.ceil(mean + half)];
}

function compareClose(name: string, obs: CloseTimes, sim: CloseTimes): CloseComparison {
  const within = obs.quantiles.map((q, i) => {
    const s = sim.quantiles[i]!.estimate;
    if (s === null) return q.upper === null;
    return (q.lower === null || s >= q.lower) && (q.upper === null || s <= q.upper);
  });
  const qq: CloseComparison['qq'] = [];
  for (const p of QQ_PS) {
    const o = kmTimeAt(obs.fit, p);
    const s = kmTimeAt(sim.fit, p);
    if (o !== null && s !== null) qq.push({ p, observed: round(o), simulated: round(s) });
  }
  const strip = (c: CloseTimes) => ({ n: c.n, open: c.open, quantiles: c.quantiles.map((q) => ({ p: q.p, estimate: rn(q.estimate), lower: rn(q.lower), upper: rn(q.upper) })) });
  return { name, observed: strip(obs), simulated: strip(sim), within, ks: round(ksDistance(obs.fit, sim.fit)), qq };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const rn = (x: number | null) => (x === null ? null : round(x));

export async function evaluateWindow(
  label: string,
  shape: ScenarioShape,
  params: UnitParams,
  records: readonly LogRecord[],
  censorAt: number,
  reps: number,
): Promise<WindowReport> {
  const g = shape.grouping;
  const start = shape.startHour;
  const end = start + 24 * shape.days;
  const obs = records.filter((r) => r.created >= start && r.created < end);
  const tailDays = Math.max(0, (censorAt - end) / 24);
  const runShape: ScenarioShape = { ...shape, tailDays: Math.max(tailDays, 1e-6) };
  const simCases: SimulatedCase[] = [];
  const simDaily = new Array<number>(shape.days).fill(0);
  const simHourly = new Array<number>(24).fill(0);
  for (let seed = 1; seed <= reps; seed++) {
    const log = await simulatedLog(buildScenario(runShape, params), seed, shape.days);
    for (const c of log.cases) {
      simCases.push(c);
      simDaily[Math.floor(c.created / 24)]!++;
      simHourly[Math.floor(c.created) % 24]!++; // the window starts at a midnight
    }
  }
  const simCensor = censorAt - start;
  const a = shape.arrivals;
  const ratePerDay = a.perCategory.reduce((s, c) => s + c.perDay, 0);
  const dayFactor = (d: number) => a.dayOfWeek[dayOfWeek(start + 24 * d)]! * ((shape.holidayDays ?? []).includes(d) ? (a.holidayFactor ?? 1) : 1);
  const daily: WindowReport['daily'] = [];
  let dailyWithin = 0;
  for (let d = 0; d < shape.days; d++) {
    const expected = ratePerDay * dayFactor(d);
    const [low, high] = poissonInterval(expected);
    const observed = obs.filter((r) => Math.floor((r.created - start) / 24) === d).length;
    if (observed >= low && observed <= high) dailyWithin++;
    daily.push({ day: d, observed, expected: round(expected), low, high, simulatedMean: round(simDaily[d]! / reps) });
  }
  const hourlyObs = new Array<number>(24).fill(0);
  for (const r of obs) hourlyObs[Math.floor(r.created) % 24]!++;
  const hourly = hourlyObs.map((h, hour) => ({ hour, observedShare: round(h / Math.max(1, obs.length)), fittedShare: round(a.hourOfDay[hour]! / 24), simulatedShare: round(simHourly[hour]! / Math.max(1, simCases.length)) }));

  const unitCats = (u: string) => new Set(g.categories.map((c, i) => (c.unit === u ? i : -1)).filter((i) => i >= 0));
  const units = g.units.map((u) => {
    const cats = unitCats(u);
    const o = obs.filter((r) => cats.has(g.categoryOf(r)));
    const s = simCases.filter((c) => cats.has(c.category));
    const unitRate = a.perCategory.reduce((sum, c, i) => sum + (cats.has(i) ? c.perDay : 0), 0);
    let within = 0;
    let expectedSum = 0;
    for (let d = 0; d < shape.days; d++) {
      expectedSum += unitRate * dayFactor(d);
      const [low, high] = poissonInterval(unitRate * dayFactor(d));
      const n = o.filter((r) => Math.floor((r.created - start) / 24) === d).length;
      if (n >= low && n <= high) within++;
    }
    return {
      ...compareClose(u, closeTimes(o, censorAt), closeTimes(s, simCensor)),
      perDayObserved: round(o.length / shape.days),
      perDaySimulated: round(s.length / reps / shape.days),
      perDayExpected: round(expectedSum / shape.days),
      dailyWithin: within,
    };
  });
  const categories = g.categories.map((c, i) => {
    const o = obs.filter((r) => g.categoryOf(r) === i);
    const s = simCases.filter((x) => x.category === i);
    return { ...compareClose(c.name, closeTimes(o, censorAt), closeTimes(s, simCensor)), unit: c.unit, perDayObserved: round(o.length / shape.days), perDaySimulated: round(s.length / reps / shape.days) };
  });
  return { label, startHour: start, days: shape.days, censorAt, reps, daily, dailyWithin, hourly, units, categories };
}
