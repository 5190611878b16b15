// Suite `throughput`: tinybench times one engine round at n = 1e3 .. 1e7, fanout 3 and 5, one
// point at a time in one worker, with the C yardstick (bench/reference/majority.c) timed beside it.
import type { Suite } from '../src/harness/suite.ts';

export default {
  name: 'throughput',
  kind: 'throughput',
  description: 'ns per agent-round of one engine round at n = 1e3 .. 1e7, fanout 3 and 5, beside the C yardstick (full: to 1e8, and 1e9 at fanout 5).',
  grid: { n: [1e3, 1e4, 1e5, 1e6, 1e7], fanout: [3, 5] },
  // Minimum rounds timed per point (tinybench also runs for 1 s a point).
  trials: 10,
  quick: { grid: { n: [1e3, 1e5, 1e6], fanout: [3, 5] }, trials: 5 },
  // Full: to 1e8 at fanout 3 and 5, and 1e9 at fanout 5, where the blocked kernels run (a round
  // takes about a minute there, and the C reference about three; the 1e9 point takes ~25 min).
  full: { grid: [{ n: [1e3, 1e4, 1e5, 1e6, 1e7, 1e8], fanout: [3, 5] }, { n: [1e9], fanout: [5] }], trials: 5 },
  claims: [],
} satisfies Suite;
