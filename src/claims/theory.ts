// Mean-field theory of the seed's binary majority rule: the map p -> P(agent holds opinion 0 after
// a round | a share p held it before), iterated to predict agreement per round and rounds.

/** Binomial probability P(X = x) for X ~ Bin(k, p). */
function binomialPmf(k: number, x: number, p: number): number {
  let c = 1;
  for (let i = 1; i <= x; i++) c = (c * (k - x + i)) / i;
  return c * p ** x * (1 - p) ** (k - x);
}

/**
 * One round of the majority rule in the mean-field (infinite n) limit: each of k peers holds
 * opinion 0 independently with probability p. An agent holding 0 sees `1 + X` zeros among `k + 1`
 * opinions (X ~ Bin(k, p)) and keeps 0 when `1 + X >= k - X` (ties keep its own opinion); an agent
 * holding 1 switches to 0 when `X > k + 1 - X`. Returns the share holding 0 after the round.
 */
export function majorityMap(p: number, k: number): number {
  let keep0 = 0;
  let switch0 = 0;
  for (let x = 0; x <= k; x++) {
    const q = binomialPmf(k, x, p);
    if (1 + x >= k - x) keep0 += q;
    if (x > k + 1 - x) switch0 += q;
  }
  return p * keep0 + (1 - p) * switch0;
}

/** Mean-field agreement (share of the most common opinion) after each of `rounds` rounds. */
export function meanFieldAgreement(p0: number, k: number, rounds: number): number[] {
  const out: number[] = [];
  let p = p0;
  for (let r = 0; r < rounds; r++) {
    p = majorityMap(p, k);
    out.push(Math.max(p, 1 - p));
  }
  return out;
}

/**
 * Mean-field rounds until agreement >= threshold from a share p0 of opinion 0 (at least one, as in
 * the engine), or null if it is not reached within `maxRounds` (an exact 1/2 split never moves).
 */
export function meanFieldRounds(p0: number, k: number, threshold: number, maxRounds: number): number | null {
  let p = p0;
  for (let r = 1; r <= maxRounds; r++) {
    p = majorityMap(p, k);
    if (Math.max(p, 1 - p) >= threshold) return r;
  }
  return null;
}
