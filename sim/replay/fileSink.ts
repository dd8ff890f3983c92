import type { TextSink } from '../run/caseRows.ts';
import { stableJson } from '../run/stableJson.ts';
import { emptyChunk } from './aggregates.ts';
import type { ReplayChunk, ReplayHeader } from './format.ts';
import type { ReplaySink } from './writer.ts';

/** Appends `more`'s arrays to `into`'s (same shape). */
export function appendChunk(into: ReplayChunk, more: ReplayChunk, withEvents = true): void {
  const cat = (a: number[], b: number[]) => {
    for (let i = 0; i < b.length; i++) a.push(b[i]!);
  };
  if (withEvents) cat(into.events, more.events);
  for (const k of Object.keys(more.cases) as (keyof ReplayChunk['cases'])[]) cat(into.cases[k], more.cases[k]);
  more.tiers.forEach((t, i) => {
    for (const k of Object.keys(t) as (keyof typeof t)[]) cat(into.tiers[i]![k], t[k]);
  });
  for (const k of Object.keys(more.totals) as (keyof ReplayChunk['totals'])[]) cat(into.totals[k], more.totals[k]);
  cat(into.gridBacklog, more.gridBacklog);
  cat(into.deskDays.busy, more.deskDays.busy);
  cat(into.deskDays.onDuty, more.deskDays.onDuty);
  cat(into.handling, more.handling);
  into.hoursDone = more.hoursDone;
  into.daysDone = more.daysDone;
}

/**
 * Writes a replay file as the run goes: the header, then the events streamed out chunk by
 * chunk (memory holds one chunk of events), then the case table, the aggregates and the
 * summary once the run is over. One top-level key per line.
 */
export class ReplayFileSink implements ReplaySink {
  private readonly body = emptyChunk();
  private eventsWritten = 0;

  constructor(private readonly out: TextSink) {}

  header(h: ReplayHeader): void {
    const lines = Object.entries(h).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    this.out.write(`{${lines.join(',\n')},\n"events":[`);
  }

  chunk(c: ReplayChunk): void {
    if (c.events.length > 0) {
      this.out.write(`${this.eventsWritten > 0 ? ',' : ''}${c.events.join(',')}`);
      this.eventsWritten += c.events.length;
    }
    appendChunk(this.body, c, false);
  }

  finish(): void {}

  /** Writes the rest of the file; `summary` is the run's summary.json object, if wanted. */
  close(summary?: unknown): void {
    const { events: _events, ...rest } = this.body;
    const tail = Object.entries(rest).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    // Rounded as summary.json is (10 significant digits), compact.
    if (summary !== undefined) tail.push(`"summary":${JSON.stringify(JSON.parse(stableJson(summary)))}`);
    this.out.write(`],\n${tail.join(',\n')}}\n`);
  }
}
