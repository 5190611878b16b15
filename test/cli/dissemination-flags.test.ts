// The dissemination flags through the real CLI (issue 13): a memberlist / rumor-mongering run
// writes their parameter and metric columns, and a bad value exits 2 naming the flag.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { csvRows } from './snapshot.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-dissemination-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dissemination flags', () => {
  it('--protocol memberlist,rumor-mongering --timing timers --k 2 --retransmit-mult 3 --interval 0.5 writes their columns', async () => {
    const out = join(tmp, 'run');
    const r = await runCli([
      '--n', '200', '--fanout', '3', '--protocol', 'memberlist,rumor-mongering', '--timing', 'timers', '--k', '2', '--retransmit-mult', '3',
      '--interval', '0.5', '--feedback', 'blind', '--removal', 'counter', '--trials', '4', '--threads', '1', '--out', out,
    ]);
    expect(r.code).toBe(0);
    const [header, ...rows] = csvRows(readFileSync(join(out, 'trials.csv'), 'utf8'));
    expect(rows).toHaveLength(8);
    const cell = (row: number, name: string): string => rows[row]![header!.indexOf(name)]!;
    // memberlist: its own parameters only; rumor mongering: its own.
    expect(['feedback', 'removal', 'k', 'retransmit_mult', 'timing', 'interval'].map((c) => cell(0, c))).toEqual(['', '', '', '3', 'timers', '0.5']);
    expect(['feedback', 'removal', 'k', 'retransmit_mult', 'timing', 'interval'].map((c) => cell(4, c))).toEqual(['blind', 'counter', '2', '', 'timers', '0.5']);
    for (let t = 0; t < 8; t++) {
      const residue = Number(cell(t, 'residue'));
      expect(residue).toBeGreaterThanOrEqual(0);
      expect(cell(t, 'mean_informed_round')).not.toBe('');
      // Reached every live node exactly when the residue is 0.
      expect(cell(t, 'seconds_to_all') === '').toBe(residue > 0);
    }
    const [sh, ...srows] = csvRows(readFileSync(join(out, 'summary.csv'), 'utf8'));
    const scell = (row: number, name: string): string => srows[row]![sh!.indexOf(name)]!;
    expect(Number(scell(0, 'theory_seconds_to_9999'))).toBeGreaterThan(0);
    expect(scell(1, 'theory_seconds_to_9999')).toBe('');
    expect(Number(scell(1, 'theory_residue_from_traffic'))).toBeGreaterThan(0);
  });

  it.each([
    ['--timing', ['--protocol', 'memberlist', '--timing', 'clock'], 'clock'],
    ['--retransmit-mult', ['--protocol', 'memberlist', '--retransmit-mult', '0'], '0'],
    ['--k', ['--protocol', 'rumor-mongering', '--k', '0'], '0'],
    ['--interval', ['--protocol', 'memberlist', '--interval', '-1'], '-1'],
    ['--feedback', ['--protocol', 'rumor-mongering', '--feedback', 'loud'], 'loud'],
    ['--removal', ['--protocol', 'rumor-mongering', '--removal', 'dice'], 'dice'],
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
