import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseReplayText } from '../../sim/replay/reader.ts';
import { resultRows, resultsCsv, valueAt } from '../../viz/src/results/resultRows.ts';
import { formatMetric, metricTitle } from '../../viz/src/results/metricNames.ts';
import { compareWarnings } from '../../viz/src/views/compareWarnings.ts';
import { computeOutlines } from '../../viz/src/views/outlines.ts';
import { comparisonUrl } from '../../viz/src/data/pairedIntervals.ts';
import { colourDomain } from '../../viz/src/sweep/heatmap.ts';
import { readSurvival } from '../../viz/src/results/survivalChart.ts';

// The viewer's logic that needs no browser: the results rows, the warnings for unlike runs,
// the outlines derived from grid cells, and the sweep page's colour domain.

const text = (name: string) => readFileSync(new URL(`../../results/samples/${name}.replay.json`, import.meta.url), 'utf8');
const flatText = text('default-3d-flat');
const flat = parseReplayText(flatText, 'flat');
const hier = parseReplayText(text('default-3d-hierarchical'), 'hier');

describe('results rows', () => {
  it('reads the summary, A − B and the paired interval; optional stages add rows; CSV has every row', () => {
    const a = flat.summary as Record<string, number>;
    const b = hier.summary as Record<string, number>;
    const rows = resultRows([a, b], { slaMet: { mean: 0.1, ciLow: 0.05, ciHigh: 0.15 } });
    const mean = rows.find((r) => r.path === 'resolutionHours.mean')!;
    expect(mean.values).toEqual([valueAt(a, 'resolutionHours.mean'), valueAt(b, 'resolutionHours.mean')]);
    expect(mean.diff).toBeCloseTo(mean.values[0]! - mean.values[1]!, 12);
    expect(rows.find((r) => r.path === 'slaMet')!.paired).toEqual({ mean: 0.1, ciLow: 0.05, ciHigh: 0.15 });
    expect(rows.find((r) => r.path === 'closureRate')!.values[0]).toBeCloseTo(valueAt(a, 'cases.closed') / valueAt(a, 'cases.created'), 12);
    // the samples carry the simulator's stages: one row per stage, the same as the summary's
    const sampleStages = (a as unknown as { stages: { meanHours: Record<string, number> } }).stages.meanHours;
    expect(rows.filter((r) => r.path.startsWith('stages.')).map((r) => r.path)).toEqual(Object.keys(sampleStages).map((k) => `stages.meanHours.${k}`));
    const { stages: _dropped, ...noStages } = a as Record<string, unknown>;
    expect(resultRows([noStages as Record<string, number>]).some((r) => r.path.startsWith('stages.'))).toBe(false);
    const withStages = resultRows([{ ...a, stages: { queueWait: 3.5, travel: { mean: 0.4 } } }]);
    expect(withStages.filter((r) => r.path.startsWith('stages.')).map((r) => [r.label, r.values[0]])).toEqual([['queueWait', 3.5], ['travel', 0.4]]);
    // what sim/run/stagesSummary.ts writes: mean hours per stage under stages.meanHours
    const real = resultRows([{ ...a, stages: { closed: 10, meanHours: { discoveryHours: 2, queueHours_grid: 1.5 }, share: { discoveryHours: 0.5 }, handoffsPerCase: 1 } }]);
    expect(real.filter((r) => r.path.startsWith('stages.')).map((r) => [r.path, r.label, r.values[0]])).toEqual([
      ['stages.meanHours.discoveryHours', 'discovery', 2],
      ['stages.meanHours.queueHours_grid', 'queue at grid', 1.5],
    ]);
    const csv = resultsCsv(rows, ['A', 'B']).trim().split('\n');
    expect(csv).toHaveLength(rows.length + 1);
    expect(csv.find((l) => l.startsWith('slaMet,'))!.split(',').slice(-2)).toEqual(['0.05', '0.15']);
  });

  it('reads a survival curve in the shapes a summary may carry, and nothing else', () => {
    const curve = { t: [0, 2, 8], s: [1, 0.6, 0.1] };
    expect(readSurvival({ survival: { hours: [0, 2, 8], survival: [1, 0.6, 0.1] } })).toEqual(curve);
    expect(readSurvival({ survival: [[0, 1], [2, 0.6], [8, 0.1]] })).toEqual(curve);
    // what sim/run/survival.ts writes: the curve as pairs beside the quantiles
    expect(readSurvival({ survival: { n: 3, events: 2, censored: 1, curve: [[0, 1], [2, 0.6], [8, 0.1]] } })).toEqual(curve);
    expect(readSurvival({ survival: { hours: [0, 2], survival: [1] } })).toBeNull();
    expect(readSurvival({})).toBeNull();
  });

  it('names metrics with their units and formats shares as percentages', () => {
    expect(metricTitle('resolutionHours.p90')).toBe('resolution time, 90th percentile (h)');
    expect(metricTitle('utilization.streetHandler')).toBe('utilization: street handlers (%)');
    expect(formatMetric(0.8142, 'share')).toBe('81.4%');
    expect(formatMetric(-0.02, 'share', true)).toBe('-2.0 pt');
    expect(formatMetric(1234.5, 'staff-h')).toBe('1,235');
  });
});

