import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

// The browser-safe core is everything under sim/ except sim/node/ (CLI, files, worker threads,
// findings, bench). A core module that imports from sim/node/ would drag Node-only code into the
// viewer's Web Worker; this test names every such import.
const SIM = resolve('sim');
const NODE = join(SIM, 'node');
const NODE_BUILTIN = /^(node:|fs$|path$|os$|worker_threads$|child_process$|zlib$|url$)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}

function imports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g)) out.push(m[1]!);
  return out;
}

describe('the core/Node boundary', () => {
  const core = files(SIM).filter((f) => !f.startsWith(NODE + '/'));

  it('finds the core and the Node part where the layout says', () => {
    expect(core.length).toBeGreaterThan(50);
    expect(files(NODE).length).toBeGreaterThan(20);
  });

  it('has no core module importing from sim/node/ or a Node built-in', () => {
    const bad: string[] = [];
    for (const f of core) {
      for (const spec of imports(readFileSync(f, 'utf8'))) {
        if (NODE_BUILTIN.test(spec)) bad.push(`${relative('.', f)} imports ${spec}`);
        if (spec.startsWith('.') && resolve(dirname(f), spec).startsWith(NODE + '/')) bad.push(`${relative('.', f)} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
