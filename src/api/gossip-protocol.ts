// The seed's API, `GossipProtocol.propose(proposal)`, ported to TypeScript on top of the engine:
// votes are tallied into opinion counts, one engine trial runs, and its outcome becomes a decision.
import { MAX_OPINIONS, ParameterError, runTrial } from '../engine/index.ts';

/** Outcome of a proposal; see {@link GossipProtocol.propose} for the rule. */
export type Decision = 'approved' | 'rejected' | 'no-consensus';

/** Options of a {@link GossipProtocol}, checked when it is constructed. */
export interface GossipProtocolOptions {
  /** Peers each agent contacts per round, integer >= 1 (`min(fanout, agents - 1)` are used). */
  readonly fanout: number;
  /** Round limit, integer >= 1 (the engine's `maxRounds`). */
  readonly rounds: number;
  /** Agreement at which gossip has converged, in (0, 1]. Default {@link DEFAULT_CONVERGENCE_THRESHOLD}. */
  readonly convergenceThreshold?: number;
  /**
   * Seed of every trial this instance runs: a string or a finite number. When absent, each
   * proposal is seeded with its `proposalId`, so the same proposal always gives the same result.
   */
  readonly seed?: number | string;
  /** The opinion whose convergence approves a proposal. Default {@link DEFAULT_APPROVE_VALUE}. */
  readonly approveValue?: string;
}

/** A proposal put to the network. */
export interface Proposal {
  /** Identifies the proposal; also the trial's seed when the protocol has none. Non-empty. */
  readonly proposalId: string;
  /**
   * Each agent's initial opinion, keyed by agent id: a plain object or a Map. At least 2 agents
   * and at most 255 distinct opinions; opinions are arbitrary strings ('for' / 'against' typically).
   */
  readonly votes: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  /**
   * Least final agreement needed to approve, in (0, 1]. Default 0 (convergence alone decides).
   * It only matters when it exceeds the protocol's `convergenceThreshold`.
   */
  readonly threshold?: number;
}

/** What a proposal's trial measured. */
export interface ProposalMetadata {
  /** Rounds of gossip run (>= 1: a round always runs, even on a unanimous network). */
  readonly roundsExecuted: number;
  /** Peer contacts: `roundsExecuted * agents * min(fanout, agents - 1)`. */
  readonly messages: number;
  /** Share of agents holding the most common opinion after the last round. */
  readonly agreement: number;
  /** Whether `agreement` reached `convergenceThreshold` within `rounds`. */
  readonly converged: boolean;
  /** Number of agents (entries in `votes`). */
  readonly agents: number;
  /** The protocol's `fanout` option as given. */
  readonly fanout: number;
  /** The seed the trial ran with: the protocol's `seed`, else the `proposalId`. */
  readonly seed: number | string;
}

/** The result of {@link GossipProtocol.propose}. */
export interface ProposalResult {
  readonly proposalId: string;
  readonly decision: Decision;
  /** The opinion the network converged on; null when it did not converge. */
  readonly value: string | null;
  readonly metadata: ProposalMetadata;
}

/** Default `convergenceThreshold`: 95% of the agents agree, as in the seed. */
export const DEFAULT_CONVERGENCE_THRESHOLD = 0.95;
/** Default `approveValue`. */
export const DEFAULT_APPROVE_VALUE = 'for';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const inUnitInterval = (v: unknown): v is number => typeof v === 'number' && v > 0 && v <= 1;

/** Distinct opinions in order of first appearance, and how many agents hold each. */
interface Tally {
  readonly opinions: readonly string[];
  readonly counts: number[];
  readonly agents: number;
}

/**
 * Counts the votes per distinct opinion, ids given in order of first appearance (a Map's
 * insertion order; a plain object's property order, which lists integer-like agent ids first).
 * Throws {@link ParameterError} (`votes`) on a non-string opinion, fewer than 2 agents or more
 * than 255 distinct opinions; for the last two its `value` is the agent or opinion count.
 */
function tallyVotes(votes: Proposal['votes']): Tally {
  let entries: Iterable<readonly [unknown, unknown]>;
  if (votes instanceof Map) entries = votes.entries();
  else if (typeof votes === 'object' && votes !== null && !Array.isArray(votes)) entries = Object.entries(votes);
  else throw new ParameterError('votes', votes, 'a plain object or a Map of agent ids to opinions');

  const ids = new Map<string, number>();
  const opinions: string[] = [];
  const counts: number[] = [];
  let agents = 0;
  for (const [agent, opinion] of entries) {
    if (typeof agent !== 'string') throw new ParameterError('votes', agent, 'keyed by string agent ids');
    if (typeof opinion !== 'string') throw new ParameterError(`votes[${JSON.stringify(agent)}]`, opinion, 'a string');
    let id = ids.get(opinion);
    if (id === undefined) {
      id = opinions.length;
      ids.set(opinion, id);
      opinions.push(opinion);
      counts.push(0);
    }
    counts[id]!++;
    agents++;
  }
  if (agents < 2) throw new ParameterError('votes', agents, 'from at least 2 agents');
  if (opinions.length > MAX_OPINIONS) {
    throw new ParameterError('votes', opinions.length, `at most ${MAX_OPINIONS} distinct opinions`);
  }
  // The engine needs at least two opinion ids: pad a unanimous vote with an empty one.
  if (counts.length === 1) counts.push(0);
  return { opinions, counts, agents };
}

