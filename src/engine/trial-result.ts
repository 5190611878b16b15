// What one trial measured, whichever engine or kernel ran it: the agent engine, the count engine
// or a dissemination protocol (which adds its spread metrics).

/** What a dissemination trial measured beyond the common result (NaN where not reached). */
export interface SpreadMetrics {
  /** Share of the live agents never informed. */
  residue: number;
  /** Mean over the informed live agents of when each learnt the news (the source at 0): a round, or under `timers` a time in intervals. */
  meanInformedRound: number;
  /** The latest of those times. */
  lastInformedRound: number;
  /** Seconds until 99% of the live agents knew (round r ends at r x interval); NaN if never. */
  secondsTo99: number;
  /** Seconds until 99.99% of the live agents knew; NaN if never. */
  secondsTo9999: number;
  /** Seconds until every live agent knew; NaN if never. */
  secondsToAll: number;
}

/** What one trial measured. */
export interface TrialResult {
  /** Rounds run (>= 1: at least one round always runs, as in the seed). */
  rounds: number;
  /** Whether agreement reached the threshold within `maxRounds`. */
  converged: boolean;
  /** The opinion the live agents converged on (1 for a rumor protocol); null when the trial did not converge. */
  winner: number | null;
  /**
   * The opinion held by the most live agents after the last round, converged or not, the smallest
   * id on ties (for a rumor protocol 1 when more live agents are informed than not, else 0).
   */
  leader: number;
  /**
   * Share of live agents holding the most common opinion after the last round; for the rumor
   * protocols, the informed share of the live agents.
   */
  finalAgreement: number;
  /**
   * Peer contacts, lost or not: each live agent contacts `min(fanout, n - 1)` peers a round with
   * the seed's majority on the complete graph (see `TrialPlan.k` and docs/protocols-and-faults.md
   * for the others).
   */
  messages: number;
  /** Agents that had not crashed at the end. */
  live: number;
  /** Agreement after each round (index r - 1 for round r), when `recordAgreement` was set. */
  agreement?: Float64Array;
  /** Dissemination protocols (`rumor-mongering`, `memberlist`): residue, times and seconds. */
  spread?: SpreadMetrics;
}
