import { join } from 'node:path';
import * as fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { AtomicFileSink, writeFileAtomic } from '../../../sim/node/io/atomicWrite.ts';
import { tempDir } from '../../helpers/cli.ts';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, fsyncSync: vi.fn(real.fsyncSync), renameSync: vi.fn(real.renameSync) };
});

describe('the atomic write is durable', () => {
  it('fsyncs the file before the rename and the folder after it, for whole files and streams', () => {
    const dir = tempDir();
    const fsync = vi.mocked(fs.fsyncSync);
    const rename = vi.mocked(fs.renameSync);
    for (const write of [() => writeFileAtomic(join(dir, 'a.json'), '{}\n'), () => { const s = new AtomicFileSink(join(dir, 'b.csv')); s.write('x\n'); s.close(); }]) {
      fsync.mockClear();
      rename.mockClear();
      write();
      expect(rename).toHaveBeenCalledTimes(1);
      expect(fsync).toHaveBeenCalledTimes(2);
      const [fileSync, dirSync] = fsync.mock.invocationCallOrder;
      expect(fileSync).toBeLessThan(rename.mock.invocationCallOrder[0]!);
      expect(dirSync).toBeGreaterThan(rename.mock.invocationCallOrder[0]!);
    }
  });
});
