// Tests of loading a run folder: the fixture loads with every table; a folder that is not a
// run, another schema version, invalid JSON, or a broken CSV raise the typed errors.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvFormatError, ReportInputError, RunFolderError } from '../../src/io/errors.ts';
import { defaultHistoryPath, loadHistory, loadRun } from '../../src/io/run-folder.ts';
import { copyRun, FIXTURE_RUN, removeCopy, RUN_ID, writeRunFile, type RunCopy } from '../report/fixture.ts';

let copy: RunCopy | null = null;
afterEach(() => {
  if (copy) removeCopy(copy);
  copy = null;
});

describe('loadRun on the fixture', () => {
  it('reads run.json and every CSV present', async () => {
    const run = await loadRun(FIXTURE_RUN);
    expect(run.info.runId).toBe(RUN_ID);
    expect(run.info.git.shortCommit).toBe('ab12cd3');
    expect(run.info.suites.map((s) => s.name)).toEqual(['scaling', 'seed-claims', 'fanout', 'thresholds', 'rumor', 'plurality', 'faults', 'topology', 'deployed']);
    expect(run.summary!.rows.length).toBe(80);
    expect(run.trials!.rows.length).toBeGreaterThan(0);
    expect(run.agreement!.rows.length).toBeGreaterThan(0);
    expect(new Set(run.claims!.rows.map((c) => c.verdict))).toEqual(new Set(['holds', 'fails', 'tight', 'upper-bound']));
    expect(run.throughput!.rows.length).toBeGreaterThan(0);
    expect(run.files).toEqual(['run.json', 'summary.csv', 'trials.csv', 'agreement.csv', 'claims.csv', 'throughput.csv']);
  });

  it('treats every CSV as optional', async () => {
    copy = copyRun({ keep: ['run.json'] });
    const run = await loadRun(copy.dir);
    expect([run.summary, run.trials, run.agreement, run.claims, run.throughput]).toEqual([null, null, null, null, null]);
  });

  it.each(['theory_rounds', 'leader0_rate'] as const)('reads summary.csv without %s (older runs) as null', async (column) => {
    copy = copyRun({ keep: ['run.json', 'summary.csv'] });
    const lines = readFileSync(join(copy.dir, 'summary.csv'), 'utf8').trimEnd().split('\n');
    const at = lines[0]!.split(',').indexOf(column);
    expect(at).toBeGreaterThan(0);
    writeRunFile(copy, 'summary.csv', `${lines.map((l) => l.split(',').filter((_, i) => i !== at).join(',')).join('\n')}\n`);
    const run = await loadRun(copy.dir);
    expect(run.summary!.header).not.toContain(column);
    expect(run.summary!.rows.every((r) => r[column] === null)).toBe(true);
  });
});

describe('loadRun on bad input', () => {
  it('rejects a folder without run.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-a-run-'));
    try {
      await expect(loadRun(dir)).rejects.toBeInstanceOf(RunFolderError);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('rejects a missing folder and a file given as the folder', async () => {
    await expect(loadRun(join(tmpdir(), 'no-such-run-folder-xyz'))).rejects.toBeInstanceOf(RunFolderError);
    await expect(loadRun(join(FIXTURE_RUN, 'run.json'))).rejects.toBeInstanceOf(RunFolderError);
  });

  it('rejects another schemaVersion, naming the value', async () => {
    copy = copyRun();
    writeRunFile(copy, 'run.json', JSON.stringify({ runId: RUN_ID, schemaVersion: 2 }));
    const err = await loadRun(copy.dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunFolderError);
    expect((err as Error).message).toContain('schemaVersion 2');
  });

  it('rejects invalid JSON', async () => {
    copy = copyRun();
    writeRunFile(copy, 'run.json', '{"runId": ');
    await expect(loadRun(copy.dir)).rejects.toBeInstanceOf(RunFolderError);
  });

  it('rejects a CSV missing a required column, naming the file', async () => {
    copy = copyRun();
    writeRunFile(copy, 'throughput.csv', 'protocol,n,fanout,threads\nmajority,1000,3,1\n');
    const err = await loadRun(copy.dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvFormatError);
    expect((err as CsvFormatError).file).toBe(join(copy.dir, 'throughput.csv'));
    expect((err as CsvFormatError).column).toBe('ns_per_agent_round');
  });

  it('rejects a truncated trials.csv', async () => {
    copy = copyRun();
    const text = readFileSync(join(copy.dir, 'trials.csv'), 'utf8');
    writeRunFile(copy, 'trials.csv', text.slice(0, text.length - 20));
    await expect(loadRun(copy.dir)).rejects.toBeInstanceOf(CsvFormatError);
  });
});

describe('history', () => {
  it('defaults to history.csv beside the run folder and is optional there', async () => {
    copy = copyRun({ history: false });
    expect(defaultHistoryPath(copy.dir)).toBe(copy.history);
    expect(await loadHistory(copy.history, false)).toBeNull();
    await expect(loadHistory(copy.history, true)).rejects.toBeInstanceOf(ReportInputError);
  });

  it('reads the history sample', async () => {
    copy = copyRun();
    const h = await loadHistory(copy.history, true);
    expect(new Set(h!.rows.map((r) => r.run_id)).size).toBe(4);
  });
});
