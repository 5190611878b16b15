// Initial opinions: the plurality start's counts, the initial minority, the rumor source.
import { describe, expect, it } from 'vitest';
import { createPopulation, minorityOpinion, planTrial, pluralityCounts, runTrial, trialKey } from '../../src/engine/index.ts';

describe('plurality start', () => {
  it('gives opinion 0 round(n (1 + bias) / (m + bias)) and shares the rest as equally as possible', () => {
    expect(pluralityCounts(100, 4, 0.1)).toEqual([27, 25, 24, 24]);
    expect(pluralityCounts(10, 3, 0)).toEqual([3, 4, 3]);
    expect(pluralityCounts(1000, 2, 1)).toEqual([667, 333]);
    expect(pluralityCounts(5, 10, 0.1)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    for (const [n, m, bias] of [
      [1000, 7, 0.1],
      [17, 255, 3],
      [2, 2, 0],
    ] as const) {
      const c = pluralityCounts(n, m, bias);
      expect(c.length).toBe(m);
      expect(c.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...c.slice(1)) - Math.min(...c.slice(1))).toBeLessThanOrEqual(1);
    }
  });

  it('is what planTrial resolves (default bias 0.1) and what the population holds', () => {
    const plan = planTrial({ n: 1000, fanout: 3, start: 'plurality', opinions: 5 });
    expect(plan.bias).toBe(0.1);
    expect(plan.initialCounts).toEqual(pluralityCounts(1000, 5, 0.1));
    const pop = createPopulation(plan, trialKey(1));
    expect([0, 1, 2, 3, 4].map((o) => pop.opinions.filter((x) => x === o).length)).toEqual(plan.initialCounts);
  });

  it('majority with a clear plurality converges on opinion 0', () => {
    const r = runTrial({ n: 5000, fanout: 5, start: 'plurality', opinions: 6, bias: 1, threshold: 0.99 }, 1);
    expect(r.converged).toBe(true);
    expect(r.winner).toBe(0);
  });
});

describe('initial minority', () => {
  it('is the opinion held by the fewest agents among those held, smallest id on ties', () => {
    expect(minorityOpinion([70, 30])).toBe(1);
    expect(minorityOpinion([10, 30, 10])).toBe(0);
    expect(minorityOpinion([0, 30, 20])).toBe(2);
    expect(minorityOpinion([50, 50])).toBe(0);
  });
});

describe('rumor source', () => {
  it('is the default and only start of the rumor protocols: one informed agent', () => {
    for (const protocol of ['push', 'pull', 'push-pull'] as const) {
      const plan = planTrial({ n: 100, fanout: 2, protocol, split: 0.3 });
      expect(plan).toMatchObject({ start: 'source', initialCounts: [99, 1], split: 0.99 });
      expect(planTrial({ n: 100, fanout: 2, protocol, start: 'source' }).start).toBe('source');
    }
  });
});
