import { createStreams } from '../random/stream.ts';
import { assignment, atUnit, type Factor } from './sensitivityFactors.ts';

/**
 * The points a sensitivity analysis runs, each a value x of every factor (on its own axis, see
 * sensitivityFactors.ts), in a fixed order: the base point, then one-at-a-time (each factor at
 * its low and then its high end, the others at base), then Morris's trajectories.
 */
export type DesignPoint =
  | { kind: 'base'; x: number[] }
  | { kind: 'oat'; factor: number; end: 'low' | 'high'; x: number[] }
  | { kind: 'morris'; trajectory: number; step: number; u: number[]; x: number[] };

export interface MorrisDesign {
  trajectories: number;
  /** Grid levels per factor (p) and the step Δ = p / (2(p − 1)) of Morris (1991). */
  levels: number;
  delta: number;
}

export function oneAtATime(factors: readonly Factor[]): DesignPoint[] {
  const base = factors.map((f) => f.base);
  const out: DesignPoint[] = [{ kind: 'base', x: base }];
  factors.forEach((f, i) => {
    for (const end of ['low', 'high'] as const) {
      const x = [...base];
      x[i] = end === 'low' ? f.low : f.high;
      out.push({ kind: 'oat', factor: i, end, x });
    }
  });
  return out;
}

/**
 * Morris (1991) trajectories on a p-level grid of the unit box: a random start on the grid, then
 * each factor in a random order moves by ±Δ (up if it stays in the box, else down), so a
 * trajectory is k + 1 points and gives one elementary effect per factor. Seeded from the stream
 * `<seed>/sensitivity-morris`: the same seed gives the same points.
 */
export function morrisTrajectories(factors: readonly Factor[], m: MorrisDesign, seed: string | number): DesignPoint[] {
  const rng = createStreams(seed).stream('sensitivity-morris');
  const k = factors.length;
  const grid = (j: number) => j / (m.levels - 1);
  const out: DesignPoint[] = [];
  for (let t = 0; t < m.trajectories; t++) {
    const u = Array.from({ length: k }, () => grid(Math.floor(rng.next() * m.levels)));
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const push = (step: number) => out.push({ kind: 'morris', trajectory: t, step, u: [...u], x: u.map((v, i) => atUnit(factors[i]!, v)) });
    push(0);
    order.forEach((i, s) => {
      u[i] = u[i]! + m.delta <= 1 + 1e-12 ? u[i]! + m.delta : u[i]! - m.delta;
      u[i] = Number(u[i]!.toPrecision(12));
      push(s + 1);
    });
  }
  return out;
}

export const morrisDefaults = (trajectories: number): MorrisDesign => ({ trajectories, levels: 4, delta: 4 / (2 * 3) });

/** The `path=<JSON>` assignments of a point. */
export const pointAssignments = (factors: readonly Factor[], p: DesignPoint): string[] => factors.map((f, i) => assignment(f, p.x[i]!));
