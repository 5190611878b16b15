// The mean-field map against hand-computed values and a large simulation.
import { describe, expect, it } from 'vitest';
import { majorityMap, majorityResponse, meanFieldAgreement, meanFieldRounds, NO_FAULTS, pollingAgreement, pollingMap, stubbornTippingPoint } from '../../src/claims/theory.ts';
import { runTrial } from '../../src/engine/index.ts';

describe('majorityMap', () => {
  it('k = 1: ties keep own opinion, so nothing moves on average', () => {
    expect(majorityMap(0.7, 1)).toBeCloseTo(0.7, 12);
  });

  it('k = 2: own 0 keeps unless both peers say 1; own 1 switches when both say 0', () => {
    const p = 0.7;
    expect(majorityMap(p, 2)).toBeCloseTo(p * (1 - (1 - p) ** 2) + (1 - p) * p * p, 12);
  });

  it('k = 3 at p = 0.7 (hand computed)', () => {
    // own 0 keeps when X >= 1: 1 - 0.3^3; own 1 switches when X >= 3: 0.7^3.
    expect(majorityMap(0.7, 3)).toBeCloseTo(0.7 * (1 - 0.027) + 0.3 * 0.343, 12);
  });

  it('fixed points 0, 1/2, 1 and amplification of a bias', () => {
    for (const k of [1, 2, 3, 5, 8]) {
      expect(majorityMap(0, k)).toBeCloseTo(0, 12);
      expect(majorityMap(1, k)).toBeCloseTo(1, 12);
      expect(majorityMap(0.5, k)).toBeCloseTo(0.5, 12);
      if (k >= 2) expect(majorityMap(0.6, k)).toBeGreaterThan(0.6);
    }
  });

  it('predicts the engine at n = 10^5 after one and two rounds', () => {
    const r = runTrial({ n: 100_000, fanout: 5, split: 0.7, threshold: 1, maxRounds: 2, recordAgreement: true }, 3);
    const theory = meanFieldAgreement(0.7, 5, 2);
    expect(r.agreement![0]).toBeCloseTo(theory[0]!, 2);
    expect(r.agreement![1]).toBeCloseTo(theory[1]!, 2);
  });

  it('rounds to the threshold', () => {
    expect(meanFieldRounds(0.7, 5, 0.95, 50)).toBe(2);
    expect(meanFieldRounds(0.5, 5, 0.95, 50)).toBeNull();
    expect(meanFieldRounds(0.5 + 1 / 2000, 5, 0.95, 100)).toBeGreaterThan(meanFieldRounds(0.5 + 1 / 20, 5, 0.95, 100)!);
  });
});

