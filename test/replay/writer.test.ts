import { describe, expect, it } from 'vitest';
import { EVENT, TICKS_PER_HOUR } from '../../sim/replay/format.ts';
import { parseReplayText } from '../../sim/replay/reader.ts';
import { CASE_SALT, keeps } from '../../sim/replay/sample.ts';
import { simulate } from '../../sim/run/simulateRun.ts';
import { stableJson } from '../../sim/run/stableJson.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { replayOf } from './replayHelpers.ts';

const raw = minimalScenario({ horizonDays: 7, warmupDays: 1 });

describe('replay writer', () => {
  it('is deterministic: same seed, byte-identical file; and it does not change the run', async () => {
    const a = await replayOf(raw, { seed: 3, policy: 'flat' });
    const b = await replayOf(raw, { seed: 3, policy: 'flat', chunkHours: 5 });
    expect(a.text).toBe(b.text);
    const plain = await simulate(resolveScenario(raw, 'test'), { seed: 3, policyName: 'flat' });
    expect(stableJson(a.result.summary)).toBe(stableJson(plain.summary));
    const r = parseReplayText(a.text);
    expect(r.meta).toMatchObject({ policy: 'flat', seed: 3, hours: 168, days: 7 });
  });

  it('keeps aggregates that agree with timeseries.csv and the books', async () => {
    const { text, result } = await replayOf(raw, { seed: 2 });
    const r = parseReplayText(text);
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    const books = result.summary.checks.conservationDetail;
    expect(sum(r.totals.created)).toBe(books.createdAll);
    expect(sum(r.totals.closed)).toBe(books.closedAll);
    const rows = result.timeseriesCsv.trim().split('\n').slice(1).map((l) => l.split(','));
    const tiers = ['hotline', 'grid', 'community', 'street', 'district', 'department'];
    for (const [hour, tier, arrivals, backlog, busy] of rows) {
      const s = r.tiers[tiers.indexOf(tier!)]!;
      expect(s.arrivals[Number(hour)]).toBe(Number(arrivals));
      expect(s.present[Number(hour)]).toBe(Number(backlog));
      expect(s.busy[Number(hour)]).toBeCloseTo(Number(busy), 2);
      expect(s.inService[Number(hour)]!).toBeLessThanOrEqual(s.present[Number(hour)]!);
    }
    // Open cases per grid at the horizon = registered − closed over the run.
    const last = r.gridOpen.subarray((r.meta.hours - 1) * r.gridCount, r.meta.hours * r.gridCount);
    expect(last.reduce((x, y) => x + y, 0)).toBe(sum(r.totals.registered) - sum(r.totals.closed));
    expect(sum([...r.handling])).toBe(books.closedAll);
  });

  it('writes every case track and staff track in full, and its work records add up to the busy hours', async () => {
    const { text } = await replayOf(raw, { seed: 2 });
    const r = parseReplayText(text);
    const closed = [...r.evCode.data.subarray(0, r.eventCount)].filter((c) => c === EVENT.closed).length;
    expect(closed).toBe(r.totals.closed.reduce((x, y) => x + y, 0));
    const activity = new Int32Array(r.staffCount);
    const since = new Float64Array(r.staffCount);
    let busy = 0;
    for (let i = 0; i < r.eventCount; i++) {
      if (r.evCode.data[i] !== EVENT.work) continue;
      const s = r.evF[0]!.data[i]!;
      const t = r.evT.data[i]!;
      if (activity[s]! > 1) busy += t - since[s]!; // 0 idle, 1 patrol
      activity[s] = r.evF[1]!.data[i]!;
      since[s] = t;
    }
    for (let s = 0; s < r.staffCount; s++) if (activity[s]! > 1) busy += r.meta.horizonHours - since[s]!;
    const deskBusy = [...r.deskBusy].reduce((x, y) => x + y, 0);
    expect(busy).toBeCloseTo(deskBusy, 0);
  });

  it('records the travel before a task and the switch to the work when the travel ends, in time order', async () => {
    const { text } = await replayOf(raw, { seed: 2 });
    const r = parseReplayText(text);
    const TRAVEL = 3; // ACTIVITY_NAMES: 0 idle, 1 patrol, 2 handle, 3 travel, …
    const last = new Int32Array(r.staffCount).fill(-1);
    let travels = 0;
    let travelThenWork = 0;
    for (let i = 0; i < r.eventCount; i++) {
      if (i > 0) expect(r.evT.data[i]!).toBeGreaterThanOrEqual(r.evT.data[i - 1]!);
      if (r.evCode.data[i] !== EVENT.work) continue;
      const s = r.evF[0]!.data[i]!;
      const a = r.evF[1]!.data[i]!;
      if (a === TRAVEL) travels++;
      if (last[s] === TRAVEL && (a === 2 || a === 6)) travelThenWork++; // handle or verify follows
      last[s] = a;
    }
    expect(travels).toBeGreaterThan(50);
    expect(travelThenWork).toBe(travels);
  });

  it('samples case tracks by id hash and keeps the aggregates exact', async () => {
    const full = parseReplayText((await replayOf(raw, { seed: 4 })).text);
    const part = parseReplayText((await replayOf(raw, { seed: 4, sample: 0.3 })).text);
    expect(part.tiers).toEqual(full.tiers);
    expect(part.totals).toEqual(full.totals);
    expect(part.gridOpen).toEqual(full.gridOpen);
    expect(part.deskBusy).toEqual(full.deskBusy);
    expect(part.handling).toEqual(full.handling);
    const ids = [...full.cases.id.data.subarray(0, full.caseCount)];
    const kept = ids.filter((id) => keeps(0.3, id, CASE_SALT));
    expect([...part.cases.id.data.subarray(0, part.caseCount)]).toEqual(kept);
    expect(kept.length).toBeGreaterThan(ids.length * 0.2);
    expect(kept.length).toBeLessThan(ids.length * 0.4);
    expect(part.eventCount).toBeLessThan(full.eventCount * 0.5);
    // A sampled case has the same track (times and desks) as in the full replay.
    const track = (r: typeof full, index: number) => {
      const out: string[] = [];
      for (let i = 0; i < r.eventCount; i++) {
        const code = r.evCode.data[i]!;
        if (code <= EVENT.closed && r.evF[0]!.data[i] === index) out.push(`${Math.round(r.evT.data[i]! * TICKS_PER_HOUR)}:${code}:${r.evF[1]!.data[i]}:${r.evF[2]!.data[i]}`);
      }
      return out;
    };
    const id = kept[5]!;
    expect(track(part, kept.indexOf(id))).toEqual(track(full, ids.indexOf(id)));
    expect(part.meta.sample.caseFraction).toBe(0.3);
  });
});
