// Tests for reading run.json back (what --resume relies on): a good file reads, a bad one throws
// RunInfoError naming the problem.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunInfo, RunInfoError, runInfoJson, SCHEMA_VERSION, type RunInfo } from '../../src/harness/runinfo.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runinfo-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INFO: RunInfo = {
  runId: '20260101T000000Z-abcdef1',
  schemaVersion: SCHEMA_VERSION,
  suites: [{ name: 'smoke', description: 'd', mode: 'default', trials: 5, points: 6 }],
  masterSeed: 1,
  argv: ['--suite', 'smoke'],
  packageVersion: '0.1.0',
  git: { commit: 'a'.repeat(40), shortCommit: 'aaaaaaa', dirty: false, branch: 'main' },
  machine: { node: 'v20', v8: '11', os: 'Linux', cpuModel: 'cpu', cores: 2, totalMemoryBytes: 1 },
  threads: 2,
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:00:00.000Z',
  status: 'running',
  pointsDone: 0,
};

/** Writes `text` as a run.json and reads it back. */
function read(text: string): RunInfo {
  const path = join(dir, 'run.json');
  writeFileSync(path, text);
  return readRunInfo(path);
}

describe('readRunInfo', () => {
  it('reads what runInfoJson wrote', () => {
    expect(read(runInfoJson(INFO))).toEqual(INFO);
  });

  it.each([
    ['not JSON', '{"runId": ', /JSON/],
    ['another schema', JSON.stringify({ ...INFO, schemaVersion: 2 }), /schemaVersion/],
    ['an unknown status', JSON.stringify({ ...INFO, status: 'paused' }), /status/],
    ['no argv', JSON.stringify({ ...INFO, argv: 'x' }), /argv/],
    ['no git', JSON.stringify({ ...INFO, git: null }), /git/],
  ])('refuses %s', (_name, text, pattern) => {
    expect(() => read(text)).toThrow(RunInfoError);
    expect(() => read(text)).toThrow(pattern);
  });
});
