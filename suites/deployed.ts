// Suite `deployed`: dissemination as deployed. memberlist's broadcast with its defaults (fanout 3,
// retransmitMult 4, 0.2 s) as n grows and under loss and failed nodes, both timings, against
// Serf's convergence formula; rumor mongering's four variants for k = 1 .. 5 against s = e^-m,
// the mean-field residue of feedback + coin, and Demers et al.'s Tables 1 (feedback + counter) and 2 (blind + coin).
import type { BoundClaim } from '../src/claims/claim.ts';
import { mongeringResidue } from '../src/claims/dissemination-theory.ts';
import type { GridRecord, Suite } from '../src/harness/suite.ts';

const TIMINGS = ['rounds', 'timers'] as const;
const K = [1, 2, 3, 4, 5];

/** memberlist's defaults as n grows, without faults. */
const memberlistScale = (n: readonly number[]): GridRecord => ({ n, fanout: 3, threshold: 1, maxRounds: 200, protocol: 'memberlist', timing: TIMINGS });
/** memberlist under lost packets and failed nodes (failed from the start, never the source). */
const memberlistFaults = (n: readonly number[]): GridRecord => ({
  n,
  fanout: 3,
  threshold: 1,
  maxRounds: 200,
  protocol: 'memberlist',
  timing: TIMINGS,
  lossRate: [0, 0.1, 0.2, 0.3],
  crashFraction: [0, 0.1, 0.2],
});
/** Rumor mongering's four variants, push, fanout 1, run to quiescence. */
const mongering = (n: readonly number[]): GridRecord => ({
  n,
  fanout: 1,
  threshold: 1,
  maxRounds: 2000,
  protocol: 'rumor-mongering',
  timing: TIMINGS,
  feedback: ['feedback', 'blind'],
  removal: ['coin', 'counter'],
  k: K,
});

// Demers et al. 1987, Table 1: feedback and counters, 1000 sites: residue s and traffic m for k = 1 .. 5.
const DEMERS_TABLE_1: readonly [number, number, number][] = [
  [1, 0.18, 1.7],
  [2, 0.037, 3.3],
  [3, 0.011, 4.5],
  [4, 0.0036, 5.6],
  [5, 0.0012, 6.7],
];

// Demers et al. 1987, Table 2: blind and coin, 1000 sites: residue s and traffic m for k = 1 .. 5.
const DEMERS_TABLE_2: readonly [number, number, number][] = [
  [1, 0.96, 0.04],
  [2, 0.2, 1.6],
  [3, 0.06, 2.8],
  [4, 0.021, 3.9],
  [5, 0.008, 4.9],
];

const meanField = (k: number): BoundClaim => ({
  kind: 'bound',
  id: `feedback-coin-residue-mean-field-k${k}`,
  description: `rumor mongering, feedback + coin, k = ${k}: mean residue ~ the mean-field root of s = e^-(k+1)(1-s) = ${mongeringResidue(k).toPrecision(3)} (Demers et al. 1987, a continuous-time limit; +-10%)`,
  metric: 'residue',
  comparator: '~',
  value: Number(mongeringResidue(k).toPrecision(6)),
  tolerance: 0.1,
  at: { protocol: 'rumor-mongering', feedback: 'feedback', removal: 'coin', k },
});

/** Claims that one row of Demers et al.'s Table 1 (feedback + counter) or 2 (blind + coin) holds at n = 1000, synchronous rounds. */
const demers =
  (feedback: 'feedback' | 'blind', removal: 'counter' | 'coin', table: 1 | 2) =>
  ([k, s, m]: readonly [number, number, number]): BoundClaim[] => [
    {
      kind: 'bound',
      id: `${feedback}-${removal}-residue-demers-k${k}`,
      description: `rumor mongering, ${feedback} + ${removal}, k = ${k}, n = 1000, synchronous rounds: mean residue ~ ${s} (Demers et al. 1987, Table ${table}; +-15%)`,
      metric: 'residue',
      comparator: '~',
      value: s,
      tolerance: 0.15,
      at: { n: 1000, protocol: 'rumor-mongering', feedback, removal, k, timing: 'rounds' },
    },
    {
      kind: 'bound',
      id: `${feedback}-${removal}-traffic-demers-k${k}`,
      description: `rumor mongering, ${feedback} + ${removal}, k = ${k}, n = 1000, synchronous rounds: mean traffic ~ ${m} messages per site (Demers et al. 1987, Table ${table}; +-10%)`,
      metric: 'traffic',
      comparator: '~',
      value: m,
      tolerance: 0.1,
      at: { n: 1000, protocol: 'rumor-mongering', feedback, removal, k, timing: 'rounds' },
    },
  ];

export default {
  name: 'deployed',
  description:
    "Dissemination as deployed: memberlist's broadcast (fanout 3, retransmitMult 4, 0.2 s) at n = 10 .. 1e4 (full: 1e5) and at n = 1e3 under loss 0 .. 0.3 x failed 0 .. 0.2 " +
    '(full: also 1e4), rounds and timers, against Serf; rumor mongering, feedback|blind x coin|counter, k = 1 .. 5, n = 1e3 (full: also 1e5), against s = e^-m ' +
    '(about 4 s on 2 cores, mostly start-up; quick, the same grid with 20 trials, about 3 s; full about 6 min)',
  grid: [memberlistScale([10, 100, 1000, 10_000]), memberlistFaults([1000]), mongering([1000])],
  trials: 100,
  quick: { trials: 20 },
  full: { grid: [memberlistScale([10, 100, 1000, 10_000, 100_000]), memberlistFaults([1000, 10_000]), mongering([1000, 100_000])], trials: 100 },
  claims: [
    {
      kind: 'bound',
      id: 'memberlist-seconds-9999-serf',
      description: "memberlist: mean seconds until 99.99% of the live nodes know ~ Serf's convergence formula (+-25%)",
      metric: 'seconds_to_9999',
      comparator: '~',
      value: 'theory',
      at: { protocol: 'memberlist' },
    },
    {
      kind: 'complexity',
      id: 'memberlist-seconds-9999-log-n',
      description: "memberlist's defaults: seconds until 99.99% know grow as log n (Serf's formula: ln(n + 1) / (fanout (1 - loss)(1 - failed)) + const)",
      metric: 'seconds_to_9999',
      claimed: 'log n',
      minN: 100,
      where: { protocol: 'memberlist', lossRate: 0, crashFraction: 0 },
    },
    ...TIMINGS.map(
      (timing): BoundClaim => ({
        kind: 'bound',
        id: `memberlist-all-informed-loss02-failed01-${timing}`,
        description: `memberlist (${timing}), 20% loss and 10% failed nodes: every live node is informed in >= 95% of trials`,
        metric: 'reached_all',
        comparator: '>=',
        value: 1,
        at: { protocol: 'memberlist', lossRate: 0.2, crashFraction: 0.1, timing },
      }),
    ),
    {
      kind: 'bound',
      id: 'mongering-residue-e-m',
      description: 'rumor mongering: mean residue ~ e^-m with m the measured traffic (Demers et al. 1987; +-10%)',
      metric: 'residue',
      comparator: '~',
      value: 'theory',
      tolerance: 0.1,
      at: { protocol: 'rumor-mongering' },
    },
    ...K.map(meanField),
    ...DEMERS_TABLE_1.flatMap(demers('feedback', 'counter', 1)),
    ...DEMERS_TABLE_2.flatMap(demers('blind', 'coin', 2)),
  ],
} satisfies Suite;
