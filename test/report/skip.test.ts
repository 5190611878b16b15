// Tests that charts are drawn only from the data present: a partial run gets the charts it has
// data for, and each skipped chart comes with a one-line reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHART_NAMES } from '../../src/report/catalog.ts';
import { buildReport } from '../../src/report/report.ts';
import { copyRun, removeCopy, writeRunFile, type RunCopy } from './fixture.ts';

let copy: RunCopy | null = null;
afterEach(() => {
  if (copy) removeCopy(copy);
  copy = null;
});

describe('charts skipped for want of data', () => {
  it('draws only the summary charts from a run with only summary.csv and no history', async () => {
    copy = copyRun({ keep: ['run.json', 'summary.csv'], history: false });
    const r = await buildReport(copy.dir, { png: false });
    expect(r.charts.map((c) => c.name)).toEqual([
      'rounds-vs-n',
      'messages-vs-n',
      'fanout-sweep',
      'threshold-sweep',
      'rumor-rounds-vs-n',
      'plurality-outcome',
      'faults-outcome',
      'topology-rounds',
      'deployed-residue-vs-k',
    ]);
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.name, s.reason]));
    expect(Object.keys(reasons)).toEqual([
      'seed-claims-rounds',
      'agreement-by-round',
      'deployed-informed-vs-seconds',
      'throughput-vs-n',
      'history-throughput',
      'history-rounds',
    ]);
    expect(reasons['deployed-informed-vs-seconds']).toMatch(/agreement\.csv/);
    expect(reasons['seed-claims-rounds']).toMatch(/trials\.csv/);
    expect(reasons['agreement-by-round']).toMatch(/agreement\.csv/);
    expect(reasons['throughput-vs-n']).toMatch(/throughput\.csv/);
    expect(reasons['history-rounds']).toMatch(/history/);
    for (const s of r.skipped) expect(s.reason).not.toMatch(/\n/);
  });

  it('skips the scaling charts when no series has 3 distinct n', async () => {
    copy = copyRun({ keep: ['run.json', 'summary.csv'], history: false });
    const lines = readFileSync(join(copy.dir, 'summary.csv'), 'utf8').split('\n');
    writeRunFile(copy, 'summary.csv', `${lines.filter((l, i) => i === 0 || l.startsWith('fanout,')).join('\n')}\n`);
    const r = await buildReport(copy.dir, { png: false });
    expect(r.charts.map((c) => c.name)).toEqual(['fanout-sweep']);
    expect(r.skipped.find((s) => s.name === 'rounds-vs-n')!.reason).toMatch(/3 distinct n/);
    expect(r.skipped.find((s) => s.name === 'threshold-sweep')!.reason).toMatch(/thresholds/);
  });

  it('still writes a report for a run with no data files, listing every chart as skipped', async () => {
    copy = copyRun({ keep: ['run.json'], history: false });
    const r = await buildReport(copy.dir, { png: false });
    expect(r.charts).toEqual([]);
    expect(r.skipped.map((s) => s.name)).toEqual([...CHART_NAMES]);
    expect(r.html).toContain('No chart had data');
  });

  it('skips the history charts when the history has a single run', async () => {
    copy = copyRun({ keep: ['run.json'] });
    const lines = readFileSync(copy.history, 'utf8').split('\n');
    const first = lines[1]!.split(',')[2]!;
    writeRunFile(copy, '../history.csv', `${lines.filter((l, i) => i === 0 || l.includes(first)).join('\n')}\n`);
    const r = await buildReport(copy.dir, { png: false });
    expect(r.skipped.find((s) => s.name === 'history-throughput')!.reason).toMatch(/at least 2/);
  });
});
