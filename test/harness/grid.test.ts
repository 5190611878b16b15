// Tests for grid expansion: cartesian product in odometer order, lists of records, canonical
// keys (defaults filled, ignored parameters dropped) and deduplication.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/engine/errors.ts';
import { expandGrid, expandRecord, GRID_KEYS, resolvePoint } from '../../src/harness/grid.ts';

describe('expandRecord', () => {
  it('walks the cartesian product in odometer order (n slowest)', () => {
    const points = expandRecord({ n: [10, 100], fanout: [3, 5], split: [0.6, 0.7] });
    expect(points.map((p) => [p.params.n, p.params.fanout, p.params.split])).toEqual([
      [10, 3, 0.6],
      [10, 3, 0.7],
      [10, 5, 0.6],
      [10, 5, 0.7],
      [100, 3, 0.6],
      [100, 3, 0.7],
      [100, 5, 0.6],
      [100, 5, 0.7],
    ]);
  });

  it('follows the canonical key order whatever the order of the record', () => {
    const a = expandRecord({ split: [0.6, 0.7], fanout: [3, 5], n: 10 });
    const b = expandRecord({ n: 10, fanout: [3, 5], split: [0.6, 0.7] });
    expect(a.map((p) => p.key)).toEqual(b.map((p) => p.key));
  });

  it('treats a single value like a one-element list', () => {
    expect(expandRecord({ n: 10, fanout: 3 })).toEqual(expandRecord({ n: [10], fanout: [3] }));
  });

  it('throws the engine ParameterError for a point out of its domain', () => {
    expect(() => expandRecord({ n: [10, 1], fanout: 3 })).toThrow(ParameterError);
    expect(() => expandRecord({ fanout: 3 })).toThrow(ParameterError);
  });
});

describe('expandGrid', () => {
  it('concatenates the points of a list of records (not a product)', () => {
    const points = expandGrid([
      { n: 10, fanout: 3 },
      { n: 50, fanout: 5 },
      { n: 100, fanout: 5 },
    ]);
    expect(points.map((p) => [p.params.n, p.params.fanout])).toEqual([
      [10, 3],
      [50, 5],
      [100, 5],
    ]);
  });

  it('drops points whose key already appeared', () => {
    const points = expandGrid([
      { n: 10, fanout: [3, 5] },
      { n: 10, fanout: 5, threshold: 0.95 },
      { n: 10, fanout: 3, start: 'near-balanced', split: [0.6, 0.7] },
    ]);
    expect(points.map((p) => p.key)).toHaveLength(3);
  });
});

describe('point keys', () => {
  it('are equal with and without the defaults given', () => {
    const implicit = resolvePoint({ n: 100, fanout: 5 });
    const explicit = resolvePoint({
      n: 100,
      fanout: 5,
      threshold: 0.95,
      maxRounds: 100,
      start: 'split',
      split: 0.7,
      crashFraction: 0,
      crashRound: 0,
      protocol: 'majority',
    });
    expect(implicit.key).toBe(explicit.key);
    expect(implicit.params).toEqual(explicit.params);
  });

  it('name every resolved parameter in canonical order', () => {
    expect(resolvePoint({ n: 10, fanout: 3 }).key).toBe(
      'n=10;fanout=3;threshold=0.95;maxRounds=100;start=split;split=0.7;crashFraction=0;protocol=majority',
    );
    const crash = resolvePoint({ n: 10, fanout: 3, crashFraction: 0.2, crashRound: 2 }).key;
    const names = crash.split(';').map((kv) => kv.split('=')[0]);
    expect(names).toEqual(GRID_KEYS.filter((k) => names.includes(k)));
    expect(crash).toContain('crashRound=2');
  });

  it('drop split for the near-balanced start and crashRound without crashes', () => {
    expect(resolvePoint({ n: 10, fanout: 3, start: 'near-balanced', split: 0.6 }).key).toBe(
      resolvePoint({ n: 10, fanout: 3, start: 'near-balanced' }).key,
    );
    const p = resolvePoint({ n: 10, fanout: 3, crashRound: 4 });
    expect(p.key).toBe(resolvePoint({ n: 10, fanout: 3 }).key);
    expect(p.params.crashRound).toBe(0);
    expect(p.plan.crashRound).toBe(0);
  });

  it('differ when a parameter differs', () => {
    expect(resolvePoint({ n: 10, fanout: 3 }).key).not.toBe(resolvePoint({ n: 10, fanout: 3, threshold: 0.9 }).key);
  });
});
