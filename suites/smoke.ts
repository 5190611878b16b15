// Suite `smoke`: a few seconds of small networks, to check that everything runs end to end.
import type { Suite } from '../src/harness/suite.ts';

export default {
  name: 'smoke',
  description: 'A few seconds: n 10, 100, 1000 x fanout 3, 5 from a 0.7 split, 50 trials a point.',
  grid: { n: [10, 100, 1000], fanout: [3, 5], split: 0.7 },
  trials: 50,
  claims: [],
} satisfies Suite;
