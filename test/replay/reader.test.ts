import { beforeAll, describe, expect, it } from 'vitest';
import { parseReplayText, ReplayBuilder, ReplayError } from '../../sim/replay/reader.ts';
import { ReplayWriter, type ReplaySink } from '../../sim/replay/writer.ts';
import { EVENT, EVENT_FIELDS, type ReplayChunk, type ReplayHeader } from '../../sim/replay/format.ts';
import { simulate } from '../../sim/run/simulateRun.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { replayOf } from './replayHelpers.ts';

let good: Record<string, unknown>;
let text: string;

beforeAll(async () => {
  text = (await replayOf(minimalScenario({ horizonDays: 3, warmupDays: 1 }), { seed: 1 })).text;
  good = JSON.parse(text);
});

/** The good file with one change, as text. */
function broken(change: (f: any) => void): string {
  const f = structuredClone(good);
  change(f);
  return JSON.stringify(f);
}

/** Position of the first record with this code in a flat events array. */
function firstRecord(events: number[], code: number): number {
  for (let i = 0; i < events.length; i += 2 + EVENT_FIELDS[events[i + 1]!]!) if (events[i + 1] === code) return i;
  throw new Error(`no event ${code}`);
}

function message(t: string): string {
  try {
    parseReplayText(t, 'run.replay.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ReplayError);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

describe('replay reader', () => {
  it('reads a good file', () => {
    const r = parseReplayText(text);
    expect(r.eventCount).toBeGreaterThan(1000);
    expect(r.hoursDone).toBe(72);
    expect(r.desks[0]!.name).toBe(r.territory.grids.name[0]);
    expect(r.desks.some((d) => d.name.endsWith(' 12345'))).toBe(true);
    expect((r.summary as { policy: string }).policy).toBe('hierarchical');
  });

  it('names what is wrong', () => {
    expect(message('')).toBe('run.replay.json: not valid JSON (the file is empty)');
    expect(message('{"format": "gridgov-replay",')).toMatch(/^run\.replay\.json: not valid JSON \(/);
    expect(message('[1,2]')).toBe('run.replay.json: expected an object, found an array of 2');
    expect(message('{"name":"x","horizonDays":3}')).toMatch(/format: missing: this is not a gridgov replay file/);
    expect(message(broken((f) => (f.format = 'other')))).toMatch(/format: expected "gridgov-replay", found "other"/);
    expect(message(broken((f) => (f.version = 2)))).toBe('run.replay.json: version: replay version 2 is not supported: this viewer reads version 1');
    expect(message(broken((f) => delete f.meta.horizonHours))).toBe('run.replay.json: meta.horizonHours: expected a number ≥ 0, found nothing (missing)');
    expect(message(broken((f) => delete f.territory.grids.x))).toMatch(/territory\.grids\.x: expected an array, found nothing/);
    expect(message(broken((f) => f.territory.grids.community.push(0)))).toMatch(/territory\.grids\.community: expected \d+ entries, found \d+/);
    expect(message(broken((f) => (f.desks.role[0] = 9)))).toMatch(/desks\.role\[0\]: expected an integer in \[0, 7\], found 9/);
    expect(message(broken((f) => (f.events[1] = 99)))).toMatch(/events\[0\] \(event 0\): unknown event code 99/);
    expect(message(broken((f) => (f.events[0] = -5)))).toMatch(/time goes backwards/);
    expect(message(broken((f) => (f.events[firstRecord(f.events, EVENT.occurred) + 2] = 7)))).toMatch(/case 7 occurs out of order \(expected case 0\)/);
    expect(message(broken((f) => (f.events[firstRecord(f.events, EVENT.closed) + 2] = 1e6)))).toMatch(/refers to case 1000000, which has not occurred/);
    expect(message(broken((f) => (f.events[firstRecord(f.events, EVENT.entered) + 3] = 1e6)))).toMatch(/desk 1000000 out of range/);
    expect(message(broken((f) => f.events.splice(-1, 1)))).toMatch(/needs \d fields, the array ends first/);
    expect(message(broken((f) => (f.events[3] = 1.5)))).toMatch(/events\[3\]: expected an integer/);
    expect(message(broken((f) => f.tiers[2].present.pop()))).toMatch(/tiers\[2\]\.present: expected 72 entries, found 71/);
    expect(message(broken((f) => f.cases.grid.pop()))).toMatch(/cases\.grid: expected \d+ entries like cases\.id/);
    expect(message(broken((f) => (f.cases.grid[0] = 1e6)))).toMatch(/cases\.grid\[0\]: expected a grid index below 12/);
    expect(message(broken((f) => f.gridBacklog.push(1)))).toMatch(/gridBacklog: has 1 values after the last hour/);
    expect(message(broken((f) => (f.hoursDone = 1000)))).toMatch(/hoursDone: expected at most meta\.hours = 72/);
  });

  it('builds the same replay from the chunks a worker posts as from the file', async () => {
    const scenario = resolveScenario(minimalScenario({ horizonDays: 3, warmupDays: 1 }), 'test');
    let builder: ReplayBuilder | undefined;
    let chunks = 0;
    const sink: ReplaySink = {
      header: (h: ReplayHeader) => (builder = new ReplayBuilder(structuredClone(h))),
      chunk: (c: ReplayChunk) => {
        chunks++;
        builder!.append(structuredClone(c));
      },
      finish: () => {},
    };
    await simulate(scenario, { seed: 1, observers: [new ReplayWriter({ ...scenario, seed: 1 }, sink, { chunkHours: 6 })] });
    expect(chunks).toBe(12);
    const fromFile = parseReplayText(text);
    const live = builder!.replay;
    expect(live.eventCount).toBe(fromFile.eventCount);
    expect([...live.evT.data.subarray(0, live.eventCount)]).toEqual([...fromFile.evT.data.subarray(0, fromFile.eventCount)]);
    expect(live.gridOpen).toEqual(fromFile.gridOpen);
    expect(live.tiers).toEqual(fromFile.tiers);
  });
});
