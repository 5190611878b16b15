// Suite `plurality`: consensus among m = 2 .. 10 opinions from a plurality start (opinion 0 leads
// by 10%), for majority, 3-majority and 2-choices: rounds to 95% and how often the plurality wins.
import type { GridRecord, Suite } from '../src/harness/suite.ts';

const grid = (n: readonly number[]): GridRecord => ({
  n,
  fanout: 5,
  threshold: 0.95,
  maxRounds: 200,
  start: 'plurality',
  opinions: [2, 3, 5, 10],
  bias: 0.1,
  protocol: ['majority', '3-majority', '2-choices'],
});

export default {
  name: 'plurality',
  description:
    'Plurality start (opinion 0 holds 1.1x the share of each other), m = 2, 3, 5, 10 opinions, n = 1e3, 1e4 (quick: 1e3), ' +
    'fanout 5 (majority; 3-majority and 2-choices poll 3 and 2): rounds to 95% and winner0_rate, the share won by the plurality.',
  grid: grid([1e3, 1e4]),
  trials: 100,
  quick: { grid: grid([1e3]), trials: 30 },
  claims: [],
} satisfies Suite;
