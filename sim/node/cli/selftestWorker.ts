import { ANALYTIC_CASES, runAnalyticCase, type AnalyticResult } from '../../validation/analytic.ts';

export interface SelftestTask {
  id: string;
  reps: number;
  horizonDays: number;
}

/** Runs one analytic case of the self-test (in a pool thread, or inline for --workers 1). */
export async function runTask(t: SelftestTask): Promise<AnalyticResult[]> {
  const c = ANALYTIC_CASES.find((x) => x.id === t.id);
  if (!c) throw new Error(`no analytic case ${t.id}`);
  return runAnalyticCase(c, { reps: t.reps, horizonDays: t.horizonDays, seed: 1 });
}
