// Tests for the run context: run ids, git state in temp repos, machine and package facts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitInfo, machineInfo, packageVersion, runId } from '../../src/harness/context.ts';

describe('runId', () => {
  const date = new Date(Date.UTC(2026, 10, 24, 23, 32, 0, 789));

  it('joins the UTC stamp and the short commit', () => {
    expect(runId(date, 'ab12cd3')).toBe('20261124T233200Z-ab12cd3');
  });

  it('says nogit without a commit', () => {
    expect(runId(date, null)).toBe('20261124T233200Z-nogit');
  });

  it('uses UTC and zero-pads every field', () => {
    expect(runId(new Date(Date.UTC(2027, 0, 2, 3, 4, 5)), null)).toBe('20270102T030405Z-nogit');
  });

  it('uses folder-safe characters only', () => {
    expect(runId(date, 'ab12cd3')).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]+$/);
  });

  it('rejects an invalid date and a commit that is not hex', () => {
    expect(() => runId(new Date(Number.NaN), null)).toThrow(RangeError);
    expect(() => runId(date, '../etc')).toThrow(RangeError);
    expect(() => runId(date, '')).toThrow(RangeError);
  });
});

describe('gitInfo', () => {
  let dir: string;
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gossip-bench-git-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives nulls outside a repository', () => {
    expect(gitInfo(dir)).toEqual({ commit: null, shortCommit: null, dirty: null, branch: null });
  });

  it('gives nulls in a repository with no commits', () => {
    git('init', '--quiet');
    expect(gitInfo(dir)).toEqual({ commit: null, shortCommit: null, dirty: null, branch: null });
  });

  it('gives nulls for a folder that does not exist', () => {
    expect(gitInfo(join(dir, 'missing'))).toEqual({
      commit: null,
      shortCommit: null,
      dirty: null,
      branch: null,
    });
  });

  it('reads commit, branch and cleanliness, counting untracked files as dirty', () => {
    git('init', '--quiet', '--initial-branch=trunk');
    git('-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '--quiet', '--allow-empty', '-m', 'x');
    const clean = gitInfo(dir);
    expect(clean.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(clean.shortCommit).toMatch(/^[0-9a-f]{7,}$/);
    expect(clean.commit?.startsWith(clean.shortCommit ?? 'none')).toBe(true);
    expect(clean.branch).toBe('trunk');
    expect(clean.dirty).toBe(false);

    writeFileSync(join(dir, 'untracked.txt'), 'x');
    expect(gitInfo(dir).dirty).toBe(true);
  });

  it('gives a null branch on a detached HEAD', () => {
    git('init', '--quiet');
    git('-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '--quiet', '--allow-empty', '-m', 'x');
    git('checkout', '--quiet', '--detach');
    const info = gitInfo(dir);
    expect(info.branch).toBeNull();
    expect(info.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('machineInfo', () => {
  it('describes this runtime sensibly', () => {
    const info = machineInfo();
    expect(info.node).toBe(process.version);
    expect(info.v8).toMatch(/^\d+\.\d+/);
    expect(info.os.split(' ').length).toBeGreaterThanOrEqual(3);
    expect(info.cpuModel.length).toBeGreaterThan(0);
    expect(Number.isInteger(info.cores) && info.cores >= 1).toBe(true);
    expect(info.totalMemoryBytes).toBeGreaterThan(1 << 20);
  });
});

describe('packageVersion', () => {
  it('reads a semver version from package.json', () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
