// Tests of results/history.csv (src/results/history.ts): the header is written once, each run
// appends its points and throughput rows, a run is recorded once, a broken file is refused, and
// the report's history reader reads what is written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHistory } from '../../src/io/run-folder.ts';
import { HISTORY_SCHEMA } from '../../src/io/schemas.ts';
import { appendHistory, HISTORY_COLUMNS, HistoryError } from '../../src/results/history.ts';
import { benchSmoke, copyRun, editRunJson, removeDir, syntheticRunInfo, tempDir, timings, writeSyntheticRun } from './helpers.ts';

let root = '';
let smoke = '';
let throughput = '';

beforeAll(async () => {
  root = tempDir();
  smoke = join(root, 'smoke');
  await benchSmoke(smoke, 1);
  throughput = await writeSyntheticRun(
    join(root, 'tp'),
    [
      { n: 1000, fanout: 3, samples: timings(20, 0.03, 20, 'a') },
      { n: 1000, fanout: 5, samples: timings(30, 0.03, 20, 'b') },
    ],
    syntheticRunInfo('20261125T001000Z-aaaaaaa'),
  );
});

afterAll(() => removeDir(root));

describe('appendHistory', () => {
  it('has the columns the report reads', () => {
    expect([...HISTORY_COLUMNS]).toEqual(Object.keys(HISTORY_SCHEMA.columns));
  });

  it('creates the file with its header once, then appends each run', async () => {
    const results = join(root, 'results-1');
    const first = await appendHistory(results, smoke);
    expect(first).toMatchObject({ appended: 6, created: true, alreadyRecorded: false });
    const second = await appendHistory(results, throughput);
    expect(second).toMatchObject({ appended: 2, created: false });
    const lines = readFileSync(first.path, 'utf8').split('\n');
    expect(lines[0]).toBe(HISTORY_COLUMNS.join(','));
    expect(lines.filter((l) => l === HISTORY_COLUMNS.join(','))).toHaveLength(1);
    expect(lines).toHaveLength(1 + 6 + 2 + 1); // header, rows, final newline
    expect(lines[1]).toMatch(/^[0-9a-f]{40},\d{4}-\d\d-\d\dT[^,]+,\d{8}T\d{6}Z-\w+,smoke,0,10,3,split,0\.95,[\d.]+,[\d.]+,1,$/);
    expect(lines[7]).toBe(`${'a'.repeat(40)},2026-11-25T00:00:00.000Z,20261125T001000Z-aaaaaaa,throughput,,1000,3,,,,,,${lines[7]!.split(',')[12]}`);
    expect(Number(lines[7]!.split(',')[12])).toBeGreaterThan(19);
  });

  it('reads back through the report history reader', async () => {
    const results = join(root, 'results-2');
    const { path } = await appendHistory(results, smoke);
    await appendHistory(results, throughput);
    const table = await loadHistory(path, true);
    expect(table!.rows).toHaveLength(8);
    expect(table!.rows[6]).toMatchObject({ suite: 'throughput', point: null, rounds_mean: null, n: 1000, fanout: 3 });
  });

  it('does not record the same run twice', async () => {
    const results = join(root, 'results-3');
    await appendHistory(results, smoke);
    const again = await appendHistory(results, smoke);
    expect(again).toMatchObject({ appended: 0, alreadyRecorded: true });
    expect(readFileSync(again.path, 'utf8').trimEnd().split('\n')).toHaveLength(7);
  });

  it('refuses a file with another header or a truncated last line, leaving it as it was', async () => {
    const results = join(root, 'results-4');
    const { path } = await appendHistory(results, smoke);
    const whole = readFileSync(path, 'utf8');
    writeFileSync(path, whole.slice(0, -5));
    await expect(appendHistory(results, throughput)).rejects.toThrow(HistoryError);
    expect(readFileSync(path, 'utf8')).toBe(whole.slice(0, -5));
    writeFileSync(path, `commit,date\n${whole.slice(whole.indexOf('\n') + 1)}`);
    await expect(appendHistory(results, throughput)).rejects.toThrow(/not a history file/);
  });

  it('refuses a run that did not complete', async () => {
    const failed = copyRun(smoke, join(root, 'failed'));
    editRunJson(failed, (j) => (j.status = 'failed'));
    await expect(appendHistory(join(root, 'results-5'), failed)).rejects.toThrow(HistoryError);
  });
});
