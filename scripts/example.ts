// The seed's two usage examples run through the ported API, each followed by 1,000 reseeded runs
// compared honestly with the rounds the seed claimed. Run with `npm run example`.
import { GossipProtocol, type GossipProtocolOptions, type Proposal } from '../src/api/index.ts';

/** One of the seed's examples and what the seed said it would print. */
interface Example {
  readonly title: string;
  readonly options: GossipProtocolOptions;
  readonly proposal: Proposal;
  /** Inclusive range of rounds the seed claimed. */
  readonly claimedRounds: readonly [number, number];
  /** The seed's "Total Messages" table entry for this network size. */
  readonly claimedMessages: string;
}

/** Seeds per example for the distribution. */
const RUNS = 1000;

/** Votes of `n` agents `agent-0..n-1`: the first `forCount` 'for', the rest 'against'. */
function votes(n: number, forCount: number): Record<string, string> {
  const v: Record<string, string> = {};
  for (let i = 0; i < n; i++) v[`agent-${i}`] = i < forCount ? 'for' : 'against';
  return v;
}

const EXAMPLES: readonly Example[] = [
  {
    title: 'Example 1: basic gossip, 10 agents (7 for, 3 against)',
    options: { fanout: 3, rounds: 5, convergenceThreshold: 0.95 },
    proposal: { proposalId: 'deploy-v2', votes: votes(10, 7), threshold: 0.66 },
    claimedRounds: [2, 3],
    claimedMessages: '~90',
  },
  {
    title: 'Example 2: large scale, 100 agents (70 for, 30 against)',
    options: { fanout: 5, rounds: 10, convergenceThreshold: 0.95 },
    proposal: { proposalId: 'scale-test', votes: votes(100, 70) },
    claimedRounds: [4, 7],
    claimedMessages: '~3,500',
  },
];

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

for (const ex of EXAMPLES) {
  const { options, proposal } = ex;
  const r = new GossipProtocol(options).propose(proposal);
  const m = r.metadata;
  console.log(ex.title);
  console.log(
    `  fanout ${options.fanout}, rounds ${options.rounds}, convergence ${options.convergenceThreshold}` +
      (proposal.threshold !== undefined ? `, proposal threshold ${proposal.threshold}` : '') +
      `, seed ${JSON.stringify(m.seed)}`,
  );
  console.log(
    `  decision: ${r.decision}  value: ${r.value ?? 'null'}  rounds: ${m.roundsExecuted}  ` +
      `messages: ${m.messages}  agreement: ${m.agreement.toFixed(3)}`,
  );

  const decisions = { approved: 0, rejected: 0, 'no-consensus': 0 };
  let minRounds = Infinity;
  let maxRounds = -Infinity;
  let sumRounds = 0;
  let sumMessages = 0;
  let inClaim = 0;
  const [lo, hi] = ex.claimedRounds;
  for (let i = 0; i < RUNS; i++) {
    const seed = `${proposal.proposalId}-${i}`;
    const run = new GossipProtocol({ ...options, seed }).propose(proposal);
    const rounds = run.metadata.roundsExecuted;
    decisions[run.decision]++;
    minRounds = Math.min(minRounds, rounds);
    maxRounds = Math.max(maxRounds, rounds);
    sumRounds += rounds;
    sumMessages += run.metadata.messages;
    if (run.metadata.converged && rounds >= lo && rounds <= hi) inClaim++;
  }
  const id = proposal.proposalId;
  console.log(
    `  over ${RUNS} seeds (${id}-0 .. ${id}-${RUNS - 1}): approved ${pct(decisions.approved / RUNS)}, ` +
      `rejected ${pct(decisions.rejected / RUNS)}, no-consensus ${pct(decisions['no-consensus'] / RUNS)}`,
  );
  console.log(
    `  rounds min ${minRounds} / mean ${(sumRounds / RUNS).toFixed(2)} / max ${maxRounds}; ` +
      `converged within the seed's claimed ${lo}-${hi} rounds: ${pct(inClaim / RUNS)}; ` +
      `mean messages ${(sumMessages / RUNS).toFixed(1)} (seed's table: ${ex.claimedMessages})`,
  );
  console.log('');
}
