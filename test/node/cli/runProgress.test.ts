import { describe, expect, it } from 'vitest';
import { formatSeconds, RunProgress } from '../../../sim/node/cli/progress.ts';

function harness(tty: boolean) {
  const out: string[] = [];
  let ms = 0;
  const p = new RunProgress('megacity hierarchical', { write: (t) => out.push(t), tty, clockMs: () => ms, silentMs: tty ? 0 : 5000 });
  return { out, p, advance: (dms: number) => (ms += dms) };
}

describe('RunProgress', () => {
  it('off a terminal prints a line every 5% of the horizon with day, cases/s and ETA', () => {
    const { out, p, advance } = harness(false);
    for (let day = 1; day <= 100; day++) {
      advance(1000);
      p.update(day * 24, 100 * 24, day * 500);
    }
    p.end();
    expect(out).toHaveLength(20);
    expect(out[0]).toBe('megacity hierarchical: day 5/100 (5%) — 2,500 cases, 500 cases/s — 5.0 s, ETA 1 min 35 s\n');
    expect(out[19]).toContain('day 100/100 (100%)');
    expect(out[19]).toContain('ETA 0.0 s');
  });

  it('stays silent for a short run', () => {
    const { out, p, advance } = harness(false);
    for (let day = 1; day <= 4; day++) {
      advance(1000);
      p.update(day * 24, 4 * 24, day * 500);
    }
    p.end();
    expect(out).toEqual([]);
  });

  it('on a terminal redraws one line at most 5 times a second and ends it', () => {
    const { out, p, advance } = harness(true);
    for (let day = 1; day <= 10; day++) {
      advance(100);
      p.update(day * 24, 10 * 24, day * 10);
    }
    p.end();
    // draws at 100 ms (first), 300, 500, 700, 900 ms, then the last day (100%), then the newline
    expect(out.filter((t) => t.startsWith('\r'))).toHaveLength(6);
    expect(out.at(-2)).toContain('day 10/10 (100%)');
    expect(out.at(-1)).toBe('\n');
  });

  it('formats durations for people', () => {
    expect(formatSeconds(4.25)).toBe('4.3 s');
    expect(formatSeconds(185)).toBe('3 min 05 s');
    expect(formatSeconds(3720)).toBe('1 h 02 min');
  });
});
