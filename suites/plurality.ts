// Suite `plurality`: consensus among m = 2 .. 10 opinions from a plurality start (opinion 0 leads
// by 10%), for majority, 3-majority and 2-choices: rounds to 95% against the mean-field theory,
// and how often the plurality wins where its lead is large enough for theory to promise it.
import type { BoundClaim, Claim } from '../src/claims/claim.ts';
import type { Protocol } from '../src/engine/params.ts';
import type { GridRecord, Suite } from '../src/harness/suite.ts';

const OPINIONS = [2, 3, 5, 10];
const BIAS = 0.1;
const POLLING: readonly Protocol[] = ['3-majority', '2-choices'];

const grid = (n: readonly number[]): GridRecord => ({
  n,
  fanout: 5,
  threshold: 0.95,
  maxRounds: 200,
  start: 'plurality',
  opinions: OPINIONS,
  bias: BIAS,
  protocol: ['majority', ...POLLING],
});

/**
 * Whether the plurality's lead over the runner-up, `n b / (m + b)` agents, is at least
 * `sqrt(2m n ln n)`: the sufficient condition of Becchetti et al. 2014 for 3-majority (with its
 * constant taken as 1, and the min(2m, (n / log n)^(1/3)) factor as 2m, which it is here).
 */
const leadSuffices = (n: number, m: number): boolean => (n * BIAS) / (m + BIAS) >= Math.sqrt(2 * m * n * Math.log(n));

/** "The plurality wins in >= 95% of trials" at every grid point (n, m) where its lead suffices. */
const pluralityWins = (ns: readonly number[]): Claim[] =>
  ns.flatMap((n) =>
    OPINIONS.filter((m) => leadSuffices(n, m)).flatMap((m) =>
      POLLING.map(
        (protocol): BoundClaim => ({
          kind: 'bound',
          id: `${protocol}-plurality-wins-n${n}-m${m}`,
          description:
            `${protocol}, n = ${n}, m = ${m}: the lead ${Math.round((n * BIAS) / (m + BIAS))} >= sqrt(2 m n ln n) = ${Math.round(Math.sqrt(2 * m * n * Math.log(n)))}, ` +
            'so the plurality wins w.h.p. (Becchetti et al. 2014 for 3-majority; 2-choices has the same mean-field map): in >= 95% of trials',
          metric: 'winner0',
          comparator: '>=',
          value: 1,
          at: { n, opinions: m, protocol },
        }),
      ),
    ),
  );

const roundsTheory = (id: string, what: string, at: BoundClaim['at']): BoundClaim => ({
  kind: 'bound',
  id,
  description: `${what}: mean rounds within 25% of the mean-field map (theory.ts)`,
  metric: 'rounds',
  comparator: '~',
  value: 'theory',
  at,
});

const N = [1e3, 1e4, 1e5];
const QUICK_N = [1e3, 1e5];

export default {
  name: 'plurality',
  description:
    'Plurality start (opinion 0 holds 1.1x the share of each other), m = 2, 3, 5, 10 opinions, n = 1e3, 1e4, 1e5 (quick: 1e3, 1e5), ' +
    'fanout 5 (majority; 3-majority and 2-choices poll 3 and 2): rounds to 95% against the mean-field theory, and winner0_rate, the share won by the plurality.',
  grid: grid(N),
  trials: 100,
  quick: { grid: grid(QUICK_N), trials: 20 },
  claims: [
    roundsTheory('majority-2-rounds-theory', 'majority (fanout 5), 2 opinions', { protocol: 'majority', opinions: 2 }),
    ...POLLING.map((protocol) =>
      roundsTheory(`${protocol}-rounds-theory`, `${protocol}, every m (it shares its mean-field map with the other polling rule; they differ in their noise)`, { protocol }),
    ),
    // Claims name their points, so the quick variant's claims are the full variant's at its n.
    ...pluralityWins(N),
  ],
} satisfies Suite;
