import { gzipSync } from 'node:zlib';
import type { TextSink } from '../../run/caseRows.ts';
import { ReplayFileSink } from '../../replay/fileSink.ts';
import { ReplayWriter } from '../../replay/writer.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { FileSink, writeFileAtomic } from './files.ts';

export interface ReplayOptions {
  /** Share of case (and staff) tracks kept, in (0, 1]; default 1. */
  sample?: number;
  /** Write gzip (`.gz` is appended to the path). */
  gzip?: boolean;
}

/** The --replay, --replay-sample and --replay-gzip flags of run, compare and replicate. */
export interface ReplayFlags {
  replay?: boolean;
  replaySample?: number;
  replayGzip?: boolean;
}

/** Replay options if any replay flag was given (--replay-sample or --replay-gzip imply --replay). */
export function replayFlags(o: ReplayFlags): ReplayOptions | undefined {
  return o.replay || o.replaySample !== undefined || o.replayGzip ? { sample: o.replaySample, gzip: o.replayGzip } : undefined;
}

/** Collects text in memory, then writes it gzipped (no timestamp in the header: deterministic). */
class GzipSink implements TextSink {
  private readonly parts: string[] = [];
  bytes = 0;
  constructor(readonly path: string) {}
  write(text: string): void {
    this.parts.push(text);
  }
  close(): void {
    const gz = gzipSync(Buffer.from(this.parts.join('')));
    this.bytes = writeFileAtomic(this.path, gz);
  }
}

/**
 * A replay file for one run: attach `observer` to `simulate`, then `close(summary)`. The
 * scenario is taken as `simulate` will run it, so seed and policy must be the ones it uses.
 */
export function replayFile(scenario: Scenario, seed: string | number, policyName: string, path: string, o: ReplayOptions = {}) {
  const out = o.gzip ? new GzipSink(`${path}.gz`) : new FileSink(path);
  const sink = new ReplayFileSink(out);
  const asRun: Scenario = { ...scenario, seed, policy: { ...scenario.policy, name: policyName } };
  const observer = new ReplayWriter(asRun, sink, { caseFraction: o.sample ?? 1, chunkHours: 24 });
  return {
    observer,
    path: out.path,
    /** Finishes the file; returns its size in bytes. */
    close(summary: unknown): number {
      sink.close(summary);
      out.close();
      return out.bytes;
    },
  };
}
