// Tests of `node --import tsx scripts/charts.ts` as a subprocess: a good run writes the charts
// and the report; bad input exits 2 with one `error:` line naming the file and writes nothing.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHART_NAMES } from '../../src/report/catalog.ts';
import { copyRun, removeCopy, runCharts, snapshot, writeRunFile, type RunCopy } from './fixture.ts';

const copies: RunCopy[] = [];
function fresh(opts?: Parameters<typeof copyRun>[0]): RunCopy {
  const c = copyRun(opts);
  copies.push(c);
  return c;
}
afterAll(() => copies.forEach(removeCopy));

describe('charts CLI on a good run', () => {
  it('writes every chart as SVG and PNG and report.html, and says what it skipped', async () => {
    const c = fresh({ keep: ['run.json', 'summary.csv', 'trials.csv', 'agreement.csv', 'claims.csv'] });
    const r = await runCharts([c.dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const drawn = CHART_NAMES.filter((n) => !['throughput-vs-n'].includes(n));
    for (const name of drawn) {
      expect(existsSync(join(c.dir, 'charts', `${name}.svg`)), name).toBe(true);
      expect(existsSync(join(c.dir, 'charts', `${name}.png`)), name).toBe(true);
      expect(r.stdout).toContain(`chart ${name}:`);
    }
    expect(r.stdout).toMatch(/^skipped throughput-vs-n: no throughput\.csv.*$/m);
    expect(r.stdout.match(/^skipped /gm)).toHaveLength(1);
    expect(readFileSync(join(c.dir, 'report.html'), 'utf8')).toContain('<!doctype html>');
  });
});

describe.concurrent('charts CLI on bad input', () => {
  const truncate = (c: RunCopy): void => {
    const t = readFileSync(join(c.dir, 'summary.csv'), 'utf8');
    writeRunFile(c, 'summary.csv', t.slice(0, t.length - 30));
  };
  const dropColumn = (c: RunCopy): void => {
    const t = readFileSync(join(c.dir, 'agreement.csv'), 'utf8');
    writeRunFile(c, 'agreement.csv', t.replace('agreement_mean', 'agreement_avg'));
  };
  /** [case, set the copy up, args after the folder (or the full args), text the error must name]. */
  const CASES: [string, (c: RunCopy) => string[], string][] = [
    ['not a run folder', (c) => { const d = join(c.root, 'empty'); mkdirSync(d); return [d]; }, 'no run.json'],
    ['missing folder', (c) => [join(c.root, 'nope')], 'no such folder'],
    ['another schemaVersion', (c) => { writeRunFile(c, 'run.json', '{"runId":"x","schemaVersion":3}\n'); return [c.dir]; }, 'schemaVersion 3'],
    ['truncated summary.csv', (c) => { truncate(c); return [c.dir]; }, 'summary.csv: truncated'],
    ['missing column', (c) => { dropColumn(c); return [c.dir]; }, 'agreement.csv: missing required column agreement_mean'],
    ['missing --history file', (c) => [c.dir, '--history', join(c.root, 'none.csv')], 'none.csv: no such file'],
    ['no folder', () => [], 'missing RUN'],
    ['unknown flag', (c) => [c.dir, '--bogus'], '--bogus'],
  ];

  it.each(CASES)('%s: exit 2, one error line, nothing written', async (_name, setup, needle) => {
    const c = fresh();
    const args = setup(c);
    const before = snapshot(c.root);
    const r = await runCharts(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toContain(needle);
    expect(snapshot(c.root)).toEqual(before);
  });
});
