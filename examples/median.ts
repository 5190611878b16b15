// The median rule (Doerr, Goldberg, Minder, Sauerwald and Scheideler 2011, "Stabilizing
// consensus with the power of two choices"): each agent polls two random agents (with
// replacement) and adopts the median of its own value and theirs. Opinions are ordered values
// 0..m-1; consensus comes in O(log m log log n + log n) rounds.
//   gossip-bench bench --suite-file median.ts
import { defineRule, defineSuite } from 'gossip-bench';

export const median = defineRule({
  name: 'median',
  description: 'median of own value and two polled values',
  opinions: 255,
  contacts: { kind: 'with-replacement', count: 2 },
  update(own, answers, count) {
    if (count < 2) return own; // a lost or crashed poll: keep one's value
    const a = answers[0];
    const b = answers[1];
    return Math.max(Math.min(own, a), Math.min(Math.max(own, a), b));
  },
});

export default defineSuite({
  name: 'median',
  description: 'The median rule from 8 near-equal opinions, n = 1e3 .. 1e5.',
  grid: { n: [1000, 10_000, 100_000], fanout: 2, start: 'plurality', opinions: 8, bias: 0, threshold: 0.99, rule: median },
  trials: 30,
  claims: [
    { kind: 'bound', id: 'median-converges', description: 'every trial reaches 99% agreement within 100 rounds', metric: 'converged', comparator: '>=', value: 1, at: { n: 100_000 } },
    { kind: 'complexity', id: 'median-log-n', description: 'rounds grow as log n for a fixed number of opinions (Doerr et al. 2011)', metric: 'rounds', claimed: 'log n' },
  ],
});
