import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../../sim/node/findings/plan.ts';
import { niceTicks } from '../../../sim/node/findings/svg.ts';
import { InputError } from '../../../sim/scenario/errors.ts';
import { tempDir } from '../../helpers/cli.ts';

const PLAN = 'scenarios/findings.json';

describe('npm run findings', () => {
  it('runs every scenario of the plan on a shortened horizon and writes the document, charts and numbers', () => {
    const out = tempDir('gridgov-findings-');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'sim/node/findings/main.ts', '--horizon-days', '5', '--min-reps', '2', '--max-reps', '2', '--workers', '2', '--no-sensitivity', '--out', out, '-q'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const plan = loadPlan(PLAN);
    const md = readFileSync(join(out, 'findings.md'), 'utf8');
    expect(md.startsWith('# Findings\n')).toBe(true);
    expect(md).toContain('Shortened run: every horizon set to 5 days.');
    expect(md).not.toMatch(/NaN|undefined|\[object/);
    const sections = md.split('\n## ').slice(1);
    expect(sections.length).toBe(plan.scenarios.length);
    const numbers = JSON.parse(readFileSync(join(out, 'findings', 'findings.json'), 'utf8'));
    expect(numbers.scenarios.length).toBe(plan.scenarios.length);
    plan.scenarios.forEach((p, i) => {
      const s = sections[i]!;
      expect(s.startsWith(`${i + 1}. ${p.title}\n`)).toBe(true);
      expect(s).toContain(`**Question.** ${p.question}`);
      // the results table: one column per variant, one row per metric, paired differences
      const header = s.split('\n').find((l) => l.startsWith('| metric |'))!;
      for (const v of p.variants) expect(header).toContain(`\`${v}\``);
      expect(header).toContain('(paired)');
      for (const m of p.metrics) expect(s).toContain(`| ${m.label} |`);
      expect(s).toContain('**Against the published figures.**');
      for (const f of p.published) expect(s).toContain(f.figure);
      const chart = s.match(/!\[[^\]]*\]\((findings\/[^)]+\.svg)\)/)![1]!;
      const svg = readFileSync(join(out, chart), 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      // issue 11: the channel, where the hours go, survival, parameters; the 2 × 2 of a reform
      expect(s).toMatch(/\*\*Channels?\.\*\*/);
      if (!p.reform) expect(s).toContain('Every variant on the same hand-off channel');
      else expect(s).toContain('| metric | whole gap');
      expect(s).toContain('**Where the hours go**');
      expect(s).toContain('| transit (hand-offs) |');
      expect(s).toContain('Kaplan–Meier median');
      expect(s).toMatch(/\*\*Parameters\*\* \(\d+ sourced, \d+ assumed\)/);
      for (const kind of ['hours', 'survival']) {
        const file = s.match(new RegExp(`!\\[[^\\]]*\\]\\((findings/[^)]+-${kind}\\.svg)\\)`))![1]!;
        const text = readFileSync(join(out, file), 'utf8');
        expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(text).not.toMatch(/NaN|undefined/);
      }
      expect(numbers.scenarios[i].reps).toBe(2);
      expect(Object.keys(numbers.scenarios[i].metrics)).toEqual(p.metrics.map((m) => m.metric));
    });
  });

  it('rejects a plan naming a variant it does not compare, with the field and what was expected', () => {
    const dir = tempDir();
    const raw = JSON.parse(readFileSync(PLAN, 'utf8'));
    raw.scenarios[0].published[0].variant = 'nope';
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(raw));
    expect(() => loadPlan(file)).toThrow(InputError);
    expect(() => loadPlan(file)).toThrow(/scenarios\.0\.published\.0\.variant: expected one of this scenario's variants/);
    expect(existsSync(PLAN)).toBe(true);
  });

  it('draws axes with round ticks that cover the data', () => {
    expect(niceTicks(0, 87)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 0.98)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});
