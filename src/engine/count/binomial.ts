// Exact binomial variates for any n below 2^53, drawn from a seeded xoshiro128** stream: inversion
// while the smaller mean is under 30, BTPE (Kachitvichyanukul and Schmeiser 1988) beyond, with
// every near-cancelling difference rewritten so that doubles keep it at n = 10^15.
import { nextU32 } from '../rng.ts';

/** 2^-53: a 53-bit integer times this is a double in [0, 1). */
const TWO_POW_M53 = 1.1102230246251565e-16;
/** Veltkamp's splitter for doubles: 2^27 + 1. */
const SPLITTER = 134217729;
/** Below this smaller mean (min(p, q) n) the sampler inverts the cdf, above it runs BTPE. */
export const INVERSION_MAX_MEAN = 30;
/** 0.5 ln(2 pi), Stirling's constant. */
const HALF_LOG_2PI = 0.9189385332046728;

/**
 * A uniform double in [0, 1) with 53 random bits: the top 27 bits of one xoshiro128** output and
 * the top 26 of the next. The count engine's only source of randomness (a 32-bit uniform would
 * cut the binomial tails off beyond 2^-32).
 */
export function uniform53(s: Int32Array): number {
  const a = nextU32(s) >>> 5;
  const b = nextU32(s) >>> 6;
  return (a * 67108864 + b) * TWO_POW_M53;
}

/**
 * The rounding error of the product `hi = a * b` (Dekker's two-product without a fused
 * multiply-add): a * b = hi + lo exactly, for |a|, |b| < 2^970.
 */
export function twoProductError(a: number, b: number, hi: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - hi + ah * bl + al * bh + al * bl;
}

/** floor(hi + lo) for an exact sum hi + lo with |lo| <= ulp(hi) / 2 (e.g. a two-product). */
function floorExact(hi: number, lo: number): number {
  const f = Math.floor(hi);
  return f === hi && lo < 0 ? f - 1 : f;
}

/** log(1 + d) - d, without the cancellation of computing it that way when d is small. */
export function log1pMinus(d: number): number {
  if (Math.abs(d) > 0.01) return Math.log1p(d) - d;
  // -d^2/2 + d^3/3 - ...: ten terms reach 1e-20 relative at |d| = 0.01.
  let term = d * d;
  let sum = 0;
  for (let j = 2; j < 14; j++) {
    sum += (j % 2 === 0 ? -term : term) / j;
    term *= d;
  }
  return sum;
}

/** ln(x!) for x = 0..9, exactly rounded sums of logs, for Stirling's remainder at small x. */
const LOG_FACTORIAL = (() => {
  const t = new Float64Array(10);
  for (let x = 1; x < 10; x++) t[x] = t[x - 1]! + Math.log(x);
  return t;
})();

/**
 * Stirling's remainder d(x) = ln Gamma(x) - ((x - 1/2) ln x - x + ln(2 pi) / 2) at an integer
 * x >= 1: the series 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) + 1/(1188x^9) from x = 10
 * (next term below 2e-14 / x^11), exact sums of logs below.
 */
