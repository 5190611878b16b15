// Suite `thresholds`: how the convergence threshold moves the round count, n = 1e4, fanout 5.
import type { Suite } from '../src/harness/suite.ts';

export default {
  name: 'thresholds',
  description: 'n = 1e4, fanout 5, split 0.7, threshold 0.8 .. 1.0.',
  grid: { n: 1e4, fanout: 5, split: 0.7, threshold: [0.8, 0.85, 0.9, 0.95, 0.99, 1.0] },
  trials: 200,
  quick: { trials: 50 },
  claims: [],
} satisfies Suite;
