import { describe, expect, it } from 'vitest';
import { compare, resolveScenario, run } from '../../sim/index.ts';
import { loadScenarioFile } from '../../sim/node/index.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

describe('the typed library', () => {
  it('loads, validates, runs and compares with the functions the CLI uses', async () => {
    const scenario = resolveScenario(minimalScenario({ horizonDays: 12 }), 'lib');
    const one = await run(scenario, { policyName: 'whistle', seed: 2 });
    expect(one.summary.policy).toBe('whistle');
    expect(one.summary.checks.conservation).toBe(true);
    const { comparison, runs } = await compare(scenario, { policies: ['flat', 'hierarchical'], reps: 2, seed: 9 });
    expect(runs).toHaveLength(4);
    expect(comparison.seeds).toEqual([9, 10]);
    const d = comparison.differences['resolutionHours.mean']!['flat-hierarchical']!;
    const f = comparison.metrics['resolutionHours.mean']!.flat!.mean;
    const h = comparison.metrics['resolutionHours.mean']!.hierarchical!.mean;
    expect(d.mean).toBeCloseTo(f - h, 9);
    expect(loadScenarioFile('scenarios/default.json').name).toBe('default');
  });
});
