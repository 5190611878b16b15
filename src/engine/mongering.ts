// Round kernels of dissemination as deployed, synchronous rounds on the complete graph: rumor
// mongering's four variants (Demers et al. 1987) and memberlist's retransmission-limited broadcast.
// A state byte per agent: SUSCEPTIBLE, INFECTIVE (knows and still sends), REMOVED (knows, stopped),
// CRASHED (failed: picked, receives nothing).
//
// Contract (as rumor.ts): `next` starts the round as a copy of `cur`; a kernel reads states from
// `cur` only, and writes into `next` only SUSCEPTIBLE -> INFECTIVE (any agent, always the same
// value, with `informedAt[p] = round` and, for memberlist, the full budget) and INFECTIVE ->
// REMOVED (its own agents). The per-agent counters and budgets are touched only by their owner
// while it is infective, and by a push only while the agent is still susceptible. So the result
// does not depend on how the blocks are split or in what order they run.
import { CRASHED } from './constants.ts';
import { lost } from './contacts.ts';
import { nextU32 } from './rng.ts';
import { samplePeers, type PeerScratch } from './sampling.ts';

// CRASHED as a plain module binding (an imported binding read in a hot loop can cost a getter call
// under the TypeScript loader).
const crashed = CRASHED;

/** State of an agent that has not heard the news. */
export const SUSCEPTIBLE = 0;
/** State of an agent that knows and still spreads. */
export const INFECTIVE = 1;
/** State of an agent that knows and has stopped spreading (lost interest, or spent its budget). */
export const REMOVED = 2;

/** Per-agent arrays of a dissemination trial besides the two state buffers, allocated once. */
export interface SpreadState {
  /** When each agent learnt the news (round, or time in intervals; +Infinity while it has not). */
  readonly informedAt: Float64Array;
  /** Rumor mongering's counters (unnecessary contacts in a row, or contacts made). */
  readonly counter: Uint8Array;
  /** memberlist's transmissions left per node. */
  readonly budget: Uint16Array;
}

/** Allocates the per-agent arrays of n agents (`informedAt` all +Infinity). */
export function spreadState(n: number): SpreadState {
  return { informedAt: new Float64Array(n).fill(Infinity), counter: new Uint8Array(n), budget: new Uint16Array(n) };
}

/**
 * Arguments of a round kernel besides the buffers, one object per trial (mutated only in
 * `round` and the stream states between rounds, nothing allocated per round).
 */
export interface MongerRound {
  /** Agents. */
  readonly n: number;
  /** Contacts per tick: `min(fanout, n - 1)`. */
  readonly k: number;
  /** Rumor mongering's k (the removal rule's parameter). */
  readonly removalK: number;
  /** Coin threshold for probability 1 / removalK (see `lossThreshold`). */
  readonly coinCut: number;
  /** Loss threshold (0 = no loss, nothing drawn). */
  readonly lossCut: number;
  /** memberlist's budget of a newly informed node. */
  readonly limit: number;
  /** The round being run (1-based); what newly informed agents get in `informedAt`. */
  round: number;
  readonly spread: SpreadState;
  readonly sampling: PeerScratch;
}

/** A round kernel over agents [lo, hi): returns the messages (contacts) sent. */
export type MongerBlock = (cur: Uint8Array, next: Uint8Array, lo: number, hi: number, a: MongerRound, st: Int32Array, lossSt: Int32Array, coinSt: Int32Array) => number;

/**
 * Feedback + coin: each infective agent contacts k distinct peers; a peer that was susceptible at
 * the start of the round is informed; a contact is unnecessary when the peer already knew, and
 * after each unnecessary one the agent loses interest with probability 1 / removalK (one coin
 * draw per unnecessary contact until it has). Lost contacts and failed peers answer nothing: they
 * are neither necessary nor unnecessary.
 */
export function feedbackCoinBlock(cur: Uint8Array, next: Uint8Array, lo: number, hi: number, a: MongerRound, st: Int32Array, lossSt: Int32Array, coinSt: Int32Array): number {
  const { n, k, coinCut, lossCut, round, sampling } = a;
  const informedAt = a.spread.informedAt;
  const peers = sampling.peers;
  let messages = 0;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== INFECTIVE) continue;
    samplePeers(i, n, k, st, sampling);
    messages += k;
    let out = false;
    for (let j = 0; j < k; j++) {
      const p = peers[j]!;
      if (lost(lossSt, lossCut)) continue;
      const o = cur[p]!;
      if (o === SUSCEPTIBLE) {
        next[p] = INFECTIVE;
        informedAt[p] = round;
      } else if (o !== crashed && !out && nextU32(coinSt) < coinCut) {
        out = true;
      }
    }
    if (out) next[i] = REMOVED;
  }
  return messages;
}

