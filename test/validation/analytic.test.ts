import { afterAll, describe, expect, it } from 'vitest';
import { ANALYTIC_CASES, CaseCsvCollector, runAnalyticCase, type AnalyticResult } from '../../sim/validation/analytic.ts';
import { formatSelftestTable } from '../../sim/validation/selftestTable.ts';
import { mg1MeanWait, mmcMeanSojourn } from '../../sim/stats/queueing.ts';

// The quick plan of every analytic case (seeds 1..reps). Each metric passes when the textbook
// value lies inside the 99% t-interval of the replication means. With ~50 metrics at 99% each,
// a correct simulator still fails one with some probability on a fresh seed set; the seeds are
// fixed (base 1, never tuned), so the outcome is deterministic.

// `npm run test:long` (GRIDGOV_LONG=1) runs the full plan of docs/validation.md instead. There,
// with ~44 metrics at 99% each, a chance miss or two is expected: the long run asserts the
// family instead (at most 3 misses; P(≥ 4 of 44 at 1%) ≈ 0.1%).
const LONG = process.env.GRIDGOV_LONG === '1';
const MAX_LONG_MISSES = 3;
const CASE_TIMEOUT_MS = LONG ? 30 * 60_000 : 120_000;

const cache = new Map<string, Promise<AnalyticResult[]>>();
function results(id: string): Promise<AnalyticResult[]> {
  let p = cache.get(id);
  if (!p) {
    const c = ANALYTIC_CASES.find((x) => x.id === id);
    if (!c) throw new Error(`no case ${id}`);
    p = runAnalyticCase(c, LONG ? c.full : c.quick);
    cache.set(id, p);
  }
  return p;
}
const metric = async (id: string, name: string) => {
  const r = (await results(id)).find((x) => x.metric === name);
  if (!r) throw new Error(`${id}: no metric ${name}`);
  return r;
};
const outside = (r: AnalyticResult, value: number) => value < r.ciLow99 || value > r.ciHigh99;

const collected: AnalyticResult[] = [];

describe(`analytic validation: simulated means vs textbook queues (${LONG ? 'full' : 'quick'} plan)`, () => {
  for (const c of ANALYTIC_CASES) {
    it(`${c.id}: ${c.model} (${c.params})`, async () => {
      const res = await results(c.id);
      collected.push(...res);
      expect(res.length).toBeGreaterThan(0);
      for (const r of res) {
        expect(r.halfWidth99, `${r.id} ${r.metric}: no interval`).toBeGreaterThan(0);
        if (!LONG) expect(r.pass, `${r.id} ${r.metric}: theory ${r.theory} outside the 99% CI [${r.ciLow99}, ${r.ciHigh99}] (mean ${r.mean})`).toBe(true);
      }
    }, CASE_TIMEOUT_MS);
  }

  if (LONG) {
    it(`full plan: at most ${MAX_LONG_MISSES} of the metrics miss their 99% interval`, async () => {
      const all = (await Promise.all(ANALYTIC_CASES.map((c) => results(c.id)))).flat();
      const misses = all.filter((r) => !r.pass).map((r) => `${r.id} ${r.metric}`);
      expect(misses.length, misses.join('; ')).toBeLessThanOrEqual(MAX_LONG_MISSES);
    }, CASE_TIMEOUT_MS);
  }

  afterAll(() => {
    if (collected.length > 0) console.log(`\n${formatSelftestTable(collected)}`);
  });
});

describe('the intervals are narrow enough to reject nearby wrong models', () => {
  it('M/G/1 lognormal: rejects the M/M/1 wait (P-K with SCV 1)', async () => {
    expect(outside(await metric('mg1-lognormal', 'Wq (h)'), mg1MeanWait(0.6, 1, 1))).toBe(true);
  });

  it('priority: rejects the FCFS wait for either class', async () => {
    // Pooled M/G/1 FCFS wait of the same two classes: λE[S²]/(2(1−ρ)) = 0.82/0.2.
    const fcfs = 0.82 / 0.2;
    expect(outside(await metric('priority-2class', 'Wq urgent (h)'), fcfs)).toBe(true);
    expect(outside(await metric('priority-2class', 'Wq general (h)'), fcfs)).toBe(true);
  });

  it('shifts: rejects both M/M/2 and M/M/3, and an extra server that leaves at once (no overtime)', async () => {
    const L = await metric('shifts', 'L grid');
    expect(outside(L, 1.6 * mmcMeanSojourn(1.6, 1, 2))).toBe(true);
    expect(outside(L, 1.6 * mmcMeanSojourn(1.6, 1, 3))).toBe(true);
    expect(outside(await metric('shifts', 'overtime (h/day)'), 0)).toBe(true);
  });

  it('chain: rejects routing every case through one node less', async () => {
    // Skipping the community node would cut W by (λ(1−a)·W_comm)/λ = 0.5 × 10/3 h.
    const W = await metric('chain-3tier', 'W total (h)');
    expect(outside(W, W.theory - 0.5 * (1 / (1 - 0.7)))).toBe(true);
  });
});

describe('CaseCsvCollector', () => {
  it('parses chunks split anywhere, quoted fields, and keeps counted closed rows only', () => {
    const text = [
      'id,category,priority,waitHours,handlingHours,resolvedTier,state,counted',
      '1,"a, b",urgent,0.5000,1.0000,grid,closed,1',
      '2,"x ""y""",general,0.0000,2.0000,community,closed,1',
      '3,c,general,9.0000,,,queued,1',
      '4,c,general,3.0000,4.0000,grid,closed,0',
      '',
    ].join('\n');
    const sink = new CaseCsvCollector();
    for (let i = 0; i < text.length; i += 7) sink.write(text.slice(i, i + 7));
    expect(sink.rows.count).toBe(2);
    expect(sink.rows.priority).toEqual(['urgent', 'general']);
    expect(sink.rows.waitHours).toEqual([0.5, 0]);
    expect(sink.rows.handlingHours).toEqual([1, 2]);
    expect(sink.rows.resolvedTier).toEqual(['grid', 'community']);
  });
});

describe('formatSelftestTable', () => {
  it('aligns the columns and marks failures', () => {
    const r: AnalyticResult = {
      id: 'x',
      model: 'M/M/1',
      params: 'λ=0.8/h',
      metric: 'Wq (h)',
      theory: 4,
      mean: 4.1,
      ciLow99: 3.9,
      ciHigh99: 4.3,
      halfWidth99: 0.2,
      relErr: 0.025,
      pass: true,
      reps: 8,
      horizonDays: 100,
      warmupDays: 10,
    };
    const table = formatSelftestTable([r, { ...r, model: 'M/M/10', metric: 'P(wait>0)', theory: 0.5, mean: 0.6, relErr: 0.2, pass: false }]);
    const lines = table.split('\n');
    expect(lines[2]).toContain('PASS');
    expect(lines[3]).toContain('FAIL');
    expect(lines[2]!.indexOf('PASS')).toBe(lines[3]!.indexOf('FAIL'));
    expect(lines[2]!.indexOf('+2.50%') + 6).toBe(lines[3]!.indexOf('+20.00%') + 7);
    expect(table).toContain('1/2 PASS');
  });
});