describe('compare warnings', () => {
  it('are empty for flat against hierarchical on the same seed, and name each difference otherwise', () => {
    expect(compareWarnings(flat, hier)).toEqual([]);
    const other = parseReplayText(flatText.replace('"horizonHours":72', '"horizonHours":48').replace('"warmupHours":24', '"warmupHours":12').replace('"caseFraction":0.2', '"caseFraction":1').replace('"seed":1,', '"seed":2,'), 'other');
    const w = compareWarnings(flat, other).join('\n');
    for (const s of ['different horizons (A 3 days, B 2 days)', 'different warm-ups', 'different sampling', 'different seeds']) expect(w).toContain(s);
  });
});

describe('outlines from grid cells', () => {
  it('puts an edge between neighbouring grids of different units only', () => {
    const o = computeOutlines(flat);
    expect(o.districtRings).toEqual([]);
    expect(o.districtEdges).toEqual([]); // one district
    expect(o.streetEdges.length).toBeGreaterThan(20);
    const t = flat.territory;
    const side = t.cellKm;
    // every street edge is a cell side, between two grids of different streets
    for (const [x1, y1, x2, y2] of o.streetEdges.slice(0, 50)) expect(Math.hypot(x2 - x1, y2 - y1)).toBeCloseTo(side, 6);
  });

  it('reads district rings when the replay carries them, and per-grid cell sizes', () => {
    const raw = JSON.parse(flatText);
    raw.territory.outlines = { districts: [{ name: 'D', rings: [[[0, 0], [4, 0], [4, 4], [0, 4]]] }, { name: 'bad', rings: [[[0, 0]]] }] };
    raw.territory.grids.wKm = raw.territory.grids.x.map(() => 2 * raw.territory.cellKm);
    raw.territory.grids.hKm = raw.territory.grids.x.map(() => 2 * raw.territory.cellKm);
    const r = parseReplayText(JSON.stringify(raw), 'outlined');
    const o = computeOutlines(r);
    expect(o.districtRings.map((d) => d.name)).toEqual(['D']);
  });
});

describe('paired intervals and the sweep colour scale', () => {
  it('find comparison.json beside the replays of a compare', () => {
    expect(comparisonUrl('results/x/replays/flat-rep0.replay.json', 'results/x/replays/hierarchical-rep0.replay.json', null)).toBe('results/x/comparison.json');
    expect(comparisonUrl('results/x/replays/flat-rep0.replay.json', 'results/y/replays/hierarchical-rep0.replay.json', null)).toBeNull();
    expect(comparisonUrl('a.replay.json', 'b.replay.json', 'c.json')).toBe('c.json');
  });

  it('colours shares on a fixed 0–1 scale and other metrics from zero', () => {
    expect(colourDomain('slaMet', [0.814, 0.82])).toEqual([0, 1]);
    expect(colourDomain('resolutionHours.p90', [20, 30])).toEqual([0, 30]);
  });
});
