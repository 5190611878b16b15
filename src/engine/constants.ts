// The engine's fixed vocabulary: limits, the names of protocols, starts and topologies, and the
// defaults of the optional trial parameters (re-exported by params.ts, which documents them).

/** Opinion value of a crashed agent in the opinion arrays; real opinions are 0..254. */
export const CRASHED = 255;
/** Largest number of distinct opinions (ids 0..254). */
export const MAX_OPINIONS = 255;
/** Largest network size the engine accepts (typed-array indices stay int32). */
export const MAX_N = 2 ** 31 - 1;

/** The protocols, in the order the docs list them: `majority` is the seed's rule. */
export const PROTOCOLS = ['majority', '3-majority', '2-choices', 'push', 'pull', 'push-pull', 'rumor-mongering', 'memberlist'] as const;
/** A protocol name. */
export type Protocol = (typeof PROTOCOLS)[number];

/** The rumor-spreading protocols: one source, opinion 1 = informed, 0 = uninformed. */
export const RUMOR_PROTOCOLS = ['push', 'pull', 'push-pull'] as const;
/** A rumor protocol name. */
export type RumorProtocol = (typeof RUMOR_PROTOCOLS)[number];

/** Whether `protocol` spreads a rumor (rather than seeking consensus). */
export function isRumor(protocol: Protocol): protocol is RumorProtocol {
  return protocol === 'push' || protocol === 'pull' || protocol === 'push-pull';
}

/**
 * Dissemination as deployed: protocols that stop on their own (Demers et al.'s rumor mongering,
 * memberlist's retransmission-limited broadcast), run to quiescence by `dissemination.ts`.
 */
export const DEPLOYED_PROTOCOLS = ['rumor-mongering', 'memberlist'] as const;
/** A deployed dissemination protocol. */
export type DeployedProtocol = (typeof DEPLOYED_PROTOCOLS)[number];

/** Whether `protocol` is a deployed dissemination protocol (one source, runs to quiescence). */
export function isDeployed(protocol: Protocol): protocol is DeployedProtocol {
  return protocol === 'rumor-mongering' || protocol === 'memberlist';
}

/** Rumor mongering: whether an agent loses interest only after unnecessary contacts (`feedback`) or after any (`blind`). */
export const FEEDBACK_KINDS = ['feedback', 'blind'] as const;
/** A feedback kind. */
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
/** Rumor mongering: lose interest with probability 1/k per counted contact (`coin`) or after k of them (`counter`). */
export const REMOVAL_KINDS = ['coin', 'counter'] as const;
/** A removal kind. */
export type RemovalKind = (typeof REMOVAL_KINDS)[number];
/** Time models: synchronous `rounds`, or per-node `timers` with random phases. */
export const TIMINGS = ['rounds', 'timers'] as const;
/** A time model. */
export type Timing = (typeof TIMINGS)[number];

/** How the initial opinions are set. */
export const START_KINDS = ['split', 'near-balanced', 'counts', 'plurality', 'source'] as const;
/** A start kind. */
export type StartKind = (typeof START_KINDS)[number];

/** The network topologies: `complete` is implicit (no arrays), the others are generated CSR graphs. */
export const TOPOLOGIES = ['complete', 'ring', 'torus', 'regular', 'er', 'ws', 'ba'] as const;
/** A topology name as trial parameters spell it. */
export type TopologyName = (typeof TOPOLOGIES)[number];

/**
 * The engines: `agent` simulates every agent (any protocol and topology, n < 2^31); `count` keeps
 * only the number of agents of each kind on the complete graph and draws the next counts from
 * their exact law (n < 2^53; see src/engine/count/).
 */
export const ENGINES = ['agent', 'count'] as const;
/** An engine name. */
export type EngineName = (typeof ENGINES)[number];

/** Default values of the optional parameters (see `TrialParams` for their meaning). */
export const DEFAULTS = {
  threshold: 0.95,
  maxRounds: 100,
  start: 'split',
  split: 0.7,
  crashFraction: 0,
  crashRound: 0,
  protocol: 'majority',
  bias: 0.1,
  lossRate: 0,
  crashRecovery: 0,
  stubbornFraction: 0,
  topology: 'complete',
  degree: 4,
  rewire: 0.1,
  engine: 'agent',
  feedback: 'feedback',
  removal: 'coin',
  k: 1,
  retransmitMult: 4,
  timing: 'rounds',
  interval: 0.2,
} as const;
