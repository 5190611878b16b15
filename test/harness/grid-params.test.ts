// Tests that the parameters added after the seed's (protocols, plurality, faults, topologies)
// reach a point's key and params only where they matter, so older point keys stay byte-identical.
import { describe, expect, it } from 'vitest';
import { checkClaims, type PointMeasurements } from '../../src/claims/check.ts';
import { ClaimError, validateClaim } from '../../src/claims/claim.ts';
import { expandGrid, resolvePoint } from '../../src/harness/grid.ts';
import { SuiteError, validateSuite } from '../../src/harness/suite.ts';
import { ParameterError } from '../../src/engine/errors.ts';

const SEED_KEY = 'n=100;fanout=3;threshold=0.95;maxRounds=100;start=split;split=0.7;crashFraction=0;protocol=majority';

describe('point keys with the new parameters', () => {
  it('leave a seed-style key unchanged when the new parameters are at their defaults', () => {
    const defaults = resolvePoint({
      n: 100,
      fanout: 3,
      lossRate: 0,
      crashRecovery: 5,
      stubbornFraction: 0,
      topology: 'complete',
      degree: 8,
      rewire: 0.3,
      opinions: 4,
      bias: 0.2,
    });
    expect(defaults.key).toBe(SEED_KEY);
    expect(resolvePoint({ n: 100, fanout: 3 }).key).toBe(SEED_KEY);
    expect(Object.keys(defaults.params).sort()).toEqual(['crashFraction', 'crashRound', 'fanout', 'maxRounds', 'n', 'protocol', 'split', 'start', 'threshold']);
  });

  it('name a parameter that differs from its default, after protocol, and pass it on', () => {
    const ring = resolvePoint({ n: 100, fanout: 3, topology: 'ring', degree: 4 });
    expect(ring.key).toBe(`${SEED_KEY};topology=ring;degree=4`);
    expect(ring.params).toMatchObject({ topology: 'ring', degree: 4 });
    expect(resolvePoint({ n: 100, fanout: 3, topology: 'ws', degree: 8 }).key).toBe(`${SEED_KEY};topology=ws;degree=8;rewire=0.1`);
    expect(resolvePoint({ n: 100, fanout: 3, topology: 'torus' }).key).toBe(`${SEED_KEY};topology=torus`);
    expect(resolvePoint({ n: 100, fanout: 3, lossRate: 0.2 }).key).toBe(`${SEED_KEY};lossRate=0.2`);
    expect(resolvePoint({ n: 100, fanout: 3, stubbornFraction: 0.1 }).key).toBe(`${SEED_KEY};stubbornFraction=0.1;stubbornOpinion=1`);
    const crash = resolvePoint({ n: 100, fanout: 3, crashFraction: 0.1, crashRound: 1, crashRecovery: 3 });
    expect(crash.key).toBe(`n=100;fanout=3;threshold=0.95;maxRounds=100;start=split;split=0.7;crashFraction=0.1;crashRound=1;protocol=majority;crashRecovery=3`);
    const plurality = resolvePoint({ n: 100, fanout: 3, start: 'plurality', opinions: 3, protocol: '3-majority' });
    expect(plurality.key).toBe('n=100;fanout=3;threshold=0.95;maxRounds=100;start=plurality;crashFraction=0;protocol=3-majority;opinions=3;bias=0.1');
    expect(plurality.plan.initialCounts).toHaveLength(3);
    expect(resolvePoint({ n: 100, fanout: 1, protocol: 'push' }).key).toBe('n=100;fanout=1;threshold=0.95;maxRounds=100;start=source;crashFraction=0;protocol=push');
  });

  it('sweep the new keys in a grid, dropping points that resolve alike', () => {
    const keys = expandGrid({ n: 100, fanout: 3, lossRate: [0, 0.5], crashRecovery: [0, 3] }).map((p) => p.key);
    expect(keys).toEqual([SEED_KEY, `${SEED_KEY};lossRate=0.5`]);
  });
});

