// Property-based test (fast-check) of bad input: a valid ad hoc command with one flag given a
// random bad value, run in-process, always exits 2 with one `error:` line naming that flag, and
// writes nothing (the --out folder and its parent are never created).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from './cli.ts';

/** Runs: modest by default, more with GOSSIP_RELIABILITY_FULL=1. */
const RUNS = process.env['GOSSIP_RELIABILITY_FULL'] === '1' ? 1000 : 150;
const SEED = 20261125;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-bad-prop-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Numbers as flag text. */
const text = (x: number): string => String(x);
/** Finite doubles that are not integers. */
const fraction = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x));
/** Text that is no number at all: empty items, words, NaN, Infinity. */
const notNumber = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', '1,,2', 'abc', '0x10', '1e', '--'),
  fc.string({ minLength: 1, maxLength: 6 }).map((s) => `x${s}`),
);
/** Words that are none of `valid` (after trimming each comma-separated item). */
const notOneOf = (valid: readonly string[]): fc.Arbitrary<string> =>
  fc.string({ maxLength: 12 }).filter((s) => s.split(',').some((item) => !valid.includes(item.trim())));
/** Integers below `min`. */
const below = (min: number): fc.Arbitrary<number> => fc.integer({ min: -1e9, max: min - 1 });

/** Per flag: bad values, and extra flags that make the value matter. */
const BAD: [flag: string, values: fc.Arbitrary<string>, extra: string[]][] = [
  ['--n', fc.oneof(below(2).map(text), fraction(2, 1e6).map(text), fc.constant(String(2 ** 31)), notNumber), []],
  ['--fanout', fc.oneof(below(1).map(text), fraction(1, 1e3).map(text), notNumber), []],
  ['--threshold', fc.oneof(fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }).map(text), fc.double({ min: 1, minExcluded: true, max: 1e9, noNaN: true }).map(text), notNumber), []],
  ['--max-rounds', fc.oneof(below(1).map(text), fraction(1, 1e3).map(text), notNumber), []],
  ['--split', fc.oneof(fc.double({ max: 0, maxExcluded: true, min: -1e9, noNaN: true }).map(text), fc.double({ min: 1, minExcluded: true, max: 1e9, noNaN: true }).map(text), notNumber), []],
  ['--crash', fc.oneof(fc.double({ max: 0, maxExcluded: true, min: -1e9, noNaN: true }).map(text), fc.double({ min: 1, max: 1e9, noNaN: true }).map(text), notNumber), []],
  ['--crash-round', fc.oneof(below(0).map(text), fraction(0, 100).map(text), notNumber), ['--crash', '0.1']],
  ['--start', notOneOf(['split', 'near-balanced']), []],
  ['--protocol', notOneOf(['majority']), []],
  ['--trials', fc.oneof(below(1).map(text), fraction(1, 1e3).map(text), notNumber), []],
  ['--threads', fc.oneof(below(1).map(text), fc.integer({ min: 257, max: 1e6 }).map(text), fraction(1, 256).map(text), notNumber), []],
];

/** One bad case: the flag, its value (possibly inside an otherwise valid list), the extra flags. */
const badCase = fc
  .oneof(...BAD.map(([flag, values, extra]) => fc.tuple(fc.constant(flag), values, fc.constant(extra), fc.boolean())))
  .map(([flag, value, extra, inList]) => ({
    flag,
    // A bad item after a valid one (lists only; the run flags take one value).
    value: inList && !['--trials', '--threads'].includes(flag) && value !== '' ? `${goodItem(flag)},${value}` : value,
    extra,
  }));

/** A valid list item for a grid flag. */
function goodItem(flag: string): string {
  return { '--start': 'split', '--protocol': 'majority', '--threshold': '0.9', '--split': '0.5', '--crash': '0.1' }[flag] ?? '3';
}

describe('bad input (property-based)', () => {
  it('any bad flag value exits 2, names the flag, and writes nothing', async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(badCase, async ({ flag, value, extra }) => {
        const parent = join(tmp, `case-${i++}`);
        const base = ['--n', '10', '--fanout', '3', '--trials', '1', '--threads', '1', ...extra].filter(
          (_, k, all) => all[k] !== flag && all[k - 1] !== flag,
        );
        const result = await runInProcess([...base, `${flag}=${value}`, '--out', join(parent, 'out')]);
        expect(result.code).toBe(2);
        const lines = result.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^error: /);
        expect(lines[0]).toContain(flag);
        expect(result.stdout).toBe('');
        expect(existsSync(parent)).toBe(false);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
