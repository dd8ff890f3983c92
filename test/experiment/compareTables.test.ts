import { describe, expect, it } from 'vitest';
import { comparisonCsv, runsCsv, summarizeComparison, type RunRecord } from '../../sim/experiment/compare.ts';
import { metricInterval } from '../../sim/experiment/intervals.ts';
import { pointSummaryCsv, summarizePoints, type RunRecord as SweepRecord } from '../../sim/experiment/sweepTables.ts';
import type { Summary } from '../../sim/run/summary.ts';
import { parseCsvRows } from '../../sim/run/csv.ts';
import { meanCI, pairedDiffCI, studentTQuantile, studentTUpperTail } from '../../sim/stats/ci.ts';
import { holmAdjust, holmLevels, tTestP } from '../../sim/stats/multiple.ts';

/** A summary with just these metric values (dotted paths), books balanced. */
function summary(values: Record<string, number>): Summary {
  const s: Record<string, unknown> = { scenario: 'toy', checks: { ok: true } };
  for (const [path, v] of Object.entries(values)) {
    const keys = path.split('.');
    let node = s;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = v;
  }
  return s as unknown as Summary;
}

const table = (csv: string) => {
  const [head, ...rows] = parseCsvRows(csv);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
};

describe('Holm', () => {
  it('adjusts p-values step-down and gives each test the level its step used', () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(holmAdjust([0.5, NaN])).toEqual([0.5, NaN]);
    const levels = holmLevels([0.01, 0.04, 0.03], 0.05);
    expect(levels[0]).toBeCloseTo(0.05 / 3, 15);
    expect(levels[2]).toBeCloseTo(0.05 / 2, 15); // 0.03 > 0.025: not rejected; the rest keep this level
    expect(levels[1]).toBeCloseTo(0.05 / 2, 15);
    // the t tail agrees with the quantile it inverts
    expect(studentTUpperTail(studentTQuantile(0.975, 4), 4)).toBeCloseTo(0.025, 12);
    expect(studentTUpperTail(-studentTQuantile(0.975, 4), 4)).toBeCloseTo(0.975, 12);
  });
});

describe('comparison.csv', () => {
  // Three policies, 4 replications: policy c is much slower; a and b differ a little.
  const base = [50, 60, 55, 65];
  const records: RunRecord[] = [];
  const noise = { a: [0, 0, 0, 0], b: [1.5, 0.4, 2.9, 0.8], c: [30, 26, 41, 33] } as const;
  for (const p of ['a', 'b', 'c'] as const) {
    for (let rep = 0; rep < 4; rep++) {
      records.push({ policy: p, rep, seed: `s,${rep}`, summary: summary({ 'resolutionHours.mean': base[rep]! + noise[p][rep]!, 'resolutionHours.p95': rep < 2 ? [10, 200][rep]! : NaN, slaMet: [0.99, 0.999, 0.98, 1][rep]! }) });
    }
  }
  const two = records.filter((r) => r.rep < 2);
  const c = summarizeComparison('toy', records, ['a', 'b', 'c'], 1);

  it('with three policies, Holm-adjusts the three paired differences of each metric: p-values and intervals', () => {
    expect(c.adjustment).toEqual({ method: 'holm', family: 'the pairwise differences of one metric', comparisons: 3 });
    const d = c.differences['resolutionHours.mean']!;
    const values = (p: 'a' | 'b' | 'c') => records.filter((r) => r.policy === p).map((r) => r.summary.resolutionHours.mean);
    const raw = [['a', 'b'], ['a', 'c'], ['b', 'c']].map(([x, y]) => pairedDiffCI(values(x as 'a'), values(y as 'a')));
    const p = raw.map(tTestP);
    expect(Object.values(d).map((x) => x.pValue)).toEqual(p);
    expect(Object.values(d).map((x) => x.pHolm)).toEqual(holmAdjust(p));
    for (const [k, x] of Object.entries(d)) {
      expect(x.n, k).toBe(4);
      expect(x.ciHighHolm - x.ciLowHolm, k).toBeGreaterThanOrEqual(x.ciHigh - x.ciLow - 1e-12); // adjusted intervals are never narrower
      expect(x.ciLowHolm > 0 || x.ciHighHolm < 0, k).toBe(x.pHolm <= 0.05); // and agree with Holm's decision
    }
    // the first step (smallest p) is at the Bonferroni level α/3: strictly wider
    const first = Object.values(d).reduce((x, y) => (y.pValue < x.pValue ? y : x));
    expect(first.ciHighHolm - first.ciLowHolm).toBeGreaterThan(first.ciHigh - first.ciLow);
    const rows = table(comparisonCsv(c)).filter((r) => r.metric === 'resolutionHours.mean');
    expect(rows.map((r) => `${r.kind} ${r.policy}`)).toEqual(['mean a', 'mean b', 'mean c', 'difference a-b', 'difference a-c', 'difference b-c']);
    const ab = rows[3]!;
    expect(ab).toMatchObject({ n: '4', level: '0.95', adjustment: 'holm' });
    expect(Number(ab.pAdjusted)).toBeCloseTo(d['a-b']!.pHolm, 9);
    expect(Number(ab.ciLowAdjusted)).toBeCloseTo(d['a-b']!.ciLowHolm, 6);
    expect(Number(ab.sd)).toBeCloseTo(raw[0]!.sd, 6);
    expect(rows[0]).toMatchObject({ n: '4', pValue: '', adjustment: '' });
  });

  it('clips intervals of bounded metrics to their range: a p95 from 2 replications never goes below 0 hours, a share never above 1', () => {
    const c2 = summarizeComparison('toy', two, ['a', 'b'], 1);
    const raw = meanCI([10, 200]);
    expect(raw.ciLow).toBeLessThan(0); // what the plain t interval says
    const p95 = c2.metrics['resolutionHours.p95']!.a!;
    expect(p95).toMatchObject({ n: 2, ciLow: 0 });
    expect(p95.ciHigh).toBeCloseTo(raw.ciHigh, 9);
    expect(c.metrics.slaMet!.a!.ciHigh).toBeLessThanOrEqual(1);
    expect(meanCI([0.99, 0.999, 0.98, 1]).ciHigh).toBeGreaterThan(1);
    expect(metricInterval('utilization.gridWorker', [0.01, 0.5]).ciLow).toBe(0);
  });

  it('runs.csv: a seed or policy with a comma stays in its column, and every row names its scenario', () => {
    const rows = table(runsCsv(records));
    expect(rows[1]).toMatchObject({ scenario: 'toy', policy: 'a', rep: '1', seed: 's,1' });
    const lines = parseCsvRows(runsCsv(records));
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

describe('sweep-summary.csv', () => {
  it('gives n, sd and the level beside each mean and interval, clipped to the metric’s range', () => {
    const recs: SweepRecord[] = [10, 200].map((p95, rep) => ({ kind: 'run', planId: 'x', key: `p0-r${rep}`, point: 0, rep, seed: rep, summary: summary({ 'resolutionHours.p95': p95 }) }));
    const csv = pointSummaryCsv(['staff.gridWorker.count'], summarizePoints([[1]], recs));
    const [row] = table(csv);
    expect(row).toMatchObject({ point: '0', 'staff.gridWorker.count': '1', runs: '2', 'resolutionHours.p95.n': '2', 'resolutionHours.p95.ciLow': '0', level: '0.95' });
    expect(Number(row!['resolutionHours.p95.sd'])).toBeCloseTo(meanCI([10, 200]).sd, 6);
  });
});