describe('mean-field theory under faults', () => {
  const n = 100_000;

  it('the multinomial response reduces to the binomial map when every contact answers', () => {
    for (const k of [1, 2, 3, 5, 8]) {
      for (const p of [0.3, 0.55, 0.7]) {
        const [keep0, switch0] = majorityResponse(p, 1 - p, k);
        expect(p * keep0 + (1 - p) * switch0).toBeCloseTo(majorityMap(p, k), 12);
      }
    }
  });

  it('no answers: everyone keeps their opinion (loss 1 changes nothing)', () => {
    expect(majorityResponse(0, 0, 5)).toEqual([1, 0]);
    const a = meanFieldAgreement(0.7, 5, 10, { ...NO_FAULTS, lossRate: 1 });
    for (const x of a) expect(x).toBeCloseTo(0.7, 12);
  });

  it('k = 2 with loss q (hand computed): own 1 switches only when both answers are 0', () => {
    const [p, q] = [0.7, 0.25];
    const a0 = (1 - q) * p;
    const a1 = (1 - q) * (1 - p);
    const [keep0, switch0] = majorityResponse(a0, a1, 2);
    // Own 0 loses only to two answers of 1; own 1 switches on two answers of 0.
    expect(keep0).toBeCloseTo(1 - a1 * a1, 12);
    expect(switch0).toBeCloseTo(a0 * a0, 12);
  });

  it('loss slows the rule down and costs rounds, monotonically', () => {
    const rounds = [0, 0.2, 0.4, 0.6, 0.8].map((q) => meanFieldRounds(0.7, 5, 0.95, 100, { ...NO_FAULTS, lossRate: q })!);
    expect(rounds).toEqual([2, 3, 3, 5, 12]);
  });

  it('predicts the engine with loss, crashes (with and without recovery) and stubborn agents at n = 10^5', () => {
    const cases = [
      { params: { lossRate: 0.6 }, faults: { ...NO_FAULTS, lossRate: 0.6 } },
      { params: { crashFraction: 0.5, crashRound: 1 }, faults: { ...NO_FAULTS, crashShare: 0.5, crashRound: 1 } },
      { params: { crashFraction: 0.5, crashRound: 1, crashRecovery: 2 }, faults: { ...NO_FAULTS, crashShare: 0.5, crashRound: 1, crashRecovery: 2 } },
      { params: { stubbornFraction: 0.2 }, faults: { ...NO_FAULTS, stubbornShare: 0.2 } },
    ];
    for (const { params, faults } of cases) {
      // A 0.6 split moves slowly enough for every round to tell the faults apart.
      const r = runTrial({ n, fanout: 3, split: 0.6, threshold: 1, maxRounds: 5, recordAgreement: true, ...params }, 11);
      const theory = meanFieldAgreement(0.6, 3, 5, faults);
      for (let i = 0; i < 5; i++) expect(r.agreement![i], `${JSON.stringify(params)} round ${i + 1}`).toBeCloseTo(theory[i]!, 2);
    }
  });

  it('stubborn minority agents tip the network at the mean-field point, and the engine agrees', () => {
    const s = stubbornTippingPoint(0.7, 5)!;
    expect(s).toBeCloseTo(0.26835, 4);
    // k = 3 tips at 1/4 (to the bisection's 1e-6).
    expect(stubbornTippingPoint(0.7, 3)!).toBeCloseTo(0.25, 5);
    // No stubborn share tips a 0.9 split with k = 5: at most 0.1 hold opinion 1.
    expect(stubbornTippingPoint(0.9, 5)).toBeNull();
    const run = (stubbornFraction: number) => runTrial({ n, fanout: 5, split: 0.7, threshold: 1, maxRounds: 150, stubbornFraction }, 5);
    expect(run(s - 0.02).leader).toBe(0);
    expect(run(s + 0.02).leader).toBe(1);
  });
});

describe('mean-field polling rules', () => {
  it('two opinions: 3-majority is p^3 + 3p^2(1-p), 2-choices p(1-(1-p)^2) + (1-p)p^2', () => {
    const [p, q] = [0.6, 0.4];
    expect(pollingMap('3-majority', [p, q])[0]).toBeCloseTo(p ** 3 + 3 * p * p * q, 12);
    expect(pollingMap('2-choices', [p, q])[0]).toBeCloseTo(p * (1 - q * q) + q * p * p, 12);
  });

  it('keeps shares summing to 1 and amplifies the plurality', () => {
    const p0 = [0.28, 0.25, 0.2, 0.15, 0.12];
    for (const protocol of ['3-majority', '2-choices'] as const) {
      const p1 = pollingMap(protocol, p0);
      expect(p1.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(p1[0]! / p1[1]!).toBeGreaterThan(p0[0]! / p0[1]!);
    }
  });

  it('the two rules have the same mean-field map (they differ only in their fluctuations)', () => {
    const p0 = [0.3, 0.26, 0.24, 0.2];
    const a = pollingMap('3-majority', p0);
    const b = pollingMap('2-choices', p0);
    for (let i = 0; i < p0.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 12);
  });

  it('predicts the engine from a plurality start at n = 10^6', () => {
    for (const protocol of ['3-majority', '2-choices'] as const) {
      const r = runTrial({ n: 1_000_000, fanout: 3, protocol, start: 'plurality', opinions: 3, bias: 0.5, threshold: 1, maxRounds: 4, recordAgreement: true }, 2);
      // c0 = round(n 1.5 / 3.5), the rest split evenly.
      const c0 = Math.round((1e6 * 1.5) / 3.5);
      const theory = pollingAgreement(protocol, [c0 / 1e6, (1e6 - c0) / 2e6, (1e6 - c0) / 2e6], 4);
      for (let i = 0; i < 4; i++) expect(r.agreement![i], `${protocol} round ${i + 1}`).toBeCloseTo(theory[i]!, 2);
    }
  });
});
