// Suite `rumor`: rumor spreading from one source (push, pull, push-pull, fanout 1) until every
// agent knows, as n grows by decades; rounds against log n and against the classical constants.
import type { BoundClaim } from '../src/claims/claim.ts';
import { pushPullTheoryRounds, pushTheoryRounds } from '../src/claims/theory.ts';
import type { GridRecord, Suite } from '../src/harness/suite.ts';

const grid = (n: readonly number[]): GridRecord => ({ n, fanout: 1, threshold: 1, protocol: ['push', 'pull', 'push-pull'] });

// Theory at n = 1e4 and 1e5 (the quick variant stops at 1e4). Push: log2 n + ln n + O(1) rounds
// (Frieze and Grimmett 1985, Pittel 1987); push-pull: log3 n + O(log log n) (Karp, Schindelhauer,
// Shenker and Vocking 2000). Values to 2 decimals; the tolerances absorb the lower-order terms
// the constants leave out.
const pushAt = (n: number): number => Number(pushTheoryRounds(n).toFixed(2));
const pushPullAt = (n: number): number => Number(pushPullTheoryRounds(n).toFixed(2));

const theory = (n: number, label: string): BoundClaim[] => [
  {
    kind: 'bound',
    id: `push-rounds-theory-n${label}`,
    description: `push, fanout 1, n = ${label}: mean rounds to inform everyone ~ log2 n + ln n = ${pushAt(n).toFixed(1)} (Pittel 1987; +-15% for the O(1) term)`,
    metric: 'rounds',
    comparator: '~',
    value: pushAt(n),
    tolerance: 0.15,
    at: { n, protocol: 'push' },
  },
  {
    kind: 'bound',
    id: `push-pull-rounds-theory-n${label}`,
    description: `push-pull, fanout 1, n = ${label}: mean rounds ~ log3 n = ${pushPullAt(n).toFixed(1)} (Karp et al. 2000; +-50% for the O(log log n) term)`,
    metric: 'rounds',
    comparator: '~',
    value: pushPullAt(n),
    tolerance: 0.5,
    at: { n, protocol: 'push-pull' },
  },
];

export default {
  name: 'rumor',
  description:
    'Rumor spreading from one source, push / pull / push-pull, fanout 1, until all know (threshold 1): n = 1e2 .. 1e6 (quick: to 1e4); ' +
    'rounds checked as O(log n) and against log2 n + ln n (push) and log3 n (push-pull), which leave out lower-order terms.',
  grid: grid([1e2, 1e3, 1e4, 1e5, 1e6]),
  trials: 30,
  quick: { grid: grid([1e2, 1e3, 1e4]) },
  claims: [
    {
      kind: 'complexity',
      id: 'push-rounds-log-n',
      description: 'push, fanout 1: rounds to inform everyone grow as Theta(log n) (theory)',
      metric: 'rounds',
      claimed: 'log n',
      minN: 100,
      where: { protocol: 'push' },
    },
    {
      kind: 'complexity',
      id: 'pull-rounds-log-n',
      description: 'pull, fanout 1: rounds to inform everyone grow as Theta(log n) (theory)',
      metric: 'rounds',
      claimed: 'log n',
      minN: 100,
      where: { protocol: 'pull' },
    },
    {
      kind: 'complexity',
      id: 'push-pull-rounds-log-n',
      description: 'push-pull, fanout 1: rounds to inform everyone grow as Theta(log n) (theory)',
      metric: 'rounds',
      claimed: 'log n',
      minN: 100,
      where: { protocol: 'push-pull' },
    },
    ...theory(1e4, '1e4'),
    ...theory(1e5, '1e5'),
  ],
} satisfies Suite;
