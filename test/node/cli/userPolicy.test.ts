import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

// A user's policy kept next to their own data, far from the project tree, importing gridgov's
// API by the package's name.
const POLICY = `import type { Policy } from 'gridgov/policy';
import { BUILTIN_POLICIES } from 'gridgov';

const base = BUILTIN_POLICIES.hierarchical!;
const mine: Policy = {
  name: 'mine',
  route: (c, at, ctx) => base.route(c, at, ctx),
  escalate: (c, at, ctx) => base.escalate(c, at, ctx),
};
export default mine;
`;

describe('a policy file from any folder', () => {
  const dir = tempDir('gridgov-user-');
  const scenario = writeJson(dir, 's.json', minimalScenario({ horizonDays: 5, warmupDays: 1 }));

  it('loads from a folder with no package.json and gives what the built-in it wraps gives', () => {
    const bare = join(dir, 'bare');
    mkdirSync(bare);
    writeFileSync(join(bare, 'mine.ts'), POLICY);
    const r = gridgov(['run', scenario, '--policy', join(bare, 'mine.ts'), '--out', join(dir, 'o1'), '-q']);
    expect(r.stderr).not.toMatch(/expected|error/i);
    expect(r.code).toBe(0);
    const ref = gridgov(['run', scenario, '--policy', 'hierarchical', '--out', join(dir, 'o2'), '-q']);
    expect(ref.code).toBe(0);
    expect(readFileSync(join(dir, 'o1', 'cases.csv'), 'utf8')).toBe(readFileSync(join(dir, 'o2', 'cases.csv'), 'utf8'));
  });

  it('loads in worker threads from a folder whose package.json says CommonJS', () => {
    const cjs = join(dir, 'cjs');
    mkdirSync(cjs);
    writeFileSync(join(cjs, 'package.json'), '{ "type": "commonjs" }\n');
    writeFileSync(join(cjs, 'mine.ts'), POLICY);
    const r = gridgov(['replicate', scenario, '--policy', join(cjs, 'mine.ts'), '--reps', '2', '--workers', '2', '--out', join(dir, 'o3'), '-q']);
    expect(r.stderr).not.toMatch(/failed|error/i);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'o3', 'runs.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(3);
  });

  it('names the file and the cause when it does not load', () => {
    const broken = join(dir, 'broken.ts');
    writeFileSync(broken, "import { nothing } from 'gridgov/no-such-part';\nexport default nothing;\n");
    const r = gridgov(['run', scenario, '--policy', broken, '--out', join(dir, 'o4')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`gridgov: ${broken}: (top level): expected a policy module that loads (it imports something that cannot be found:`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
