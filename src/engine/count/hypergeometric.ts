// Exact hypergeometric and multivariate hypergeometric variates for populations below 2^53 (the
// count engine's crash: which classes the crashed agents come from), by rejection from binomials.
import { binomial, binomialLaw, binomialLogRatio, uniform53 } from './binomial.ts';

/**
 * The number of marked items among `draws` drawn without replacement from `total` items of which
 * `marked` are marked: Hyp(total, marked, draws), exactly. With p = draws / total, independent
 * X ~ Bin(marked, p) and Y ~ Bin(total - marked, p) conditioned on X + Y = draws are exactly
 * hypergeometric (the p^draws q^(total - draws) factors cancel). So X is proposed from the smaller
 * group's binomial and accepted with probability f(draws - X) / f(mode), f the pmf of the larger
 * group's binomial ({@link binomialLogRatio}, accurate at 10^15). Acceptance is about
 * sqrt(larger / total) >= 0.7 on average.
 */
export function hypergeometric(total: number, marked: number, draws: number, s: Int32Array): number {
  if (draws === 0 || marked === 0) return 0;
  if (marked === total) return draws;
  if (draws === total) return marked;
  const other = total - marked;
  const small = Math.min(marked, other);
  const large = total - small;
  const p = draws / total;
  const q = (total - draws) / total;
  const flip = p > q;
  const law = binomialLaw(large, flip ? q : p, flip ? p : q);
  for (;;) {
    const x = binomial(small, p, q, s);
    const y = draws - x;
    if (y < 0 || y > large) continue;
    const u = uniform53(s);
    if (Math.log(u) <= binomialLogRatio(law, flip ? large - y : y)) return small === marked ? x : y;
  }
}

/**
 * Draws `draws` items without replacement from classes of sizes `sizes[0..len)` and writes how
 * many came from each into `out` (a chain of hypergeometrics: class i against all later ones).
 */
export function multivariateHypergeometric(sizes: Float64Array, len: number, draws: number, out: Float64Array, s: Int32Array): void {
  let rest = 0;
  for (let i = 0; i < len; i++) rest += sizes[i]!;
  let left = draws;
  for (let i = 0; i < len; i++) {
    const size = sizes[i]!;
    rest -= size;
    const x = i === len - 1 ? left : hypergeometric(size + rest, size, left, s);
    out[i] = x;
    left -= x;
  }
}