/**
 * Feedback + counter: as {@link feedbackCoinBlock}, but the agent loses interest after removalK
 * unnecessary contacts in a row; a necessary contact resets the count, lost and failed ones leave
 * it. Contacts are taken in the order drawn; once the count reaches removalK the agent is out.
 */
export function feedbackCounterBlock(cur: Uint8Array, next: Uint8Array, lo: number, hi: number, a: MongerRound, st: Int32Array, lossSt: Int32Array): number {
  const { n, k, removalK, lossCut, round, sampling } = a;
  const { informedAt, counter } = a.spread;
  const peers = sampling.peers;
  let messages = 0;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== INFECTIVE) continue;
    samplePeers(i, n, k, st, sampling);
    messages += k;
    let c = counter[i]!;
    let out = false;
    for (let j = 0; j < k; j++) {
      const p = peers[j]!;
      if (lost(lossSt, lossCut)) continue;
      const o = cur[p]!;
      if (o === SUSCEPTIBLE) {
        next[p] = INFECTIVE;
        informedAt[p] = round;
        if (!out) c = 0;
      } else if (o !== crashed && !out && ++c >= removalK) {
        out = true;
      }
    }
    if (out) next[i] = REMOVED;
    else counter[i] = c;
  }
  return messages;
}

/**
 * Blind + coin: after each contact (necessary or not, lost or not) the agent loses interest with
 * probability 1 / removalK (one coin draw per contact until it has).
 */
export function blindCoinBlock(cur: Uint8Array, next: Uint8Array, lo: number, hi: number, a: MongerRound, st: Int32Array, lossSt: Int32Array, coinSt: Int32Array): number {
  const { n, k, coinCut, lossCut, round, sampling } = a;
  const informedAt = a.spread.informedAt;
  const peers = sampling.peers;
  let messages = 0;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== INFECTIVE) continue;
    samplePeers(i, n, k, st, sampling);
    messages += k;
    let out = false;
    for (let j = 0; j < k; j++) {
      const p = peers[j]!;
      if (!lost(lossSt, lossCut) && cur[p] === SUSCEPTIBLE) {
        next[p] = INFECTIVE;
        informedAt[p] = round;
      }
      if (!out && nextU32(coinSt) < coinCut) out = true;
    }
    if (out) next[i] = REMOVED;
  }
  return messages;
}

/** Blind + counter: the agent stops after the round in which its contacts reach removalK. */
export function blindCounterBlock(cur: Uint8Array, next: Uint8Array, lo: number, hi: number, a: MongerRound, st: Int32Array, lossSt: Int32Array): number {
  const { n, k, removalK, lossCut, round, sampling } = a;
  const { informedAt, counter } = a.spread;
  const peers = sampling.peers;
  let messages = 0;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== INFECTIVE) continue;
    samplePeers(i, n, k, st, sampling);
    messages += k;
    for (let j = 0; j < k; j++) {
      const p = peers[j]!;
      if (!lost(lossSt, lossCut) && cur[p] === SUSCEPTIBLE) {
        next[p] = INFECTIVE;
        informedAt[p] = round;
      }
    }
    const c = counter[i]! + k;
    if (c >= removalK) next[i] = REMOVED;
    else counter[i] = c;
  }
  return messages;
}

/**
 * memberlist's broadcast: each node that knows and has budget left sends to `min(k, budget left)`
 * distinct random other nodes, each transmission using one unit (lost ones and those to failed
 * nodes too); a node that learns the news gets the full budget `limit`; a node whose budget is
 * spent is REMOVED.
 */
export function memberlistBlock(cur: Uint8Array, next: Uint8Array, lo: number, hi: number, a: MongerRound, st: Int32Array, lossSt: Int32Array): number {
  const { n, k, limit, lossCut, round, sampling } = a;
  const { informedAt, budget } = a.spread;
  const peers = sampling.peers;
  let messages = 0;
  for (let i = lo; i < hi; i++) {
    if (cur[i] !== INFECTIVE) continue;
    const left = budget[i]!;
    const c = left < k ? left : k;
    samplePeers(i, n, c, st, sampling);
    messages += c;
    for (let j = 0; j < c; j++) {
      const p = peers[j]!;
      if (!lost(lossSt, lossCut) && cur[p] === SUSCEPTIBLE) {
        next[p] = INFECTIVE;
        informedAt[p] = round;
        budget[p] = limit;
      }
    }
    if (left === c) next[i] = REMOVED;
    else budget[i] = left - c;
  }
  return messages;
}
