// Suite `faults`: majority consensus at n = 1e4 from a 0.7 split under one fault at a time: lost
// contacts, crashes (for good or for 3 rounds) and stubborn minority agents. A list of records,
// one per fault, so the faults are swept apart rather than as a product. The claims check where
// the initial majority keeps winning, the rounds each fault costs against the mean-field theory,
// and the stubborn share at which the minority takes over against the mean-field tipping point.
import type { BoundClaim, Claim, PointFilter } from '../src/claims/claim.ts';
import { stubbornTippingPoint } from '../src/claims/theory.ts';
import type { Suite } from '../src/harness/suite.ts';

const common = { n: 1e4, fanout: 5, split: 0.7, threshold: 0.95, maxRounds: 100 } as const;
const LOSS = [0, 0.2, 0.4, 0.6, 0.8, 0.9];
const CRASH = [0.1, 0.3, 0.5, 0.7, 0.9];
const STUBBORN = [0.05, 0.1, 0.2, 0.25, 0.26, 0.27, 0.28, 0.3];

/** Mean-field stubborn share at which the minority tips the network (k = 5 from 0.7: 0.268). */
const TIP = stubbornTippingPoint(common.split, common.fanout)!;
const tip = TIP.toFixed(3);
/** A level as an id part: 0.25 -> `025`. */
const idOf = (x: number): string => String(x).replace('.', '');

/** "The initial majority (opinion 0) wins in >= 95% of trials" at the points `at`. */
const majorityWins = (id: string, what: string, at: PointFilter): BoundClaim => ({
  kind: 'bound',
  id,
  description: `${what}: the initial majority (opinion 0) still wins, in >= 95% of trials`,
  metric: 'winner0',
  comparator: '>=',
  value: 1,
  at,
});

/** "Mean rounds within 25% of the mean-field prediction" at the points `at`. */
const roundsTheory = (id: string, what: string, at: PointFilter): BoundClaim => ({
  kind: 'bound',
  id,
  description: `${what}: mean rounds within 25% of the mean-field map's (theory.ts; a contact that is lost or reaches a crashed agent answers nothing)`,
  metric: 'rounds',
  comparator: '~',
  value: 'theory',
  at,
});

const stubbornClaims = (): Claim[] => [
  {
    kind: 'bound',
    id: 'stubborn-005-converges',
    description: 'stubborn 0.05: 95% agreement is still reachable (every free agent on 0): converges in >= 95% of trials',
    metric: 'converged',
    comparator: '>=',
    value: 1,
    at: { stubbornFraction: 0.05 },
  },
  {
    kind: 'bound',
    id: 'stubborn-01-stalls',
    description: 'stubborn 0.1: agreement on 0 is capped at 1 - 0.1 < 95%, so no trial converges (>= 95% do not)',
    metric: 'converged',
    comparator: '<',
    value: 1,
    at: { stubbornFraction: 0.1 },
  },
  ...[0.1, 0.2, 0.25].map(
    (s): BoundClaim => ({
      kind: 'bound',
      id: `stubborn-${idOf(s)}-majority-leads`,
      description: `stubborn ${s}, below the mean-field tipping point ${tip}: the majority keeps the lead (opinion 0 most held at the end) in >= 95% of trials`,
      metric: 'leader0',
      comparator: '>=',
      value: 1,
      at: { stubbornFraction: s },
    }),
  ),
  ...[0.28, 0.3].map(
    (s): BoundClaim => ({
      kind: 'bound',
      id: `stubborn-${idOf(s)}-minority-wins`,
      description: `stubborn ${s}, above the mean-field tipping point ${tip}: the stubborn minority takes over (opinion 1 leads at the end) in >= 95% of trials`,
      metric: 'leader0',
      comparator: '<',
      value: 1,
      at: { stubbornFraction: s },
    }),
  ),
  ...[0.1, 0.2, 0.25].map(
    (s): BoundClaim => ({
      kind: 'bound',
      id: `stubborn-${idOf(s)}-agreement-theory`,
      description: `stubborn ${s}: the stalled network settles where the mean-field map does (its fixed point below the tipping point): mean final agreement within 1%`,
      metric: 'final_agreement',
      comparator: '~',
      value: 'theory',
      tolerance: 0.01,
      at: { stubbornFraction: s },
    }),
  ),
  roundsTheory('stubborn-03-rounds-theory', 'stubborn 0.3, the minority taking over', { stubbornFraction: 0.3 }),
];

export default {
  name: 'faults',
  description:
    `n = 1e4, fanout 5, split 0.7, one fault at a time: loss ${LOSS.join(', ')}; crash ${CRASH.join(', ')} after round 1, for good or for 3 rounds; ` +
    `stubborn agents ${STUBBORN.join(', ')} holding the minority opinion 1 (mean-field tipping point ${tip}; above 0.05 agreement on 0 cannot reach 95%).`,
  grid: [
    { ...common, lossRate: LOSS },
    { ...common, crashFraction: CRASH, crashRound: 1, crashRecovery: [0, 3] },
    { ...common, stubbornFraction: STUBBORN },
  ],
  trials: 100,
  quick: { trials: 20 },
  claims: [
    ...LOSS.filter((q) => q > 0).map((q) => majorityWins(`loss-${idOf(q)}-majority-wins`, `loss ${q}`, { lossRate: q })),
    roundsTheory('loss-rounds-theory', 'every loss rate', { crashFraction: 0, stubbornFraction: 0 }),
    majorityWins('crash-majority-wins', 'every crash level, for good or for 3 rounds', { crashRound: 1 }),
    roundsTheory('crash-rounds-theory', 'every crash level', { crashRound: 1 }),
    ...stubbornClaims(),
  ],
} satisfies Suite;
