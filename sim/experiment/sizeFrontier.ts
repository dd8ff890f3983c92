/**
 * Pareto marks for the cost frontier: a candidate is on the frontier when no other candidate
 * costs no more and is at least as good on the metric, and strictly better in one of the two.
 */
export function paretoFlags(points: readonly { cost: number; metric: number }[], lowerMetricIsBetter: boolean): boolean[] {
  const better = (a: number, b: number) => (lowerMetricIsBetter ? a < b : a > b);
  const asGood = (a: number, b: number) => (lowerMetricIsBetter ? a <= b : a >= b);
  return points.map((p) => {
    if (!Number.isFinite(p.cost) || !Number.isFinite(p.metric)) return false;
    return !points.some((q) => q !== p && Number.isFinite(q.cost) && Number.isFinite(q.metric) && q.cost <= p.cost && asGood(q.metric, p.metric) && (q.cost < p.cost || better(q.metric, p.metric)));
  });
}
