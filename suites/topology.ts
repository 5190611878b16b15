// Suite `topology`: majority consensus from a 0.7 split on sparse networks beside the complete
// graph: ring, torus, random regular, Erdos-Renyi, Watts-Strogatz and Barabasi-Albert. The
// complete graph and the two random graphs are swept over n to fit how their rounds grow; the
// claims check the mean-field theory on the complete graph, O(log n) rounds on the random graphs
// (Cooper, Elsasser and Radzik 2014 for two-sample voting on random regular graphs), that the
// majority wins wherever the network mixes, and that local networks (ring, torus) do not converge
// although the majority keeps the lead.
import type { BoundClaim, Claim } from '../src/claims/claim.ts';
import type { TopologyName } from '../src/engine/params.ts';
import type { GridRecord, Suite } from '../src/harness/suite.ts';

const common = { fanout: 3, split: 0.7, threshold: 0.95, maxRounds: 200 } as const;
const MIXING: readonly TopologyName[] = ['regular', 'er', 'ws', 'ba'];

// `ns`: the sizes of the complete graph and the random graphs (fitted over n); `n`: the size of
// the others; `torusN`: a perfect square near `n` (316^2 = 99,856 beside 1e5, 100^2 = 1e4).
const grid = (ns: readonly number[], n: number, torusN: number): GridRecord[] => [
  { ...common, n: ns, topology: 'complete' },
  { ...common, n: ns, topology: ['regular', 'er'], degree: 8 },
  { ...common, n, topology: 'ring', degree: 4 },
  { ...common, n: torusN, topology: 'torus' },
  { ...common, n, topology: 'ba', degree: 8 },
  { ...common, n, topology: 'ws', degree: 8, rewire: 0.1 },
];

const logN = (topology: 'regular' | 'er', what: string): Claim => ({
  kind: 'complexity',
  id: `${topology}-rounds-log-n`,
  description: `${what}: rounds grow at most as log n from a constant bias (Cooper, Elsasser and Radzik 2014 prove O(log n) for two-sample voting on random regular graphs)`,
  metric: 'rounds',
  claimed: 'log n',
  where: { topology },
});

const wins = (topology: TopologyName): BoundClaim => ({
  kind: 'bound',
  id: `${topology}-majority-wins`,
  description: `${topology}: the network mixes, so the initial majority (opinion 0) wins within 200 rounds in >= 95% of trials`,
  metric: 'winner0',
  comparator: '>=',
  value: 1,
  at: { topology },
});

const leads = (topology: 'ring' | 'torus', what: string): BoundClaim => ({
  kind: 'bound',
  id: `${topology}-majority-leads`,
  description: `${what}: without consensus, the initial majority (opinion 0) still holds the most agents after 200 rounds in >= 95% of trials`,
  metric: 'leader0',
  comparator: '>=',
  value: 1,
  at: { topology },
});

const stalls = (topology: 'ring' | 'torus', what: string): BoundClaim => ({
  kind: 'bound',
  id: `${topology}-stalls`,
  description: `${what}: local majorities freeze into blocks (diffusive at best), so no consensus within 200 rounds (>= 95% of trials do not converge)`,
  metric: 'converged',
  comparator: '<',
  value: 1,
  at: { topology },
});

export default {
  name: 'topology',
  description:
    'Fanout 3, split 0.7, to 95% within 200 rounds: complete, random regular and er (degree 8) at n = 1e3, 1e4, 1e5 (quick: 1e3, 3e3, 1e4); ' +
    'ring (degree 4), torus (316^2), ba (degree 8), ws (degree 8, rewire 0.1) at 1e5 (quick: 1e4, torus 100^2).',
  grid: grid([1e3, 1e4, 1e5], 1e5, 316 * 316),
  trials: 20,
  quick: { grid: grid([1e3, 3e3, 1e4], 1e4, 1e4) },
  claims: [
    {
      kind: 'bound',
      id: 'complete-rounds-theory',
      description: 'complete graph: mean rounds within 25% of the mean-field map (k = 3 from 0.7: 3 rounds)',
      metric: 'rounds',
      comparator: '~',
      value: 'theory',
      at: { topology: 'complete' },
    },
    logN('regular', 'random 8-regular graph'),
    logN('er', 'Erdos-Renyi graph of mean degree 8'),
    ...MIXING.map(wins),
    stalls('ring', 'ring of degree 4'),
    stalls('torus', '2-D torus'),
    leads('ring', 'ring of degree 4'),
    leads('torus', '2-D torus'),
  ],
} satisfies Suite;
