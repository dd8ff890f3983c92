import { resolveScenario } from '../../sim/scenario/load.ts';
import { simulate, type SimulateOptions } from '../../sim/run/simulateRun.ts';
import { parseCsv } from '../../sim/run/csv.ts';

/** Runs a raw scenario in memory and returns the summary with the cases.csv text parsed to rows. */
export async function runRaw(raw: Record<string, unknown>, opts: SimulateOptions = {}) {
  const chunks: string[] = [];
  const scenario = resolveScenario(raw, String(raw.name ?? 'test'));
  const result = await simulate(scenario, { ...opts, caseSink: { write: (t) => chunks.push(t) } });
  const text = chunks.join('');
  const { rows } = parseCsv(text);
  return { ...result, casesText: text, rows };
}
