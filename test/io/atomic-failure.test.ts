// Tests that an atomic write failing at the rename leaves the old file and no temp file behind.
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/io/atomic.ts';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return { ...actual, rename: vi.fn(actual.rename) };
});

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof Fs>();
  return { ...actual, renameSync: vi.fn(actual.renameSync) };
});

function ioError(): Error {
  return Object.assign(new Error('simulated EIO'), { code: 'EIO' });
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gossip-bench-atomic-fail-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('atomic writes when the rename fails', () => {
  it('writeFileAtomic keeps the original and removes the temp file', async () => {
    const path = join(dir, 'results.csv');
    writeFileSync(path, 'original\n');
    vi.mocked(rename).mockRejectedValueOnce(ioError());
    await expect(writeFileAtomic(path, 'replacement\n')).rejects.toMatchObject({ code: 'EIO' });
    expect(readFileSync(path, 'utf8')).toBe('original\n');
    expect(readdirSync(dir)).toEqual(['results.csv']);
  });

  it('writeFileAtomicSync keeps the original and removes the temp file', () => {
    const path = join(dir, 'results.csv');
    writeFileSync(path, 'original\n');
    vi.mocked(renameSync).mockImplementationOnce(() => {
      throw ioError();
    });
    expect(() => writeFileAtomicSync(path, 'replacement\n')).toThrow(/simulated EIO/);
    expect(readFileSync(path, 'utf8')).toBe('original\n');
    expect(readdirSync(dir)).toEqual(['results.csv']);
  });
});
