import { expect } from 'vitest';
import { runRaw } from './run.ts';

type Raw = Record<string, unknown>;
type Run = Awaited<ReturnType<typeof runRaw>>;

/** Every output of a run that a scenario file can change: summary, cases.csv, time series, staff.csv. */
export function outputs(r: Run): string {
  return [JSON.stringify(r.summary), r.casesText, r.timeseriesCsv, r.staffCsv].join('\n---\n');
}

/**
 * A mechanism switched off (`enabled: false`), or the `mechanisms` block left empty, gives
 * byte-identical outputs to the scenario without the block, under a central and a tiered policy.
 */
export async function expectOffIsIdentical(full: Raw, name: string): Promise<void> {
  const raw = { ...full, horizonDays: 12 };
  for (const policyName of ['flat', 'hierarchical']) {
    const without = outputs(await runRaw(raw, { policyName }));
    expect(outputs(await runRaw({ ...raw, mechanisms: {} }, { policyName }))).toBe(without);
    expect(outputs(await runRaw({ ...raw, mechanisms: { [name]: { enabled: false } } }, { policyName }))).toBe(without);
  }
}

/** The section a mechanism adds to summary.json. */
export function mechanismSummary<T>(r: Run, name: string): T {
  return (r.summary as unknown as { mechanisms: Record<string, T> }).mechanisms[name]!;
}
