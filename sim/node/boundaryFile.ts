import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/schema.ts';

type Ring = [number, number][];
interface GeoFeature { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } }

/**
 * Fills `territory.boundaries.features[].rings` (and `seat` from a `cp` property) from the
 * GeoJSON file the scenario names, relative to the scenario file, so that the core builds the
 * territory without reading files (the same in a browser) and the resolved scenario.json of a
 * run carries its boundaries with it. A scenario without boundaries, or whose rings are already
 * filled, is returned as it is. Bad input → InputError naming the file and the field.
 */
export function inlineBoundaries(scenario: Scenario, scenarioFile: string): Scenario {
  const b = scenario.territory.boundaries;
  if (!b || b.features.every((f) => f.rings)) return scenario;
  const path = isAbsolute(b.file) ? b.file : join(dirname(scenarioFile), b.file);
  let features: GeoFeature[];
  try {
    const geo = JSON.parse(readFileSync(path, 'utf8')) as { features?: GeoFeature[] };
    if (!Array.isArray(geo.features)) throw new Error('no features');
    features = geo.features;
  } catch (err) {
    throw new InputError(scenarioFile, [{ path: 'territory.boundaries.file', expected: `a readable GeoJSON FeatureCollection (${path}: ${(err as Error).message})` }]);
  }
  const filled = b.features.map((f, i) => {
    if (f.rings) return f;
    const match = features.find((g) => g.properties?.[b.nameProperty] === f.name);
    const rings = match ? ringsOf(match) : [];
    if (rings.length === 0) {
      throw new InputError(scenarioFile, [{ path: `territory.boundaries.features.${i}.name`, expected: `a Polygon or MultiPolygon feature of ${b.file} whose "${b.nameProperty}" is this name`, found: f.name }]);
    }
    const cp = match!.properties?.cp;
    const seat = f.seat ?? (Array.isArray(cp) && cp.length === 2 && cp.every((v) => typeof v === 'number') ? (cp as [number, number]) : undefined);
    return { ...f, rings, ...(seat ? { seat } : {}) };
  });
  return { ...scenario, territory: { ...scenario.territory, boundaries: { ...b, features: filled } } };
}

function ringsOf(f: GeoFeature): Ring[] {
  const g = f.geometry;
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates as Ring[];
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).flat();
  return [];
}
