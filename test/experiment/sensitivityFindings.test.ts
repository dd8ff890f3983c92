import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';

describe('npm run findings: the sensitivity of each headline', () => {
  it('adds the tornado of the headline over the assumed parameters, in words, a table, a chart and the numbers', () => {
    const out = tempDir('gridgov-findings-sens-');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'sim/node/findings/main.ts', '--only', 'qingdao', '--horizon-days', '3', '--min-reps', '2', '--max-reps', '2', '--sensitivity-reps', '2', '--workers', '2', '--out', out, '-q'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const md = readFileSync(join(out, 'findings.md'), 'utf8');
    const scenario = JSON.parse(readFileSync('scenarios/qingdao-zhanshan.json', 'utf8')) as { parameters: { path: string; status: string; low?: number; scale?: number[] }[] };
    const assumed = scenario.parameters.filter((p) => p.status === 'assumed' && (p.low !== undefined || p.scale));
    expect(md).toContain('**Which assumptions it rests on.**');
    expect(md).toMatch(/No plausible value|It is overturned|clearly overturns/);
    // tornado rows: label (`path`) | range low … base … high | …  (the parameters list has no range column)
    const rows = md.split('\n').filter((l) => /^\| .*\(`[\w.]+`\) \| [^|]* … [^|]* \|/.test(l));
    expect(rows.length).toBe(assumed.length);
    for (const p of assumed) expect(md).toContain(`(\`${p.path}\`)`);
    expect(md).not.toMatch(/NaN|undefined|\[object/);
    const svg = readFileSync(join(out, 'findings', 'qingdao-zhanshan-tornado.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const numbers = JSON.parse(readFileSync(join(out, 'findings', 'findings.json'), 'utf8'));
    const s = numbers.scenarios[0].sensitivity;
    expect(s.reps).toBe(2);
    expect(s.rows.map((x: { path: string }) => x.path).sort()).toEqual(assumed.map((p) => p.path).sort());
    const swings = s.rows.map((x: { swing: number }) => x.swing);
    expect(swings).toEqual([...swings].sort((a: number, b: number) => b - a));
  });
});
