import { ReplayFileSink } from '../../sim/replay/fileSink.ts';
import { ReplayWriter } from '../../sim/replay/writer.ts';
import { simulate } from '../../sim/run/simulateRun.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';

/** Runs a raw scenario with a replay writer attached; returns the file text and the run. */
export async function replayOf(raw: Record<string, unknown>, o: { seed?: number; policy?: string; sample?: number; chunkHours?: number } = {}) {
  const scenario = resolveScenario(raw, 'test');
  const asRun = { ...scenario, seed: o.seed ?? scenario.seed, policy: { ...scenario.policy, name: o.policy ?? scenario.policy.name } };
  const parts: string[] = [];
  const sink = new ReplayFileSink({ write: (t) => parts.push(t) });
  const writer = new ReplayWriter(asRun, sink, { caseFraction: o.sample ?? 1, chunkHours: o.chunkHours ?? 24 });
  const result = await simulate(scenario, { seed: o.seed, policyName: o.policy, observers: [writer] });
  sink.close(result.summary);
  return { text: parts.join(''), result, scenario };
}
