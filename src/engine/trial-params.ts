// The parameters of one trial as a user gives them (TrialParams) and as planTrial resolves them
// (TrialPlan): types only, so the planners below params.ts can name them without importing it.
import type { EngineName, Protocol, StartKind, TopologyName } from './constants.ts';
import type { Rule } from './rule.ts';
import type { DisseminationParams, DisseminationPlan } from './dissemination-plan.ts';

/**
 * Parameters of one trial. Only `n` and `fanout` are required; every other field has a default
 * (see {@link DEFAULTS}) and is checked by {@link planTrial}, which throws a `ParameterError`
 * naming the field.
 */
export interface TrialParams extends DisseminationParams {
  /** Number of agents, integer >= 2. */
  n: number;
  /**
   * Peers each live agent contacts per round, integer >= 1; `min(fanout, n - 1)` are used on
   * the complete graph, `min(fanout, degree of the agent)` on a topology. Ignored by
   * `3-majority` and `2-choices`, which always make 3 and 2 contacts.
   */
  fanout: number;
  /**
   * Agreement at which the network has converged, in (0, 1]. Default 0.95. For the rumor
   * protocols the "agreement" is the informed fraction of the live agents, so 1 means everyone.
   */
  threshold?: number;
  /** Round limit, integer >= 1. Default 100. */
  maxRounds?: number;
  /**
   * Initial opinions: `split` (default for the consensus protocols), `near-balanced`, `counts`
   * (their default when `counts` is given), `plurality`, or `source` (one informed agent, placed
   * uniformly at random from the placement stream: the default and the only start of the rumor
   * protocols; any other start with a rumor protocol, or `source` with a consensus protocol, is a
   * ParameterError on `start`).
   */
  start?: StartKind;
  /** With `start: 'split'`: fraction of agents holding opinion 0, in [0, 1]. Default 0.7. */
  split?: number;
  /** With `start: 'counts'`: agents holding each opinion id (2 to 255 entries, summing to n). */
  counts?: readonly number[];
  /** With `start: 'plurality'`: the number of opinions m, an integer from 2 to 255. Required there. */
  opinions?: number;
  /**
   * With `start: 'plurality'`: the lead of opinion 0, a number >= 0. Default 0.1. Opinion 0 holds
   * `round(n (1 + bias) / (m + bias))` agents ((1 + bias) times each other opinion's share), and
   * the other agents are shared as equally as possible among opinions 1..m-1: each gets
   * `floor(rest / (m - 1))`, and the smallest ids one more until `rest` is used up.
   */
  bias?: number;
  /** Fraction of agents that crash, in [0, 1). Default 0. */
  crashFraction?: number;
  /** Completed rounds before the crash (0 = before the first round). Default 0. */
  crashRound?: number;
  /**
   * Rounds a crashed agent stays down, integer >= 0; 0 (the default) = never comes back. With
   * r >= 1, the agents that crashed after `crashRound` = c completed rounds miss rounds
   * c + 1 .. c + r and are live again from round c + r + 1 on, holding the opinion they had when
   * they crashed. Ignored when `crashFraction` is 0.
   */
  crashRecovery?: number;
  /**
   * Probability that a contact is lost, in [0, 1]. Default 0. Each contact (a sampled peer) is
   * lost independently: the message still counts, but no opinion passes either way (a lost pull
   * learns nothing, a lost push informs nobody). 0 draws nothing (the default trial's streams are
   * unchanged); 1 means no agent ever learns anything.
   */
  lossRate?: number;
  /**
   * Fraction of stubborn agents, in [0, 1). Default 0. `round(stubbornFraction * n)` agents,
   * chosen uniformly at random among the initial holders of `stubbornOpinion`, never change their
   * opinion. They are otherwise ordinary: they make their contacts (which count as messages),
   * answer with their opinion, push it (rumor protocols) and can crash.
   */
  stubbornFraction?: number;
  /**
   * Opinion of the stubborn agents, an opinion id of the trial. Default: the initial minority,
   * the opinion held by the fewest agents at the start among those held by any (smallest id on
   * ties; for the rumor protocols that is 1, the source: pass 0 for agents that refuse the
   * rumor). A ParameterError on `stubbornFraction` when fewer agents hold it.
   */
  stubbornOpinion?: number;
  /**
   * Protocol. Default `majority`, the seed's rule (own opinion plus `min(fanout, n - 1)` distinct
   * peers, most frequent wins, ties to the first seen). `3-majority`: 3 peers drawn with
   * replacement, adopt the most frequent of their answers, ties (all differ) to the first.
   * `2-choices`: 2 peers with replacement, adopt their opinion when both answer alike, else keep
   * one's own. Rumor spreading from one source (opinion 1 = informed): `push` (informed agents
   * inform `min(fanout, n - 1)` distinct peers), `pull` (uninformed agents ask as many and are
   * informed if any of them was), `push-pull` (every agent contacts them: informed ones push,
   * uninformed ones pull). Fewer answers than contacts (crashed or lost peers): majority and
   * 3-majority go by the answers they got (none: keep one's own), 2-choices needs both.
   * Dissemination as deployed, from one source and run to quiescence: `rumor-mongering`
   * (Demers et al. 1987; see `feedback`, `removal`, `k`) and `memberlist` (memberlist's
   * retransmission-limited broadcast; see `retransmitMult`), with `timing` and `interval`.
   */
  protocol?: Protocol;
  /**
   * Network: `complete` (default: implicit, every other agent is a peer), `ring`, `torus`,
   * `regular`, `er`, `ws` or `ba` (generated once per trial from its topology stream; agents
   * sample only their neighbours).
   */
  topology?: TopologyName;
  /**
   * Degree parameter of the topology. Default 4. `ring` and `ws`: 2k, an even integer from 2 to
   * n - 1 (each agent linked to its k nearest on each side, before rewiring); `regular`: d, an
   * integer from 1 to n - 1 with n d even; `er`: the mean degree (edge probability
   * degree / (n - 1)), a number from 0 to n - 1; `ba`: 2m, an even integer from 2 to 2(n - 1)
   * (each new agent attaches to m, so the mean degree tends to 2m); `torus`: always 4 (n must
   * be a perfect square >= 9); `complete`: ignored (n - 1). n * degree must stay <= 2^31.
   */
  degree?: number;
  /** With `topology: 'ws'`: the Watts-Strogatz rewiring probability beta, in [0, 1]. Default 0.1. */
  rewire?: number;
  /**
   * Which engine runs the trial: `agent` (default; every agent simulated, n up to 2^31 - 1) or
   * `count` (the complete graph only: the number of agents of each kind, next counts drawn from
   * their exact law; n up to 2^53 - 1; no push or push-pull; see src/engine/count/). Both give
   * the same distribution of results; a trial that `count` cannot run exactly is a
   * ParameterError on `engine`.
   */
  engine?: EngineName;
  /** Record the agreement after every round in the result. Default false. */
  recordAgreement?: boolean;
  /**
   * A user update rule (see `defineRule`) instead of a built-in protocol: the rule itself, or the
   * name of a registered one (what grids and workers use). `protocol` must then be absent. The
   * start must use at most the rule's `opinions`; every fault and topology applies as to the
   * built-in kernels. Default: none (null or absent).
   */
  rule?: Rule | string | null;
}