describe('suite and claim validation of the new keys', () => {
  it('accepts the new grid keys and starts, and rejects a bad topology naming the key', () => {
    const suite = { name: 'ok', description: 'd', trials: 1, claims: [], grid: { n: 16, fanout: 2, topology: ['ring', 'torus'], start: 'split' } };
    expect(validateSuite(suite).name).toBe('ok');
    const bad = () => validateSuite({ ...suite, grid: { n: 16, fanout: 2, topology: 'moebius' } });
    expect(bad).toThrow(SuiteError);
    try {
      bad();
    } catch (e) {
      expect((e as SuiteError).key).toBe('grid.topology');
    }
  });

  it('filters claims by protocol, topology, loss, stubborn fraction and opinions', () => {
    expect(() => validateClaim({ kind: 'bound', id: 'x', description: 'd', metric: 'rounds', comparator: '<', value: 1, at: { protocol: 'gossip' } }, 'c')).toThrow(ClaimError);
    const point = (params: Parameters<typeof resolvePoint>[0]): PointMeasurements => {
      const p = resolvePoint(params);
      return { suite: 's', point: 0, params: p.params, plan: p.plan, values: { rounds: [1, 1], messages: [1, 1], final_agreement: [1, 1], converged: [1, 1], winner0: [1, 1], leader0: [1, 1] } };
    };
    const points = [point({ n: 100, fanout: 1, protocol: 'push' }), point({ n: 100, fanout: 3, topology: 'ring', degree: 4, lossRate: 0.2 })];
    const at = (filter: object) =>
      checkClaims('s', [{ kind: 'bound', id: 'x', description: 'd', metric: 'rounds', comparator: '<', value: 2, at: filter }], points).results.length;
    expect(at({ protocol: 'push' })).toBe(1);
    expect(at({ protocol: 'majority' })).toBe(1);
    expect(at({ topology: 'complete' })).toBe(1);
    expect(at({ topology: 'ring', lossRate: 0.2 })).toBe(1);
    expect(at({ lossRate: 0 })).toBe(1);
    expect(at({ stubbornFraction: 0 })).toBe(2);
    expect(at({ opinions: 3 })).toBe(0);
    expect(at({ engine: 'agent' })).toBe(2);
    expect(at({ engine: 'count' })).toBe(0);
    points.push(point({ n: 100, fanout: 3, engine: 'count' }));
    expect(at({ engine: 'count' })).toBe(1);
    expect(() => validateClaim({ kind: 'bound', id: 'x', description: 'd', metric: 'rounds', comparator: '<', value: 1, at: { engine: 'gpu' } }, 'c')).toThrow(ClaimError);
  });
});

describe('grid key engine', () => {
  it('agent (the default) leaves the key and params as before; count is named last', () => {
    const base = { n: 1000, fanout: 3, split: 0.7 };
    expect(resolvePoint({ ...base, engine: 'agent' }).key).toBe(resolvePoint(base).key);
    expect(resolvePoint({ ...base, engine: 'agent' }).params).toEqual(resolvePoint(base).params);
    const count = resolvePoint({ ...base, engine: 'count' });
    expect(count.key).toBe(`${resolvePoint(base).key};engine=count`);
    expect(count.params.engine).toBe('count');
    expect(count.plan.engine).toBe('count');
  });

  it('count takes n up to 2^53 - 1; agent stops at 2^31 - 1; count refuses push and topologies', () => {
    expect(resolvePoint({ n: 1e15, fanout: 3, engine: 'count' }).plan.n).toBe(1e15);
    expect(() => resolvePoint({ n: 1e15, fanout: 3 })).toThrow(ParameterError);
    for (const extra of [{ protocol: 'push' }, { protocol: 'push-pull' }, { topology: 'ring', degree: 4 }] as const) {
      try {
        resolvePoint({ n: 100, fanout: 3, engine: 'count', ...extra });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).parameter).toBe('engine');
      }
    }
    expect(() => resolvePoint({ n: 100, fanout: 3, engine: 'turbo' as 'count' })).toThrow(ParameterError);
  });
});
