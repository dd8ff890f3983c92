import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../sim/node/cli/policyFile.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';

const FILE = 'scenarios/policies/respondOnReceipt.ts';

describe('respondOnReceipt (接诉即办) policy file', () => {
  it('dispatches hotline requests straight to the owning street or department, faster than level by level', async () => {
    const policy = await loadPolicyFile(FILE);
    const raw = minimalScenario({ horizonDays: 30, policy: { classificationAccuracy: 1 } });
    const r = await runRaw(raw, { policy });
    const h = await runRaw(raw, { policyName: 'hierarchical' });
    expect(r.summary.checks.ok).toBe(true);
    const hotline = r.rows.filter((row) => row.registeredBy === 'hotline' && row.state === 'closed');
    expect(hotline.length).toBeGreaterThan(50);
    for (const row of hotline) {
      if (row.authority === 'department') expect(row.tiersVisited).toBe('department');
      else if (row.authority === 'district') expect(row.tiersVisited).toBe('district');
      else expect(row.tiersVisited.startsWith('street')).toBe(true);
    }
    expect(r.summary.bouncesPerCase).toBe(0);
    expect(r.summary.resolutionHours.mean).toBeLessThan(h.summary.resolutionHours.mean);
  });

  it('sends misdirected work orders back to the district, the fallback owner', async () => {
    const policy = await loadPolicyFile(FILE);
    const r = await runRaw(minimalScenario({ horizonDays: 30, policy: { classificationAccuracy: 0.5 } }), { policy });
    expect(r.summary.bouncesPerCase).toBeGreaterThan(0.05);
    const bounced = r.rows.filter((row) => row.bounces !== '0' && row.state === 'closed');
    expect(bounced.length).toBeGreaterThan(0);
    for (const row of bounced) expect(row.tiersVisited).toMatch(/>district/);
  });
});