/**
 * Epidemic-style consensus on a proposal, as in the seed's `GossipProtocol`: every agent starts
 * with its vote; each round, every agent looks at its own opinion and those of `fanout` distinct
 * random peers and adopts the most frequent (ties to its own, then to the first seen); rounds
 * stop once `convergenceThreshold` of the agents agree, or after `rounds` rounds.
 *
 * Runs on the engine's complete graph, where agent ids do not matter: only how many agents hold
 * each opinion does, and the engine places the opinions at random positions drawn from the seed.
 * A run is a pure function of (options, proposal): every draw comes from the seeded engine.
 *
 * ```ts
 * const gossip = new GossipProtocol({ fanout: 3, rounds: 5, convergenceThreshold: 0.95 });
 * const result = gossip.propose({ proposalId: 'deploy-v2', votes, threshold: 0.66 });
 * result.decision; // 'approved' | 'rejected' | 'no-consensus'
 * ```
 */
export class GossipProtocol {
  readonly fanout: number;
  readonly rounds: number;
  readonly convergenceThreshold: number;
  readonly seed: number | string | undefined;
  readonly approveValue: string;

  /** Checks the options; throws {@link ParameterError} naming the first one out of its domain. */
  constructor(options: GossipProtocolOptions) {
    const { fanout, rounds } = options;
    if (!isInt(fanout) || fanout < 1) throw new ParameterError('fanout', fanout, 'an integer >= 1');
    if (!isInt(rounds) || rounds < 1) throw new ParameterError('rounds', rounds, 'an integer >= 1');
    const convergenceThreshold = options.convergenceThreshold ?? DEFAULT_CONVERGENCE_THRESHOLD;
    if (!inUnitInterval(convergenceThreshold)) {
      throw new ParameterError('convergenceThreshold', convergenceThreshold, 'in (0, 1]');
    }
    const { seed } = options;
    if (seed !== undefined && typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) {
      throw new ParameterError('seed', seed, 'a string or a finite number');
    }
    const approveValue = options.approveValue ?? DEFAULT_APPROVE_VALUE;
    if (typeof approveValue !== 'string') throw new ParameterError('approveValue', approveValue, 'a string');
    this.fanout = fanout;
    this.rounds = rounds;
    this.convergenceThreshold = convergenceThreshold;
    this.seed = seed;
    this.approveValue = approveValue;
  }

  /**
   * Gossips the proposal's votes and decides:
   * - `'approved'` when gossip converged (agreement >= `convergenceThreshold` within `rounds`)
   *   on `approveValue` (default `'for'`) and the final agreement is >= the proposal's
   *   `threshold` (default 0, so convergence alone decides);
   * - `'rejected'` when it converged on any other opinion, or on `approveValue` with agreement
   *   below the proposal's `threshold`;
   * - `'no-consensus'` when it did not converge within `rounds` (then `value` is null).
   *
   * Throws {@link ParameterError} on a bad proposal (`proposalId`, `votes`, `threshold`).
   * The seed is the protocol's `seed` when given, else `proposalId`. The opinion ids, and so the
   * random placement for a given seed, follow the order in which opinions first appear in
   * `votes`: reordering the votes can change an individual run, not the distribution of runs
   * (except that with `convergenceThreshold <= 0.5` an exact tie between the leading opinions
   * goes to the one that appears first).
   */
  propose(proposal: Proposal): ProposalResult {
    const { proposalId, votes } = proposal;
    if (typeof proposalId !== 'string' || proposalId.length === 0) {
      throw new ParameterError('proposalId', proposalId, 'a non-empty string');
    }
    const threshold = proposal.threshold ?? 0;
    if (proposal.threshold !== undefined && !inUnitInterval(threshold)) {
      throw new ParameterError('threshold', threshold, 'in (0, 1]');
    }
    const { opinions, counts, agents } = tallyVotes(votes);
    const seed = this.seed ?? proposalId;
    const trial = runTrial(
      {
        n: agents,
        fanout: this.fanout,
        threshold: this.convergenceThreshold,
        maxRounds: this.rounds,
        start: 'counts',
        counts,
      },
      seed,
    );

    let value: string | null = null;
    if (trial.winner !== null) {
      const won = opinions[trial.winner];
      if (won === undefined) throw new Error(`engine reported winner id ${trial.winner} outside the ${opinions.length} opinions`);
      value = won;
    }
    let decision: Decision;
    if (!trial.converged) decision = 'no-consensus';
    else if (value === this.approveValue && trial.finalAgreement >= threshold) decision = 'approved';
    else decision = 'rejected';

    return {
      proposalId,
      decision,
      value,
      metadata: {
        roundsExecuted: trial.rounds,
        messages: trial.messages,
        agreement: trial.finalAgreement,
        converged: trial.converged,
        agents,
        fanout: this.fanout,
        seed,
      },
    };
  }
}
