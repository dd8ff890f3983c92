// The simulator core in a Web Worker: the same `simulate` the Node CLI runs.
import { simulate } from '../../sim/run/simulateRun.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { stableJson } from '../../sim/run/stableJson.ts';
import { InputError } from '../../sim/scenario/errors.ts';

export interface RunRequest {
  id: number;
  raw: unknown;
  name: string;
  sets?: string[];
  seed?: string | number;
  policy?: string;
}

export type RunReply =
  | { id: number; ok: true; summaryJson: string; events: number; wallMs: number }
  | { id: number; ok: false; error: string; input: boolean };

self.onmessage = async (e: MessageEvent<RunRequest>) => {
  const { id, raw, name, sets, seed, policy } = e.data;
  const started = performance.now();
  try {
    const scenario = resolveScenario(raw, name, sets ?? []);
    const result = await simulate(scenario, { seed, policyName: policy });
    const reply: RunReply = { id, ok: true, summaryJson: stableJson(result.summary), events: result.events, wallMs: performance.now() - started };
    (self as unknown as Worker).postMessage(reply);
  } catch (err) {
    const reply: RunReply = { id, ok: false, error: err instanceof Error ? err.message : String(err), input: err instanceof InputError };
    (self as unknown as Worker).postMessage(reply);
  }
};