function stirlingRemainder(x: number): number {
  if (x < 10) return LOG_FACTORIAL[x - 1]! - ((x - 0.5) * Math.log(x) - x + HALF_LOG_2PI);
  const x2 = x * x;
  return (13860 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
}

/**
 * A binomial law Bin(n, r) with r <= 1/2, prepared for {@link binomialLogRatio}: its mode
 * m = floor((n + 1) r), computed exactly, and (n + 1) r as an exact sum `fmHi + fmLo`.
 */
export interface BinomialLaw {
  readonly n: number;
  /** The smaller of the two probabilities, <= 1/2. */
  readonly r: number;
  /** 1 - r (given, not computed by subtraction). */
  readonly q: number;
  readonly mode: number;
  readonly fmHi: number;
  readonly fmLo: number;
}

/** The law Bin(n, r) for r <= q, r + q = 1. */
export function binomialLaw(n: number, r: number, q: number): BinomialLaw {
  const fmHi = (n + 1) * r;
  const fmLo = twoProductError(n + 1, r, fmHi);
  return { n, r, q, mode: floorExact(fmHi, fmLo), fmHi, fmLo };
}

/**
 * ln(f(y) / f(m)) for the pmf f of `law` and its mode m, for any integer y in [0, n]. Close to the
 * mode (|y - m| <= 20) as a product of the ratios f(i) / f(i - 1) = (n - i + 1) r / (i q); beyond,
 * by Stirling's formula written so that nothing cancels: with x1 = y + 1, f1 = m + 1,
 * w = n - y + 1, z = n - m + 1 and D = (n + 2) r - (y + 1) (from the exact two-product),
 *
 *   (y - m) [(y - m + 1/2) / x1 + (y - m - 1/2) / w + D / (x1 q)]
 *   + (m + 1/2) g((m - y) / x1) + (n - m + 1/2) g((y - m) / w) + (y - m) g(D / (x1 q))
 *   + d(f1) + d(z) - d(x1) - d(w),
 *
 * g(d) = ln(1 + d) - d and d(.) Stirling's remainder. Each term is computed to a few ulps of
 * its own size, and none is much larger than the result, so the error stays ~1e-15 of (1 +
 * |result|) at n = 10^15, where a plain ln(f1 / x1) times 5e14 would be off by 0.05.
 */
export function binomialLogRatio(law: BinomialLaw, y: number): number {
  const { n, r, q, mode: m } = law;
  const k = y - m;
  if (k === 0) return 0;
  if (Math.abs(k) <= 20) {
    let f = 1;
    if (k > 0) for (let i = m + 1; i <= y; i++) f *= ((n - i + 1) * r) / (i * q);
    else for (let i = y + 1; i <= m; i++) f /= ((n - i + 1) * r) / (i * q);
    return Math.log(f);
  }
  const x1 = y + 1;
  const f1 = m + 1;
  const w = n - y + 1;
  const z = n - m + 1;
  const d = law.fmHi - x1 + (law.fmLo + r);
  const d3 = d / (x1 * q);
  const linear = k * ((k + 0.5) / x1 + (k - 0.5) / w + d3);
  const curved = (m + 0.5) * log1pMinus(-k / x1) + (n - m + 0.5) * log1pMinus(k / w) + k * log1pMinus(d3);
  return linear + curved + stirlingRemainder(f1) + stirlingRemainder(z) - stirlingRemainder(x1) - stirlingRemainder(w);
}

/**
 * Inversion for Bin(n, r), r <= 1/2 and n r < {@link INVERSION_MAX_MEAN}: walk the pmf from 0,
 * f(0) = exp(n ln(1 - r)) with ln(1 - r) = log1p(-r) (exact for tiny r, where ln(q) of a rounded
 * q is not), f(x) = f(x - 1) (n - x + 1) r / (x q). The walk restarts past mean + 20 sd + 20,
 * whose mass (< 1e-40) is far below a 53-bit uniform's resolution.
 */
function inversion(n: number, r: number, q: number, s: Int32Array): number {
  const f0 = Math.exp(n * Math.log1p(-r));
  const mean = n * r;
  const bound = Math.min(n, mean + 20 * Math.sqrt(mean * q + 1) + 20);
  const ratio = r / q;
  for (;;) {
    let x = 0;
    let f = f0;
    let u = uniform53(s);
    while (u > f && x <= bound) {
      u -= f;
      x++;
      f *= ((n - x + 1) * ratio) / x;
    }
    if (x <= bound) return x;
  }
}

/**
 * BTPE for Bin(n, r), r <= 1/2, n r >= {@link INVERSION_MAX_MEAN}: a triangle, a parallelogram
 * and two exponential tails around the mode m; proposals outside the triangle are accepted by
 * comparing v with f(y) / f(m) (ratios near the mode, the bounds of the normal squeeze, then
 * {@link binomialLogRatio}). Candidates are formed as m + (an offset of the size of the spread),
 * never as floor(xm - ...) at 10^15, where the double grid is 1/16.
 */
function btpe(n: number, r: number, q: number, s: Int32Array): number {
  const law = binomialLaw(n, r, q);
  const m = law.mode;
  const fm = law.fmHi;
  const nrq = n * r * q;
  const p1 = Math.floor(2.195 * Math.sqrt(nrq) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  for (;;) {
    const u = uniform53(s) * p4;
    let v = uniform53(s);
    let y: number;
    if (u <= p1) return m + Math.floor(0.5 - p1 * v + u);
    if (u <= p2) {
      const off = 0.5 - p1 + (u - p1) / c;
      v = v * c + 1 - Math.abs(0.5 - off) / p1;
      if (v > 1) continue;
      y = m + Math.floor(off);
    } else if (u <= p3) {
      if (v === 0) continue;
      y = m + Math.floor(0.5 - p1 + Math.log(v) / laml);
      if (y < 0) continue;
      v *= (u - p2) * laml;
    } else {
      if (v === 0) continue;
      y = m + Math.floor(0.5 + p1 - Math.log(v) / lamr);
      if (y > n) continue;
      v *= (u - p3) * lamr;
    }
    const k = Math.abs(y - m);
    if (k <= 20 || k >= nrq / 2 - 1) {
      if (v <= Math.exp(binomialLogRatio(law, y))) return y;
      continue;
    }
    // The squeeze: ln f(y)/f(m) lies within rho of -k^2 / (2 nrq).
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.1666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const lv = Math.log(v);
    if (lv < t - rho) return y;
    if (lv > t + rho) continue;
    if (lv <= binomialLogRatio(law, y)) return y;
  }
}

/**
 * A Bin(n, p) variate, exactly (up to the doubles' rounding of the pmf), for an integer
 * 0 <= n < 2^53 and p in [0, 1] given with its complement q = 1 - p: both are passed so that a
 * tiny probability on either side keeps its relative precision (1 - (1 - 1e-12) is not 1e-12 in
 * doubles). p = 0 gives 0 and q = 0 gives n without a draw. Draws 53-bit uniforms from `s`.
 */
export function binomial(n: number, p: number, q: number, s: Int32Array): number {
  if (n === 0 || p <= 0) return 0;
  if (q <= 0) return n;
  const flip = p > q;
  const r = flip ? q : p;
  const rq = flip ? p : q;
  const y = n * r < INVERSION_MAX_MEAN ? inversion(n, r, rq, s) : btpe(n, r, rq, s);
  return flip ? n - y : y;
}
