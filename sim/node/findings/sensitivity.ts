// The findings' sensitivity section (issue 12): for each scenario, the one-at-a-time tornado of
// its headline (the first metric's first paired difference) over the scenario's assumed
// parameters, on the seeds of its own first replications (common random numbers), and words
// saying which assumptions the headline rests on and whether a plausible value overturns it.
import { repSeed } from '../../experiment/compare.ts';
import { tornadoChart } from '../../experiment/sensitivityChart.ts';
import { oneAtATime, pointAssignments } from '../../experiment/sensitivityDesign.ts';
import { oatEffects, type Est } from '../../experiment/sensitivityEffects.ts';
import { declaredFactors, type Factor } from '../../experiment/sensitivityFactors.ts';
import { factorOut, sensitivityWords, type SensitivityResult } from '../../experiment/sensitivityReport.ts';
import type { Summary } from '../../run/summary.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { VERSION } from '../cli/version.ts';
import { metricOf, type MetricContext } from './derived.ts';
import type { ScenarioPlan } from './plan.ts';
import type { ReplicationPool } from '../cli/workerPool.ts';
import type { VariantRun } from '../experiment/precision.ts';
import { fmt, pairsOf } from './render.ts';

export interface FindingsSensitivity {
  result: SensitivityResult;
  factors: Factor[];
  chart: string;
  chartFile: string;
  digits: number;
  percent: boolean;
}

/**
 * Runs each assumed parameter at its low and high end under the headline's two variants, on
 * replications 0 … reps − 1 (the base point is the findings' own runs on those seeds), and
 * returns the tornado. `scenarioOf(variant, sets)` resolves a variant with extra overrides.
 * Null when the scenario declares no assumed parameter with a range.
 */
export async function headlineSensitivity(
  plan: ScenarioPlan,
  variants: readonly VariantRun[],
  ctx: MetricContext,
  pool: ReplicationPool,
  reps: number,
  scenarioOf: (variant: string, sets: string[]) => Scenario,
  baseSeed: string | number,
): Promise<FindingsSensitivity | null> {
  const [a, b] = pairsOf(plan)[0] ?? [variants[0]!.name];
  const arms = [a, b].filter((x): x is string => x !== undefined).map((name) => variants.find((v) => v.name === name)!);
  const factors = declaredFactors(arms[0]!.scenario, plan.file);
  if (factors.length === 0) return null;
  const metric = plan.metrics[0]!;
  const n = Math.min(reps, ...arms.map((v) => v.summaries.length));
  const points = oneAtATime(factors);
  const runs: Summary[][][] = points.map(() => arms.map(() => []));
  points.forEach((_, p) => arms.forEach((v, i) => (runs[p]![i] = v.summaries.slice(0, n))));
  let index = 0;
  const jobs: Promise<void>[] = [];
  for (let p = 1; p < points.length; p++) {
    const sets = pointAssignments(factors, points[p]!);
    arms.forEach((v, i) => {
      const scenario = scenarioOf(v.name, sets);
      for (let rep = 0; rep < n; rep++) {
        const seed = repSeed(baseSeed, rep);
        jobs.push(
          pool.run({ index: index++, scenario, policyName: v.policyName, policyFile: v.policyFile, seed, rep }).then((r) => {
            if (!r.ok) throw new Error(`${plan.file} ${v.name} sensitivity ${sets.join(' ')} rep ${rep}: ${r.error}`);
            runs[p]![i]![rep] = r.summary;
          }),
        );
      }
    });
  }
  await Promise.all(jobs);
  const value = (p: number, i: number, r: number) => metricOf(runs[p]![i]![r]!, metric.metric, ctx);
  const y = (p: number, r: number) => (arms.length > 1 ? value(p, 0, r) - value(p, 1, r) : value(p, 0, r));
  const oat = oatEffects(factors, points, y, n, 0.05);
  const result: SensitivityResult = {
    kind: 'sensitivity',
    gridgov: VERSION,
    scenario: arms[0]!.scenario.name,
    metric: metric.metric,
    arms: arms.map((v) => v.name),
    headline: `${metric.label}, ${arms.map((v) => v.name).join(' − ')}`,
    factors: factors.map(factorOut),
    oat: { ...oat, rounds: [n], runs: (points.length - 1) * arms.length * n, maxReps: n, precision: 0.05 },
    morris: null,
    runs: (points.length - 1) * arms.length * n,
    baseSeed,
  };
  return { result, factors, chart: tornadoChart(result, factors), chartFile: `findings/${result.scenario}-tornado.svg`, digits: metric.digits, percent: metric.percent };
}

/** The markdown of the section: words, the tornado table and the chart. */
export function sensitivityLines(s: FindingsSensitivity): string[] {
  const r = s.result;
  const oat = r.oat!;
  const f = (x: number) => fmt(x, s.digits, s.percent);
  const e = (x: Est) => `${x.mean > 0 ? '+' : ''}${f(x.mean)} [${f(x.ciLow)}, ${f(x.ciHigh)}]`;
  const fx = new Map(r.factors.map((x) => [x.path, x]));
  const out = [
    `**Which assumptions it rests on.** Each assumed parameter of the scenario's \`parameters\` block at the low and the high end of its plausible range, the others as they are, on the first ${oat.reps} replications' seeds (${r.runs} more runs); effects are changes of the headline (${r.headline}) from its value as run, paired by seed. ${sensitivityWords(r, s.digits).replace(/^At base, [^=]+=/, 'As run, the headline is')}`,
    '',
    '| assumed parameter | low … as run … high | effect at low | effect at high | swing | overturns it? |',
    '|---|---|---:|---:|---:|---|',
    ...oat.rows.map((row) => {
      const x = fx.get(row.path)!;
      return `| ${row.label} (\`${row.path}\`) | ${x.low} … ${x.base} … ${x.high} | ${e(row.effectLow)} | ${e(row.effectHigh)} | ${f(row.swing)} | ${row.signFlipClear ? `yes, at the ${row.signFlipClear} end` : row.signFlip ? `not clearly (${row.signFlip} end: sign changes, interval includes 0)` : 'no'} |`;
    }),
    '',
    `![Tornado: ${r.headline}](${s.chartFile})`,
    '',
  ];
  return out;
}

/** What findings.json records of it. */
export function sensitivityNumbers(s: FindingsSensitivity) {
  const oat = s.result.oat!;
  return { headline: s.result.headline, reps: oat.reps, base: oat.headline, rows: oat.rows.map((r) => ({ path: r.path, label: r.label, effectLow: r.effectLow, effectHigh: r.effectHigh, swing: r.swing, signFlip: r.signFlip, signFlipClear: r.signFlipClear })) };
}
