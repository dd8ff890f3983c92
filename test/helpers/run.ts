import { resolveScenario } from '../../sim/scenario/load.ts';
import { simulate, type SimulateOptions } from '../../sim/run/simulateRun.ts';
import { splitCsvLine } from '../../sim/run/csvLine.ts';

/** Runs a raw scenario in memory and returns the summary with the cases.csv text parsed to rows. */
export async function runRaw(raw: Record<string, unknown>, opts: SimulateOptions = {}) {
  const chunks: string[] = [];
  const scenario = resolveScenario(raw, String(raw.name ?? 'test'));
  const result = await simulate(scenario, { ...opts, caseSink: { write: (t) => chunks.push(t) } });
  const text = chunks.join('');
  const [head, ...lines] = text.trimEnd().split('\n');
  const columns = head!.split(',');
  const rows = lines.map((l) => Object.fromEntries(splitCsvLine(l).map((v, i) => [columns[i]!, v])));
  return { ...result, casesText: text, rows };
}
