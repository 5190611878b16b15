// Tests for the output folder: created and probed, refused when unusable or already holding a
// run, removed again when this run created it.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunDir, OutDirError, prepareOutDir, removeCreatedDir } from '../../src/harness/outdir.ts';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'outdir-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('prepareOutDir', () => {
  it('creates a missing folder with its parents, holding only the lock, and can remove it', () => {
    const out = prepareOutDir(join(tmp, 'a', 'b'), ['--x']);
    expect(readdirSync(out.path)).toEqual(['.lock']);
    expect(out.created).toBe(join(tmp, 'a'));
    out.lock.release();
    expect(readdirSync(out.path)).toEqual([]);
    removeCreatedDir(out);
    expect(existsSync(join(tmp, 'a'))).toBe(false);
  });

  it('accepts an existing folder without a run.json and never removes it', () => {
    const out = prepareOutDir(tmp, []);
    expect(out.created).toBeNull();
    out.lock.release();
    removeCreatedDir(out);
    expect(existsSync(tmp)).toBe(true);
  });

  it('refuses a folder holding a run.json, a file, and a path under a file', () => {
    writeFileSync(join(tmp, 'run.json'), '{}');
    expect(() => prepareOutDir(tmp, [])).toThrow(OutDirError);
    expect(readdirSync(tmp)).toEqual(['run.json']); // the lock taken for the check is released
    const file = join(tmp, 'file');
    writeFileSync(file, 'x');
    expect(() => prepareOutDir(file, [])).toThrow(OutDirError);
    expect(() => prepareOutDir(join(file, 'sub'), [])).toThrow(OutDirError);
  });

  it.skipIf(process.getuid?.() === 0)('removes the folder it created when the folder turns out to be unusable', () => {
    // A folder that is created but cannot be written: the lock (the first write) fails.
    const parent = join(tmp, 'ro');
    mkdirSync(parent);
    chmodSync(parent, 0o555);
    try {
      expect(() => prepareOutDir(join(parent, 'sub'), [])).toThrow(OutDirError);
    } finally {
      chmodSync(parent, 0o755);
    }
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('createRunDir', () => {
  it('creates parent/runId, then runId-2 when it exists', () => {
    const a = createRunDir(join(tmp, 'results'), 'id', []);
    const b = createRunDir(join(tmp, 'results'), 'id', []);
    a.lock.release();
    b.lock.release();
    expect(a.path).toBe(join(tmp, 'results', 'id'));
    expect(b.path).toBe(join(tmp, 'results', 'id-2'));
    expect(a.created).toBe(join(tmp, 'results'));
    expect(b.created).toBe(b.path);
  });

  it('refuses a parent under a file', () => {
    mkdirSync(join(tmp, 'x'));
    writeFileSync(join(tmp, 'x', 'f'), '');
    expect(() => createRunDir(join(tmp, 'x', 'f'), 'id', [])).toThrow(OutDirError);
  });
});
