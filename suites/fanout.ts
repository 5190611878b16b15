// Suite `fanout`: how rounds and messages depend on the fanout at n = 1e4 from a 0.7 split.
import type { Suite } from '../src/harness/suite.ts';

export default {
  name: 'fanout',
  description: 'n = 1e4, fanout 1 .. 10, split 0.7.',
  grid: { n: 1e4, fanout: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], split: 0.7 },
  trials: 200,
  quick: { trials: 50 },
  claims: [],
} satisfies Suite;
