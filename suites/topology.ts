// Suite `topology`: majority consensus from a 0.7 split on sparse networks beside the complete
// graph: ring, torus, random regular, Erdos-Renyi, Watts-Strogatz and Barabasi-Albert.
import type { GridRecord, Suite } from '../src/harness/suite.ts';

// The torus needs a square n: 316^2 = 99,856 beside 1e5, 100^2 = 1e4 in the quick variant.
const grid = (n: number, torusN: number): GridRecord[] => {
  const common = { fanout: 3, split: 0.7, threshold: 0.95, maxRounds: 200 } as const;
  return [
    { ...common, n, topology: 'complete' },
    { ...common, n, topology: 'ring', degree: 4 },
    { ...common, n: torusN, topology: 'torus' },
    { ...common, n, topology: ['regular', 'er', 'ba'], degree: 8 },
    { ...common, n, topology: 'ws', degree: 8, rewire: 0.1 },
  ];
};

export default {
  name: 'topology',
  description:
    'n = 1e5 (quick: 1e4; torus 316^2 and 100^2), fanout 3, split 0.7, to 95% within 200 rounds: complete, ring (degree 4), torus, ' +
    'regular, er, ba (degree 8), ws (degree 8, rewire 0.1); local topologies may stall short of 95%.',
  grid: grid(1e5, 316 * 316),
  trials: 20,
  quick: { grid: grid(1e4, 1e4) },
  claims: [],
} satisfies Suite;
