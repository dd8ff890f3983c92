// The simulator core in a Web Worker: the same `simulate` the Node CLI runs. With `replay`, a
// replay writer is attached and the worker posts the header and then a chunk every
// `chunkHours` simulated hours while the run goes on, so the page can show it as it runs.
import { ReplayFileSink } from '../../sim/replay/fileSink.ts';
import type { ReplayChunk, ReplayHeader } from '../../sim/replay/format.ts';
import { ReplayWriter } from '../../sim/replay/writer.ts';
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
  /** Stream a replay while running (sample fraction of case tracks, chunk length in hours). */
  replay?: { sample: number; chunkHours: number };
}

export type RunReply =
  | { id: number; kind: 'header'; header: ReplayHeader }
  | { id: number; kind: 'chunk'; chunk: ReplayChunk }
  | { id: number; kind: 'done'; ok: true; summaryJson: string; events: number; wallMs: number; replayText?: string }
  | { id: number; kind: 'done'; ok: false; error: string; input: boolean };

const post = (r: RunReply) => (self as unknown as Worker).postMessage(r);

self.onmessage = async (e: MessageEvent<RunRequest>) => {
  const { id, raw, name, sets, seed, policy, replay } = e.data;
  const started = performance.now();
  try {
    const scenario = resolveScenario(raw, name, sets ?? []);
    const parts: string[] = [];
    const file = new ReplayFileSink({ write: (t) => parts.push(t) });
    const observers = replay
      ? [
          new ReplayWriter({ ...scenario, seed: seed ?? scenario.seed, policy: { ...scenario.policy, name: policy ?? scenario.policy.name } }, {
            header: (header) => {
              file.header(header);
              post({ id, kind: 'header', header });
            },
            chunk: (chunk) => {
              file.chunk(chunk);
              post({ id, kind: 'chunk', chunk });
            },
            finish: () => {},
          }, { caseFraction: replay.sample, chunkHours: replay.chunkHours }),
        ]
      : [];
    const result = await simulate(scenario, { seed, policyName: policy, observers });
    if (replay) file.close(result.summary);
    post({ id, kind: 'done', ok: true, summaryJson: stableJson(result.summary), events: result.events, wallMs: performance.now() - started, replayText: replay ? parts.join('') : undefined });
  } catch (err) {
    post({ id, kind: 'done', ok: false, error: err instanceof Error ? err.message : String(err), input: err instanceof InputError });
  }
};
