import { meanCI } from '../stats/ci.ts';
import { csvCell as cell } from '../run/csv.ts';

/** The columns of timeseries.csv averaged across replications. */
export const MEAN_SERIES = ['arrivals', 'backlog', 'busyStaff'] as const;

/**
 * Means of the time series across replications, per policy, step and tier: collects each run's
 * timeseries.csv (hour, tier, arrivals, backlog, busyStaff, …) and writes timeseries-mean.csv,
 * one row per (policy, hour, tier) with the number of replications and, for arrivals, backlog and
 * busy staff, the mean and its pointwise Student-t interval at `level` (clipped at 0: all three
 * are counts) — the band across replications. Replications are added in any order; the rows
 * come out in policy, hour, tier order of the first run.
 */
export class TimeseriesMean {
  /** policy → row key (hour,tier) → values of each series, one per replication. */
  private readonly cells = new Map<string, Map<string, number[][]>>();
  private readonly order = new Map<string, string[]>();

  add(policy: string, csv: string): void {
    const lines = csv.trimEnd().split('\n');
    const head = lines[0]!.split(',');
    const at = MEAN_SERIES.map((s) => head.indexOf(s));
    const hourAt = head.indexOf('hour');
    const tierAt = head.indexOf('tier');
    if (at.some((i) => i < 0) || hourAt < 0 || tierAt < 0) throw new Error(`timeseries.csv without the columns hour, tier, ${MEAN_SERIES.join(', ')}`);
    let rows = this.cells.get(policy);
    if (!rows) {
      this.cells.set(policy, (rows = new Map()));
      this.order.set(policy, []);
    }
    for (const line of lines.slice(1)) {
      const f = line.split(',');
      const key = `${f[hourAt]},${f[tierAt]}`;
      let cell = rows.get(key);
      if (!cell) {
        rows.set(key, (cell = MEAN_SERIES.map(() => [])));
        this.order.get(policy)!.push(key);
      }
      at.forEach((i, s) => cell![s]!.push(Number(f[i])));
    }
  }

  csv(scenario: string, policies: readonly string[], level = 0.95): string {
    const head = ['scenario', 'policy', 'hour', 'tier', 'n', ...MEAN_SERIES.flatMap((s) => [`${s}.mean`, `${s}.ciLow`, `${s}.ciHigh`]), 'level'];
    const out = [head.join(',')];
    for (const policy of policies) {
      const rows = this.cells.get(policy);
      if (!rows) continue;
      const keys = [...this.order.get(policy)!].sort((a, b) => Number(a.split(',')[0]) - Number(b.split(',')[0]));
      for (const key of keys) {
        const [hour, tier] = key.split(',');
        const series = rows.get(key)!;
        const stats = series.flatMap((xs) => {
          const i = meanCI(xs, level);
          return [i.mean, Math.max(0, i.ciLow), Math.max(0, i.ciHigh)];
        });
        out.push([scenario, policy, Number(hour), tier, series[0]!.length, ...stats, level].map(cell).join(','));
      }
    }
    return `${out.join('\n')}\n`;
  }
}
