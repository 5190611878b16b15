// Suite `scaling`: rounds and messages as n grows by decades, for fanout 3 and 5, from a 0.7
// split (to 95% and to unanimity) and from the near-balanced start; the seed's complexity claims
// and what theory says instead, checked on every series. Trials at n = 1e6 take ~0.1-3 s each.
import type { GridRecord, Suite } from '../src/harness/suite.ts';

const grid = (n: readonly number[]): GridRecord[] => [
  { n, fanout: [3, 5], start: 'split', split: 0.7, threshold: [0.95, 1], maxRounds: 200 },
  { n, fanout: [3, 5], start: 'near-balanced', threshold: 0.95, maxRounds: 200 },
];

export default {
  name: 'scaling',
  description:
    'n = 10 .. 1e6 by decades x fanout 3, 5: split 0.7 to 95% and to unanimity, near-balanced to 95% (quick: to 1e5; full: to 1e7).',
  grid: grid([10, 100, 1e3, 1e4, 1e5, 1e6]),
  trials: 100,
  quick: { grid: grid([10, 100, 1e3, 1e4, 1e5]), trials: 20 },
  full: { grid: grid([10, 100, 1e3, 1e4, 1e5, 1e6, 1e7]), trials: 200 },
  // Complexity claims are fitted from n = 100 on: at n = 10 the near-balanced start is a 7/3 split
  // and 95% agreement means unanimity, so that point is not in the asymptotic regime.
  claims: [
    // The seed's claims, on every series.
    { kind: 'complexity', id: 'seed-rounds-log-n', description: 'rounds grow as O(log n) (seed)', metric: 'rounds', claimed: 'log n', minN: 100 },
    { kind: 'complexity', id: 'seed-messages-n-log-n', description: 'messages grow as O(n log n) (seed)', metric: 'messages', claimed: 'n log n', minN: 100 },
    // What theory predicts instead, per start.
    {
      kind: 'complexity',
      id: 'theory-bias-rounds-constant',
      description: 'from a constant bias (70/30) rounds to 95% do not grow with n (theory)',
      metric: 'rounds',
      claimed: '1',
      minN: 100,
      where: { start: 'split', threshold: 0.95 },
    },
    {
      kind: 'complexity',
      id: 'theory-bias-messages-linear',
      description: 'from a constant bias (70/30) messages to 95% grow as n (theory)',
      metric: 'messages',
      claimed: 'n',
      minN: 100,
      where: { start: 'split', threshold: 0.95 },
    },
    {
      kind: 'complexity',
      id: 'theory-unanimity-log-log-n',
      description: 'from a constant bias (70/30) rounds to unanimity grow as log log n (theory)',
      metric: 'rounds',
      claimed: 'log log n',
      minN: 100,
      where: { start: 'split', threshold: 1 },
    },
    {
      kind: 'complexity',
      id: 'theory-balanced-log-n',
      description: 'from a near-balanced start (lead ~sqrt n) rounds grow as Theta(log n) (theory)',
      metric: 'rounds',
      claimed: 'log n',
      minN: 100,
      where: { start: 'near-balanced' },
    },
  ],
} satisfies Suite;
