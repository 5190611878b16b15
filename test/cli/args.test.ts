// Tests for argument parsing: every ad hoc flag reaches its grid key, seeds and modes parse,
// and bad values throw UsageError naming the flag.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { adhocSuite, flagOf } from '../../src/cli/adhoc.ts';
import { ADHOC_FLAGS, parseArgs, parseSeed, UsageError, type BenchArgs } from '../../src/cli/args.ts';

/** The run arguments of `argv` (fails the test on help/list). */
function run(argv: string[]): BenchArgs {
  const parsed = parseArgs(argv);
  if (parsed.action !== 'run') throw new Error(`expected a run, got ${parsed.action}`);
  return parsed.args;
}

/** The UsageError thrown by `f`. */
function usage(f: () => unknown): UsageError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('defaults to the default set, seed 1, all cores', () => {
    expect(run([])).toEqual({ suites: null, mode: null, threads: os.availableParallelism(), seed: 1, trials: null, out: null, adhoc: null, strict: false, resume: false, saveBaseline: null, baseline: null, suiteFiles: [], ruleFiles: [], shard: null, shards: null });
  });

  it('reads suites, mode, threads, trials, seed, out and strict', () => {
    expect(run(['--suite', 'a, b', '--quick', '--threads', '3', '--trials', '7', '--seed', 'x y', '--out', 'd', '--strict'])).toEqual({
      suites: ['a', 'b'],
      mode: 'quick',
      threads: 3,
      seed: 'x y',
      trials: 7,
      out: 'd',
      adhoc: null,
      strict: true,
      resume: false,
      saveBaseline: null,
      baseline: null,
      suiteFiles: [],
      ruleFiles: [],
      shard: null,
      shards: null,
    });
  });

  it('collects --suite-file and --rule, repeated or comma-separated', () => {
    const args = run(['--suite-file', 'a.ts,b.mjs', '--suite-file', 'c.js', '--rule', 'r.ts']);
    expect(args.suiteFiles).toEqual(['a.ts', 'b.mjs', 'c.js']);
    expect(args.ruleFiles).toEqual(['r.ts']);
    expect(usage(() => parseArgs(['--suite-file', 'a.ts', '--n', '10'])).flag).toBe('--suite-file');
    expect(usage(() => parseArgs(['--rule', 'a.ts,'])).flag).toBe('--rule');
  });

  it('reads --resume, which needs --out', () => {
    expect(run(['--suite', 'smoke', '--out', 'd', '--resume']).resume).toBe(true);
    expect(usage(() => parseArgs(['--suite', 'smoke', '--resume'])).flag).toBe('--resume');
  });

  it('maps every ad hoc flag to its grid key as a list', () => {
    const argv = ADHOC_FLAGS.flatMap(({ flag, kind }) => [flag, kind === 'number' ? '1,2' : 'a,b']);
    const adhoc = run(argv).adhoc as Record<string, unknown>;
    for (const { key, kind } of ADHOC_FLAGS) expect(adhoc[key]).toEqual(kind === 'number' ? [1, 2] : ['a', 'b']);
  });

  it('accepts numbers in exponent form', () => {
    expect(run(['--n', '1e3', '--fanout', '3']).adhoc?.n).toEqual([1000]);
  });

  it('rejects malformed values naming the flag', () => {
    expect(usage(() => parseArgs(['--n', '10,,x'])).flag).toBe('--n');
    expect(usage(() => parseArgs(['--threshold', 'high'])).flag).toBe('--threshold');
    expect(usage(() => parseArgs(['--threads', '1.5'])).flag).toBe('--threads');
    expect(usage(() => parseArgs(['--trials', '-1'])).flag).toBe('--trials');
    expect(usage(() => parseArgs(['--suite', 'a,a'])).flag).toBe('--suite');
    expect(usage(() => parseArgs(['--n', '10', '--quick'])).flag).toBe('--quick');
    expect(usage(() => parseArgs(['--nope'])).message).toContain('--nope');
  });

  it('returns help and list actions', () => {
    expect(parseArgs(['--help']).action).toBe('help');
    expect(parseArgs(['--list']).action).toBe('list');
  });
});

describe('parseSeed', () => {
  it('keeps canonical safe integers as numbers and anything else as the string', () => {
    expect(parseSeed('42')).toBe(42);
    expect(parseSeed('-3')).toBe(-3);
    expect(parseSeed('007')).toBe('007');
    expect(parseSeed('1e3')).toBe('1e3');
    expect(parseSeed('99999999999999999999')).toBe('99999999999999999999');
    expect(() => parseSeed('')).toThrow(UsageError);
  });
});

describe('adhocSuite', () => {
  it('maps engine parameters back to flags', () => {
    expect(flagOf('maxRounds')).toBe('--max-rounds');
    expect(flagOf('crashFraction')).toBe('--crash');
    expect(usage(() => adhocSuite({ n: [10], fanout: [3], crashRound: [-1], crashFraction: [0.1] }, null)).flag).toBe('--crash-round');
    expect(usage(() => adhocSuite({ n: [10], fanout: [3], protocol: ['gossip'] }, null)).flag).toBe('--protocol');
  });

  it('builds suite adhoc with 100 trials by default', () => {
    const s = adhocSuite({ n: [10, 20], fanout: [3] }, null);
    expect(s).toMatchObject({ name: 'adhoc', trials: 100, grid: { n: [10, 20], fanout: [3] } });
    expect(adhocSuite({ n: [10], fanout: [3] }, 5).trials).toBe(5);
  });
});
