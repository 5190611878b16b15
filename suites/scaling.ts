// Suite `scaling`: rounds and messages as n grows by decades, for fanout 3 and 5, from a 0.7
// split and from the near-balanced start. Trials at n = 1e6 take ~0.1-0.7 s each.
import type { GridRecord, Suite } from '../src/harness/suite.ts';

const base = {
  fanout: [3, 5],
  start: ['split', 'near-balanced'],
  split: 0.7,
  threshold: 0.95,
  maxRounds: 200,
} as const satisfies GridRecord;

export default {
  name: 'scaling',
  description: 'n = 10 .. 1e6 by decades x fanout 3, 5 x split 0.7 / near-balanced (quick: to 1e5; full: to 1e7).',
  grid: { n: [10, 100, 1e3, 1e4, 1e5, 1e6], ...base },
  trials: 100,
  quick: { grid: { n: [10, 100, 1e3, 1e4, 1e5], ...base }, trials: 20 },
  full: { grid: { n: [10, 100, 1e3, 1e4, 1e5, 1e6, 1e7], ...base }, trials: 200 },
  claims: [],
} satisfies Suite;
