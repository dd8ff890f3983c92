import { resolveScenario } from '../../sim/scenario/load.ts';
import { simulate, type SimulateOptions } from '../../sim/run/simulateRun.ts';

/** Runs a raw scenario in memory and returns the summary with the cases.csv text parsed to rows. */
export async function runRaw(raw: Record<string, unknown>, opts: SimulateOptions = {}) {
  const chunks: string[] = [];
  const scenario = resolveScenario(raw, String(raw.name ?? 'test'));
  const result = await simulate(scenario, { ...opts, caseSink: { write: (t) => chunks.push(t) } });
  const text = chunks.join('');
  const [head, ...lines] = text.trimEnd().split('\n');
  const columns = head!.split(',');
  const rows = lines.map((l) => Object.fromEntries(splitCsv(l).map((v, i) => [columns[i]!, v])));
  return { ...result, casesText: text, rows };
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
