import type { QuantileEstimate } from '../stats/kaplanMeier.ts';
import type { CalibrationReport } from './calibrate.ts';
import type { CloseComparison, WindowReport } from './evaluate.ts';
import { formatHours } from './timestamps.ts';

/** calibration.md: the fit report, rendered from calibration.json's content (same numbers). */
const DOW = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const h = (x: number | null) => (x === null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const q = (e: QuantileEstimate) => `${h(e.estimate)} [${h(e.lower)}, ${e.upper === null ? '∞' : h(e.upper)}]`;
const mark = (ok: boolean) => (ok ? '' : ' ✗');

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unit';
}

function closeTable(rows: Array<CloseComparison & { perDayObserved: number; perDaySimulated: number }>, first: string, qqDir: string | null): string[] {
  const out = [
    `| ${first} | per day obs / sim | n (open) | p10 obs [95%] | p10 sim | p50 obs [95%] | p50 sim | p90 obs [95%] | p90 sim | KS |${qqDir ? ' QQ |' : ''}`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|${qqDir ? '---|' : ''}`,
  ];
  for (const r of rows) {
    const cells = r.observed.quantiles.flatMap((oq, i) => [q(oq), `${h(r.simulated.quantiles[i]!.estimate)}${mark(r.within[i]!)}`]);
    out.push(`| ${r.name} | ${r.perDayObserved} / ${r.perDaySimulated} | ${r.observed.n} (${r.observed.open}) | ${cells.join(' | ')} | ${r.ks.toFixed(3)} |${qqDir ? ` [svg](${qqDir}/qq-${slug(r.name)}.svg) |` : ''}`);
  }
  return out;
}

function windowSection(w: WindowReport, qqDir: string | null): string[] {
  const out: string[] = [];
  const title = w.label === 'fit' ? 'In sample (the fitting window)' : 'Out of sample (the hold-out window)';
  out.push(`## ${title}: ${formatHours(w.startHour).slice(0, 10)}, ${w.days} days, censored ${formatHours(w.censorAt)}`, '');
  out.push(`Simulated: ${w.reps} runs (seeds 1–${w.reps}) of the fitted scenario over the same days, arrivals stopped after them, censored at the same time.`, '');
  out.push(`### Arrivals per day`, '', `${w.dailyWithin} of ${w.days} days within the 95% Poisson interval of the fitted rate × weekday factor.`, '');
  out.push('| day | date | observed | fitted [95%] | simulated mean |', '|---:|---|---:|---:|---:|');
  for (const d of w.daily) {
    const date = formatHours(w.startHour + 24 * d.day).slice(0, 10);
    const dow = DOW[(Math.floor((w.startHour + 24 * d.day) / 24) + 3) % 7];
    const ok = d.observed >= d.low && d.observed <= d.high;
    out.push(`| ${d.day + 1} | ${date} ${dow} | ${d.observed}${mark(ok)} | ${d.expected.toFixed(1)} [${d.low}, ${d.high}] | ${d.simulatedMean.toFixed(1)} |`);
  }
  out.push('', '### Arrivals per hour of day (share of the day’s requests)', '', '| hour | ' + w.hourly.map((x) => x.hour).join(' | ') + ' |', '|---|' + w.hourly.map(() => '---:').join('|') + '|');
  out.push('| observed % | ' + w.hourly.map((x) => (x.observedShare * 100).toFixed(1)).join(' | ') + ' |');
  out.push('| fitted % | ' + w.hourly.map((x) => (x.fittedShare * 100).toFixed(1)).join(' | ') + ' |');
  out.push('| simulated % | ' + w.hourly.map((x) => (x.simulatedShare * 100).toFixed(1)).join(' | ') + ' |', '');
  out.push('### Time to close per unit (hours)', '', 'Observed: Kaplan–Meier with 95% Brookmeyer–Crowley intervals (∞: not bounded by the log); ✗ = the simulated value lies outside the observed interval. Units: days within the Poisson interval of their own fitted rate are listed under "where it misses".', '');
  out.push(...closeTable(w.units, 'unit', qqDir), '');
  out.push('### Time to close per category (hours)', '');
  out.push(...closeTable(w.categories.map((c) => ({ ...c, name: `${c.name} → ${c.unit}` })), 'category → unit', null), '');
  return out;
}

function misses(w: WindowReport): string[] {
  const out: string[] = [];
  const names = ['p10', 'p50', 'p90'];
  for (const u of w.units) {
    const bad = u.within.map((ok, i) => (ok ? null : names[i])).filter(Boolean);
    if (bad.length) out.push(`- ${w.label}: **${u.name}** simulated ${bad.join(', ')} outside the observed interval (KS ${u.ks.toFixed(3)}).`);
    if (u.dailyWithin < w.days * 0.9) out.push(`- ${w.label}: **${u.name}** daily arrivals within their 95% interval on ${u.dailyWithin} of ${w.days} days (observed ${u.perDayObserved}/day, fitted ${u.perDayExpected}/day).`);
  }
  const outDays = w.daily.filter((d) => d.observed < d.low || d.observed > d.high);
  for (const d of outDays) out.push(`- ${w.label}: ${formatHours(w.startHour + 24 * d.day).slice(0, 10)}: ${d.observed} requests against ${d.expected.toFixed(1)} [${d.low}, ${d.high}] fitted.`);
  return out;
}

export function calibrationMarkdown(r: CalibrationReport, qqDir: string | null): string {
  const out: string[] = [`# Calibration: ${r.name}`, ''];
  out.push(`Written by \`gridgov calibrate\` (method: docs/calibration.md). Source: ${r.source}.`, '');
  out.push('## The log', '');
  out.push(`- rows read: ${r.read.rowsRead}; unreadable: ${r.read.badCount} (refused above ${(r.read.maxBadShare * 100).toFixed(2)}%)${r.read.badFirst.length ? `; first: ${r.read.badFirst.slice(0, 3).map((b) => `row ${b.line} column "${b.column}" (${JSON.stringify(b.value)})`).join(', ')}` : ''}`);
  out.push(`- duplicate ids dropped (first kept): ${r.read.duplicates.count}${r.read.duplicates.firstIds.length ? ` (e.g. ${r.read.duplicates.firstIds.join(', ')})` : ''}`);
  out.push(`- closed before created, dropped: ${r.read.closedBeforeCreated.count}`);
  out.push(`- fitting window: ${r.window.fitFrom} to ${r.window.fitTo} (${r.window.fitDays} days, ${r.window.requestsFit} requests)${r.window.holdoutFrom ? `; hold-out from ${r.window.holdoutFrom} (${r.window.holdoutDays} days, ${r.window.requestsHoldout} requests)` : ''}`);
  out.push(`- censored at ${r.window.censorAt} (still open then: ${r.window.openAtCensor}); times are the log's local wall clock`, '');
  out.push('## What was grouped', '');
  out.push(`- ${r.grouping.typesInLog} request types → ${r.grouping.categories.length} categories (the largest (type, unit) pairs, the rest as "other (unit)")`);
  out.push(`- units kept by name: ${r.grouping.units.filter((u) => u !== 'OTHER UNITS').length} of ${r.grouping.units.filter((u) => u !== 'OTHER UNITS').length + r.grouping.unitsFolded.length}${r.grouping.unitsFolded.length ? `; folded into OTHER UNITS: ${r.grouping.unitsFolded.length} (${r.grouping.unitsFolded.slice(0, 12).join('; ')}${r.grouping.unitsFolded.length > 12 ? '; …' : ''})` : ''}`);
  out.push(`- areas kept: ${r.grouping.areas.length}${r.grouping.areasFolded.length ? `; folded into "other areas": ${r.grouping.areasFolded.length}` : ''}`, '');
  out.push('## Arrivals (fitted on the fitting window)', '');
  out.push(`Trend of the daily totals (Poisson regression, weekday profile as offset): ${r.arrivals.trend.percentPerDay}% per day, z = ${r.arrivals.trend.z} — ${r.arrivals.trend.significant ? 'significant at 5% (not applied: the scenario format has no trend term; overdispersion makes z too large)' : 'not significant at 5%'}.`, '');
  out.push(`Day-of-week factors (Mon…Sun): ${r.arrivals.dayOfWeek.join(', ')}.`, '');
  out.push(r.arrivals.holidays.length ? `Holidays given: ${r.arrivals.holidays.join(', ')}; demand on a holiday = ${r.arrivals.holidayFactor ?? 'not estimated (none in the fitting window)'} × an ordinary day of its weekday (a one-day surge in the scenario); rates and weekday factors are over the ordinary days.` : 'No holidays given (--holidays): every day counts as ordinary.', '');
  out.push('| category | unit | per day [95%] | hotline | app | work time median / mean (h) | identified up to |', '|---|---|---:|---:|---:|---:|');
  r.grouping.categories.forEach((c, i) => {
    const v = r.fit.params.work[i]!.values;
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    out.push(`| ${c.name} | ${c.unit} | ${c.perDay} [${c.perDayLow}, ${c.perDayHigh}] | ${c.channels.hotline} | ${c.channels.app} | ${h((v[9]! + v[10]!) / 2)} / ${h(mean)} | p${Math.round(r.fit.identifiedUpTo[i]! * 1000) / 10} |`);
  });
  out.push('', '| unit | handlers (at the assumed utilization) |', '|---|---:|');
  r.grouping.units.forEach((u, i) => out.push(`| ${u} | ${r.fit.params.handlers[i]} |`));
  out.push('', '## The fit', '');
  out.push(`Quantile-matching iteration, common random numbers (seed ${r.options.seed}): loss = mean squared log-ratio of simulated to observed time-to-close quantiles at p = 0.025, 0.075, …, 0.975 per category (where the log identifies them). Stopped by ${r.fit.stoppedBy === 'tolerance' ? `the tolerance (root loss below ${r.options.tolerance})` : r.fit.stoppedBy === 'noImprovement' ? 'no improvement for two iterations' : `the iteration limit (${r.options.maxIterations})`}; best loss ${r.fit.loss} (root ${Math.sqrt(r.fit.loss).toFixed(3)}, i.e. a typical quantile off by a factor ${Math.exp(Math.sqrt(r.fit.loss)).toFixed(2)}).`, '');
  out.push('| iteration | loss | largest shift |', '|---:|---:|---:|', ...r.fit.iterations.map((t) => `| ${t.iteration} | ${t.loss} | ${t.maxShift} |`), '');
  if (r.fit.notFitted.length) out.push(`Not fitted (fewer than 5 closures; kept at the observed quantiles): ${r.fit.notFitted.join('; ')}.`, '');
  for (const w of r.windows) out.push(...windowSection(w, qqDir));
  out.push('## Where it misses', '');
  const miss = r.windows.flatMap(misses);
  out.push(...(miss.length ? miss : ['- nowhere at the stated intervals.']), '');
  out.push('## Assumed (not identified from the log)', '', ...r.assumptions.map((a) => `- ${a}`), '');
  return `${out.join('\n')}\n`;
}
