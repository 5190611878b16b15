// Precision of the count engine's outcome law at n = 1e12 and 1e15: against exact rational
// arithmetic (BigInt), each switch probability to 1e-13 and, from a near-balanced start (lead
// sqrt(n)), the difference of the two switch probabilities (the drift, ~1e-6 of them) to 1e-6.
import { describe, expect, it } from 'vitest';
import { nearBalancedZeros, outcomeLaw, outcomeModel } from '../../../src/engine/index.ts';

/** n! / (n - c)! as a BigInt. */
function falling(n: bigint, c: number): bigint {
  let out = 1n;
  for (let t = 0; t < c; t++) out *= n - BigInt(t);
  return out;
}

function choose(n: number, c: number): bigint {
  return falling(BigInt(n), c) / falling(BigInt(c), c);
}

/**
 * Exact P(an agent holding `own` switches) under the seed's majority with k distinct peers among
 * the others (zeros, ones, no crashes), as numerator and denominator: sum over c1 of
 * C(k, c1) ff(A1, c1) ff(A0, k - c1) / ff(T, k) where the other opinion wins (c_other > 1 + c_own).
 */
function exactSwitch(zeros: number, ones: number, own: 0 | 1, k: number): { num: bigint; den: bigint } {
  const a0 = BigInt(zeros - (own === 0 ? 1 : 0));
  const a1 = BigInt(ones - (own === 1 ? 1 : 0));
  const t = a0 + a1;
  let num = 0n;
  for (let c1 = 0; c1 <= k; c1++) {
    const c0 = k - c1;
    const mine = own === 0 ? c0 : c1;
    const other = own === 0 ? c1 : c0;
    if (other > 1 + mine) num += choose(k, c1) * falling(a1, c1) * falling(a0, c0);
  }
  return { num, den: falling(t, k) };
}

/** num / den as a double, correctly rounded to far better than 1e-15. */
const ratio = (num: bigint, den: bigint): number => Number((num * 10n ** 40n) / den) / 1e40;

describe('count engine precision against exact rationals', () => {
  for (const n of [1e12, 1e15]) {
    for (const k of [3, 5, 8]) {
      it(`n = ${n}, k = ${k}, near-balanced: switch probabilities to 1e-13, their difference to 1e-6`, () => {
        const zeros = nearBalancedZeros(n);
        const ones = n - zeros;
        const model = outcomeModel('majority', 2, k, n, 0);
        const answering = Float64Array.from([zeros, ones]);
        const out = new Float64Array(2);
        outcomeLaw(model, answering, 0, 0, out);
        const p01 = out[1]!;
        outcomeLaw(model, answering, 0, 1, out);
        const p10 = out[0]!;
        const e01 = exactSwitch(zeros, ones, 0, k);
        const e10 = exactSwitch(zeros, ones, 1, k);
        const x01 = ratio(e01.num, e01.den);
        const x10 = ratio(e10.num, e10.den);
        expect(Math.abs(p01 / x01 - 1)).toBeLessThan(1e-13);
        expect(Math.abs(p10 / x10 - 1)).toBeLessThan(1e-13);
        // The drift: exactly, with a common denominator (the two denominators are equal).
        expect(e01.den).toBe(e10.den);
        const drift = ratio(e10.num - e01.num, e01.den);
        expect(drift).toBeGreaterThan(0);
        expect(Math.abs((p10 - p01) / drift - 1)).toBeLessThan(1e-6);
      });
    }
  }
});
