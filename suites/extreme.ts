// Suite `extreme`: the scaling grid on the count engine from n = 1e2 to 1e15 by decades (fanout 3
// and 5: 70/30 to 95% and to unanimity, near-balanced to 95%), 1,000 trials a point, with the
// seed's and theory's complexity claims checked over thirteen decades instead of four.
import type { GridRecord, Suite } from '../src/harness/suite.ts';
import scaling from './scaling.ts';

/** n = 1e2 .. 1e15 by decades. */
const N = Array.from({ length: 14 }, (_, i) => 10 ** (i + 2));

const grid = (n: readonly number[]): GridRecord[] => [
  { n, fanout: [3, 5], start: 'split', split: 0.7, threshold: [0.95, 1], maxRounds: 200, engine: 'count' },
  { n, fanout: [3, 5], start: 'near-balanced', threshold: 0.95, maxRounds: 200, engine: 'count' },
];

export default {
  name: 'extreme',
  description:
    'count engine, n = 1e2 .. 1e15 by decades x fanout 3, 5: split 0.7 to 95% and to unanimity, near-balanced to 95%; the scaling claims over 13 decades (quick: to 1e9, 200 trials).',
  grid: grid(N),
  trials: 1000,
  quick: { grid: grid(N.filter((n) => n <= 1e9)), trials: 200 },
  full: { trials: 10_000 },
  // The scaling suite's claims (seed: rounds O(log n), messages O(n log n); theory: constant
  // rounds and linear messages from a 70/30 bias, log log n to unanimity, log n from near-balanced).
  claims: scaling.claims,
} satisfies Suite;
