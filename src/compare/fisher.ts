// Fisher's exact test of two proportions (the converged rates of two runs), two-sided.

/** Thrown when counts are not integers with 0 <= successes <= trials, naming the value. */
export class CountError extends RangeError {
  override readonly name = 'CountError';

  /**
   * @param what - which count, e.g. `successesA`
   * @param value - the value given
   */
  constructor(
    readonly what: string,
    readonly value: number,
  ) {
    super(`${what} must be an integer in range (got ${value})`);
  }
}

/**
 * Two-sided Fisher's exact test of the 2×2 table (successes and failures of runs A and B):
 * conditioned on the margins, the successes of A follow a hypergeometric law; the p-value sums
 * the probabilities of every table no more likely than the one observed (R's `fisher.test`
 * rule, with a relative tolerance of 1e-7 for ties in probability). The probabilities come from
 * the ratio recurrence of the hypergeometric law, in O(min(trials)) steps, with no factorials.
 * Returns 1 when a margin is empty (nothing to test). Throws {@link CountError} on bad counts.
 */
export function fisherExact(successesA: number, trialsA: number, successesB: number, trialsB: number): number {
  const counts: [string, number, number][] = [
    ['trialsA', trialsA, Infinity],
    ['trialsB', trialsB, Infinity],
    ['successesA', successesA, trialsA],
    ['successesB', successesB, trialsB],
  ];
  for (const [what, v, max] of counts) {
    if (!Number.isInteger(v) || v < 0 || v > max) throw new CountError(what, v);
  }
  const k = successesA + successesB; // successes in all
  const total = trialsA + trialsB;
  if (k === 0 || k === total || trialsA === 0 || trialsB === 0) return 1;
  const lo = Math.max(0, k - trialsB);
  const hi = Math.min(k, trialsA);
  // Unnormalised probabilities, P(x+1)/P(x) = (k−x)(trialsA−x) / ((x+1)(trialsB−k+x+1)), in
  // log space so long tables cannot overflow.
  const logs = new Float64Array(hi - lo + 1);
  for (let x = lo; x < hi; x++) {
    const ratio = ((k - x) * (trialsA - x)) / ((x + 1) * (trialsB - k + x + 1));
    logs[x - lo + 1] = (logs[x - lo] as number) + Math.log(ratio);
  }
  let max = -Infinity;
  for (let i = 0; i < logs.length; i++) if ((logs[i] as number) > max) max = logs[i] as number;
  let sum = 0;
  for (let i = 0; i < logs.length; i++) sum += Math.exp((logs[i] as number) - max);
  const observed = Math.exp((logs[successesA - lo] as number) - max);
  let tail = 0;
  for (let i = 0; i < logs.length; i++) {
    const p = Math.exp((logs[i] as number) - max);
    if (p <= observed * (1 + 1e-7)) tail += p;
  }
  return Math.min(1, tail / sum);
}
