import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../sim/node/cli/files.ts';
import { policyOption } from '../../sim/node/cli/policyFile.ts';
import { simulate } from '../../sim/run/simulateRun.ts';

const ISSUE6 = ['dongcheng-2004', 'beijing-12345', 'small-loop-big-loop', 'whistle', 'qingdao-zhanshan', 'hangzhou-epidemic', 'patrol-vs-passive'];

describe('bundled scenarios of the real systems', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.endsWith('schema.json') && f !== 'findings.json');

  it('are all there, each with a doc, and every variant validates', () => {
    for (const name of ISSUE6) {
      expect(files).toContain(`${name}.json`);
      const doc = readFileSync(`docs/scenarios/${name}.md`, 'utf8');
      for (const heading of ['## Question', '## Variants', '## Sources', '## Calibrated', '## Predicted']) expect(doc, `${name}: ${heading}`).toContain(heading);
      const variants = (JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')).variants ?? []) as { name: string }[];
      expect(variants.length, name).toBeGreaterThanOrEqual(2);
      for (const v of variants) expect(loadScenarioFile(`scenarios/${name}.json`, [], v.name).name).toBe(name);
    }
  });

  it('run a few days under every variant with balanced books', async () => {
    for (const name of ISSUE6) {
      const file = `scenarios/${name}.json`;
      for (const v of JSON.parse(readFileSync(file, 'utf8')).variants as { name: string }[]) {
        const s = loadScenarioFile(file, ['horizonDays=4', 'warmupDays=1'], v.name);
        const choice = await policyOption(s.policy.name);
        const r = await simulate(s, { policyName: choice.name, policy: choice.policy });
        expect(r.summary.checks.ok, `${name} ${v.name}`).toBe(true);
        expect(r.summary.cases.created, `${name} ${v.name}`).toBeGreaterThan(20);
      }
    }
  });
});