/** Validated parameters with every default filled in and the derived counts computed. */
export interface TrialPlan extends DisseminationPlan {
  readonly n: number;
  readonly fanout: number;
  /**
   * Contacts per agent and round on the complete graph: `min(fanout, n - 1)` for `majority` and
   * the rumor protocols, 3 for `3-majority`, 2 for `2-choices`; for a rule, its `count` with
   * replacement, else `min(fanout, n - 1)` with the rule's fanout when it fixes one. On a topology an agent of degree
   * d makes `min(k, d)` (polling protocols: k if d >= 1, else 0).
   */
  readonly k: number;
  readonly threshold: number;
  readonly maxRounds: number;
  readonly start: StartKind;
  /** Agents holding each opinion at the start; its length is the number of opinions m. */
  readonly initialCounts: readonly number[];
  /** Fraction of agents holding opinion 0 at the start (the split actually used). */
  readonly split: number;
  /** The plurality start's bias; 0 for every other start. */
  readonly bias: number;
  readonly crashFraction: number;
  readonly crashRound: number;
  /** Agents that crash: `round(crashFraction * n)`, at most n - 1 so one agent stays live. */
  readonly crashCount: number;
  /** Rounds the crashed agents stay down; 0 = for good. */
  readonly crashRecovery: number;
  readonly lossRate: number;
  readonly stubbornFraction: number;
  /** Stubborn agents: `round(stubbornFraction * n)`. */
  readonly stubbornCount: number;
  /** Opinion the stubborn agents hold (resolved even when there are none). */
  readonly stubbornOpinion: number;
  readonly protocol: Protocol;
  readonly topology: TopologyName;
  /** The topology's degree parameter (see `TrialParams.degree`): n - 1 on the complete graph. */
  readonly degree: number;
  /** The Watts-Strogatz rewiring probability; 0 for other topologies. */
  readonly rewire: number;
  /** The engine that runs the trial. */
  readonly engine: EngineName;
  readonly recordAgreement: boolean;
  /** The user rule the trial runs instead of `protocol` (then `majority`, unused), or null. */
  readonly rule: Rule | null;
}
