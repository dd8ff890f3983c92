import type { MorrisResult, OatResult, Est } from './sensitivityEffects.ts';
import type { Factor } from './sensitivityFactors.ts';
import { csvRow, csvTable } from '../run/csv.ts';

/** Everything a sensitivity analysis found: what sensitivity.json holds. */
export interface SensitivityResult {
  kind: 'sensitivity';
  gridgov: string;
  scenario: string;
  /** The metric and what is measured: one policy's value or the paired difference of two. */
  metric: string;
  arms: string[];
  headline: string;
  factors: FactorOut[];
  oat: (OatResult & { rounds: number[]; runs: number; maxReps: number; precision: number }) | null;
  morris: (MorrisResult & { runs: number }) | null;
  runs: number;
  baseSeed: string | number;
}

export interface FactorOut {
  path: string;
  label: string;
  status: string;
  source?: string;
  kind: string;
  /** In the field's unit; for a distribution its mean (scale factor × the scenario's mean). */
  low: number;
  base: number;
  high: number;
  scale?: [number, number];
}

export function factorOut(f: Factor): FactorOut {
  const m = f.unitMean ?? 1;
  const r = (x: number) => Number(x.toPrecision(10));
  return {
    path: f.path,
    label: f.label,
    status: f.status,
    ...(f.source ? { source: f.source } : {}),
    kind: f.kind,
    low: r(f.low * (f.kind === 'distribution' ? m : 1)),
    base: r(f.base * (f.kind === 'distribution' ? m : 1)),
    high: r(f.high * (f.kind === 'distribution' ? m : 1)),
    ...(f.kind === 'distribution' ? { scale: [r(f.low), r(f.high)] as [number, number] } : {}),
  };
}

/** The label of the headline: `resolutionHours.mean of flat − hierarchical`. */
export const headlineLabel = (metric: string, arms: readonly string[]) => `${metric} of ${arms.length > 1 ? `${arms[0]} − ${arms[1]}` : arms[0]}`;

const E = (e: Est | undefined) => (e ? [e.mean, e.ciLow, e.ciHigh] : ['', '', '']);

export const SENSITIVITY_COLUMNS = [
  'method', 'rank', 'path', 'label', 'status', 'low', 'base', 'high',
  'effectLow.mean', 'effectLow.ciLow', 'effectLow.ciHigh', 'effectHigh.mean', 'effectHigh.ciLow', 'effectHigh.ciHigh', 'swing', 'signFlip',
  'muStar.mean', 'muStar.ciLow', 'muStar.ciHigh', 'mu.mean', 'mu.ciLow', 'mu.ciHigh', 'sigma',
  'reps', 'runs',
] as const;

/**
 * sensitivity.csv, tidy: one row per parameter and method (`oat`, then `morris`), each method's
 * rows in its own rank order; the other method's columns are empty.
 */
export function sensitivityCsv(r: SensitivityResult): string {
  let out = csvTable(SENSITIVITY_COLUMNS, []);
  const fx = new Map(r.factors.map((f) => [f.path, f]));
  if (r.oat) {
    r.oat.rows.forEach((row, i) => {
      const f = fx.get(row.path)!;
      out += csvRow([ 'oat', i + 1, row.path, row.label, row.status, f.low, f.base, f.high, ...E(row.effectLow), ...E(row.effectHigh), row.swing, row.signFlip, '', '', '', '', '', '', '', r.oat!.reps, r.oat!.runs]);
    });
  }
  if (r.morris) {
    r.morris.rows.forEach((row, i) => {
      const f = fx.get(row.path)!;
      out += csvRow(['morris', i + 1, row.path, row.label, row.status, f.low, f.base, f.high, '', '', '', '', '', '', '', '', ...E(row.muStar), ...E(row.mu), row.sigma, r.morris!.reps, r.morris!.runs]);
    });
  }
  return out;
}

const n = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const iv = (e: Est, d = 2) => `${n(e.mean, d)} [${n(e.ciLow, d)}, ${n(e.ciHigh, d)}]`;

/** The rows of the printed tornado table (the caller renders them). */
export function oatTable(r: SensitivityResult): { head: string[]; body: string[][] } {
  const fx = new Map(r.factors.map((f) => [f.path, f]));
  const head = ['parameter', 'status', 'low … base … high', 'effect at low [95% CI]', 'effect at high [95% CI]', 'swing', 'sign flips'];
  const body = (r.oat?.rows ?? []).map((row) => {
    const f = fx.get(row.path)!;
    return [row.label, row.status, `${f.low} … ${f.base} … ${f.high}`, iv(row.effectLow), iv(row.effectHigh), n(row.swing), row.signFlipClear ? `yes (${row.signFlipClear})` : row.signFlip ? `maybe (${row.signFlip})` : 'no'];
  });
  return { head, body };
}

export function morrisTable(r: SensitivityResult): { head: string[]; body: string[][] } {
  const head = ['parameter', 'μ* [95% CI]', 'μ [95% CI]', 'σ', 'σ/μ*'];
  const body = (r.morris?.rows ?? []).map((row) => [row.label, iv(row.muStar), iv(row.mu), n(row.sigma), n(row.sigma / row.muStar.mean)]);
  return { head, body };
}

/** In words: which assumptions the headline rests on and whether any plausible value overturns it. */
export function sensitivityWords(r: SensitivityResult, digits = 1): string {
  const oat = r.oat;
  if (!oat || oat.rows.length === 0) return 'No assumed parameter with a range is declared, so nothing was varied.';
  const h = oat.headline;
  const f = (x: number) => x.toFixed(digits);
  const matters = oat.rows.filter((row) => row.effectLow.ciHigh < 0 || row.effectLow.ciLow > 0 || row.effectHigh.ciHigh < 0 || row.effectHigh.ciLow > 0);
  const top = matters.slice(0, 3).map((row) => `${row.label} (swing ${f(row.swing)})`);
  const flips = oat.rows.filter((row) => row.signFlipClear);
  const maybe = oat.rows.filter((row) => !row.signFlipClear && row.signFlip);
  const parts = [`At base, ${r.headline} = ${f(h.mean)} [${f(h.ciLow)}, ${f(h.ciHigh)}].`];
  const rest = oat.rows.length - matters.length;
  const others = rest === 0 ? '' : `; the other ${rest} of ${oat.rows.length} move it by less than their 95% intervals`;
  parts.push(matters.length ? `It rests most on ${top.join(', ')}${matters.length > 3 ? ` and ${matters.length - 3} more` : ''}${others}.` : `None of the ${oat.rows.length} varied parameters moves it by more than its 95% interval.`);
  if (flips.length) parts.push(`**It is overturned** (the sign changes, interval clear of 0) by ${flips.map((row) => `${row.label} at its ${row.signFlipClear} end`).join('; ')}.`);
  else if (maybe.length) parts.push(`No plausible value clearly overturns it; at the ${maybe.map((row) => `${row.signFlip} end of ${row.label}`).join(', ')} its sign changes but the interval includes 0.`);
  else parts.push('No plausible value of any one of them overturns it (its sign holds at every end).');
  return parts.join(' ');
}
