/** Fixed-width text tables for the terminal. */
export function renderTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}

export function interval(i: { mean: number; ciLow: number; ciHigh: number }, digits = 2): string {
  if (!Number.isFinite(i.ciLow)) return num(i.mean, digits);
  return `${num(i.mean, digits)} [${num(i.ciLow, digits)}, ${num(i.ciHigh, digits)}]`;
}
