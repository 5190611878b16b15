// Tests of the ad hoc flags of the new parameters through the real CLI: a run writes their
// columns, and a value out of range exits 2 with one line naming the flag.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { csvRows } from './snapshot.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-adhoc-params-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('ad hoc flags of the new parameters', () => {
  it('--protocol push --topology ring --degree 4 writes the protocol and topology columns', async () => {
    const out = join(tmp, 'ring');
    const r = await runCli(['--n', '50', '--fanout', '1', '--protocol', 'push', '--topology', 'ring', '--degree', '4', '--trials', '3', '--threads', '1', '--out', out]);
    expect(r.code).toBe(0);
    for (const file of ['trials.csv', 'summary.csv']) {
      const [header, ...rows] = csvRows(readFileSync(join(out, file), 'utf8'));
      const col = (name: string): string => rows[0]![header!.indexOf(name)]!;
      const from = header!.indexOf('opinions');
      expect(header!.slice(from, from + 10)).toEqual(['opinions', 'bias', 'loss_rate', 'crash_recovery', 'stubborn_fraction', 'stubborn_opinion', 'topology', 'degree', 'rewire', 'engine']);
      expect([col('protocol'), col('start'), col('topology'), col('degree'), col('rewire'), col('loss_rate')]).toEqual(['push', 'source', 'ring', '4', '', '']);
    }
  });

  it('--engine count runs n = 1e12 and writes the engine column; agent rows leave it empty', async () => {
    const out = join(tmp, 'count');
    const r = await runCli(['--n', '1000,1e12', '--fanout', '3', '--engine', 'agent,count', '--start', 'near-balanced', '--trials', '2', '--threads', '1', '--out', out]);
    // n = 1e12 on the agent engine is bad input, so run the two engines apart.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --n /);
    const ok = await runCli(['--n', '1e12', '--fanout', '3', '--engine', 'count', '--start', 'near-balanced', '--trials', '2', '--threads', '1', '--out', out]);
    expect(ok.code).toBe(0);
    for (const file of ['trials.csv', 'summary.csv']) {
      const [header, ...rows] = csvRows(readFileSync(join(out, file), 'utf8'));
      const engine = header!.indexOf('engine');
      expect(engine).toBe(header!.indexOf('rewire') + 1);
      expect(rows.map((row) => row[engine])).toEqual(file === 'trials.csv' ? ['count', 'count'] : ['count']);
      expect(rows[0]![header!.indexOf('n')]).toBe('1000000000000');
    }
  });

  it('--engine count with push, or a topology, exits 2 naming --engine', async () => {
    for (const args of [['--protocol', 'push'], ['--topology', 'ring', '--degree', '4'], ['--engine', 'quantum']]) {
      const r = await runCli(['--n', '50', '--fanout', '3', '--engine', 'count', ...args, '--out', join(tmp, 'bad-engine')]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^error: --engine /);
      expect(existsSync(join(tmp, 'bad-engine'))).toBe(false);
    }
  });

  it.each([
    ['--loss', ['--loss', '1.5'], '1.5'],
    ['--topology', ['--topology', 'moebius'], 'moebius'],
    ['--stubborn', ['--stubborn', '0.5'], '0.5'],
    ['--opinions', ['--start', 'plurality', '--opinions', '1'], '1'],
  ])('a bad %s exits 2 naming it', async (flag, args, value) => {
    const out = join(tmp, `bad-${flag.slice(2)}`);
    const r = await runCli(['--n', '50', '--fanout', '3', ...args, '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: ${flag} `));
    expect(lines[0]).toContain(value);
    expect(existsSync(out)).toBe(false);
  });
});
