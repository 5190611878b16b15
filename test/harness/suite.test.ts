// Tests for suite declarations: the registry's suites validate, variants replace grid and
// trials, and bad declarations throw SuiteError naming the suite, the key and the value.
import { describe, expect, it } from 'vitest';
import { defaultRun, suites } from '../../suites/index.ts';
import { expandGrid } from '../../src/harness/grid.ts';
import { SuiteError, suiteVariant, validateSuite, type Suite } from '../../src/harness/suite.ts';

const good = (): Record<string, unknown> => ({
  name: 'ok',
  description: 'fine',
  grid: { n: [10, 100], fanout: 3 },
  trials: 5,
  claims: [],
});

/** The SuiteError thrown by validating `value`. */
function suiteError(value: unknown): SuiteError {
  try {
    validateSuite(value, 'test.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(SuiteError);
    return error as SuiteError;
  }
  throw new Error('expected a SuiteError');
}

describe('validateSuite', () => {
  it('accepts a good suite and returns it', () => {
    const s = good();
    expect(validateSuite(s)).toBe(s);
  });

  it('rejects an unknown top-level key', () => {
    const e = suiteError({ ...good(), trails: 5 });
    expect([e.suite, e.key, e.value]).toEqual(['ok', 'trails', 5]);
  });

  it('rejects an unknown grid key', () => {
    const e = suiteError({ ...good(), grid: { n: 10, fanout: 3, fanOut: 4 } });
    expect([e.suite, e.key, e.value]).toEqual(['ok', 'grid.fanOut', 4]);
  });

  it('rejects a wrong type', () => {
    let e = suiteError({ ...good(), grid: { n: ['10'], fanout: 3 } });
    expect([e.key, e.value]).toEqual(['grid.n', '10']);
    e = suiteError({ ...good(), trials: 2.5 });
    expect([e.key, e.value]).toEqual(['trials', 2.5]);
    e = suiteError({ ...good(), grid: [{ n: 10, fanout: 3 }, { n: 10, fanout: 3, start: 'sideways' }] });
    expect([e.key, e.value]).toEqual(['grid[1].start', 'sideways']);
    e = suiteError({ ...good(), claims: [{ id: 'x' }] });
    expect([e.key, e.value]).toEqual(['claims[0].description', undefined]);
    e = suiteError({ ...good(), claims: [{ kind: 'bound', id: 'x', description: 'd', metric: 'speed', comparator: '<', value: 1, at: {} }] });
    expect([e.suite, e.key, e.value]).toEqual(['ok', 'claims[0].metric', 'speed']);
  });

  it('rejects a missing field', () => {
    const without = (key: string): Record<string, unknown> => Object.fromEntries(Object.entries(good()).filter(([k]) => k !== key));
    let e = suiteError(without('trials'));
    expect([e.suite, e.key, e.value]).toEqual(['ok', 'trials', undefined]);
    e = suiteError(without('claims'));
    expect(e.key).toBe('claims');
    e = suiteError({ ...good(), grid: { n: 10 } });
    expect([e.key, e.value]).toEqual(['grid.fanout', undefined]);
    e = suiteError(without('name'));
    expect([e.suite, e.key]).toEqual(['test.ts', 'name']);
  });

  it('rejects a point the engine rejects, in any variant', () => {
    let e = suiteError({ ...good(), grid: { n: [10, 1], fanout: 3 } });
    expect([e.key, e.value]).toEqual(['grid.n', 1]);
    e = suiteError({ ...good(), quick: { grid: { n: 10, fanout: 3, threshold: 1.5 } } });
    expect([e.key, e.value]).toEqual(['quick.grid.threshold', 1.5]);
    e = suiteError({ ...good(), full: { trials: 0 } });
    expect([e.key, e.value]).toEqual(['full.trials', 0]);
    e = suiteError({ ...good(), full: { grid: [] } });
    expect(e.key).toBe('full.grid');
  });

  it('names suite, key and value in the message', () => {
    const e = suiteError({ ...good(), grid: { n: 10, fanout: 0 } });
    expect(e.message).toContain('"ok"');
    expect(e.message).toContain('grid.fanout');
    expect(e.message).toContain('(got 0)');
  });
});

describe('the registry', () => {
  it('holds valid suites with unique names, and a default set of known suites', () => {
    const names = suites.map((s, i) => validateSuite(s, `entry ${i}`).name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['smoke', 'seed-claims', 'scaling', 'fanout', 'thresholds', 'throughput', 'rumor', 'plurality', 'faults', 'topology', 'extreme', 'deployed']);
    for (const entry of defaultRun) expect(names).toContain(entry.suite);
  });

  it('has the seed table as three points, not a product', () => {
    const seed = suites.find((s) => s.name === 'seed-claims') as Suite;
    const points = expandGrid(suiteVariant(seed, 'default').grid);
    expect(points.map((p) => [p.plan.n, p.plan.fanout, p.plan.split, p.plan.threshold, p.plan.maxRounds])).toEqual([
      [10, 3, 0.7, 0.95, 50],
      [50, 5, 0.7, 0.95, 50],
      [100, 5, 0.7, 0.95, 50],
    ]);
    expect(suiteVariant(seed, 'default').trials).toBe(2000);
    expect(suiteVariant(seed, 'quick').trials).toBe(200);
  });

  it('lets variants replace grid and trials', () => {
    const scaling = suites.find((s) => s.name === 'scaling') as Suite;
    const maxN = (mode: 'default' | 'quick' | 'full'): number =>
      Math.max(...expandGrid(suiteVariant(scaling, mode).grid).map((p) => p.plan.n));
    expect([maxN('quick'), maxN('default'), maxN('full')]).toEqual([1e5, 1e6, 1e7]);
    expect(['quick', 'default', 'full'].map((m) => suiteVariant(scaling, m as 'quick').trials)).toEqual([20, 100, 200]);
  });
});

describe('suite kind', () => {
  it('accepts trials and throughput, rejects anything else', () => {
    const base = { name: 'k', description: '', grid: { n: 10, fanout: 3 }, trials: 1, claims: [] };
    expect(validateSuite({ ...base, kind: 'throughput' }).kind).toBe('throughput');
    expect(validateSuite({ ...base, kind: 'trials' }).kind).toBe('trials');
    expect(() => validateSuite({ ...base, kind: 'latency' })).toThrow(SuiteError);
  });
});
