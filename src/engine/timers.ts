// The `timers` time model of dissemination: every node ticks every interval at its own phase,
// zero latency, simulated exactly in time order (within an interval, the nodes in phase order).
// One tick function per protocol variant, the counterpart of the round kernels in mongering.ts
// on a single state array: a peer "knew" at time T when it learnt the news strictly before T.
import { CRASHED } from './constants.ts';
import { lost } from './contacts.ts';
import { INFECTIVE, REMOVED, SUSCEPTIBLE, type MongerRound } from './mongering.ts';
import { nextU32 } from './rng.ts';
import { samplePeers } from './sampling.ts';

// Imported constants as plain module bindings (an imported binding read in a hot loop can cost a
// getter call under the TypeScript loader; the other kernels copy CRASHED into a local likewise).
const susceptible = SUSCEPTIBLE;
const infective = INFECTIVE;
const removed = REMOVED;
const crashed = CRASHED;

/**
 * One tick of node i at time T (in intervals) on `state`: its sends and its own loss of interest.
 * Adds the newly informed to `counts[0]` (informed) and `counts[1]` (infective), removes itself
 * from `counts[1]` when it stops; returns its messages. Called only for an infective node that
 * learnt the news before T.
 */
export type Tick = (state: Uint8Array, i: number, T: number, a: MongerRound, counts: Int32Array, st: Int32Array, lossSt: Int32Array, coinSt: Int32Array) => number;

/** Informs the susceptible node p at time T. */
function inform(state: Uint8Array, p: number, T: number, a: MongerRound, counts: Int32Array): void {
  state[p] = infective;
  a.spread.informedAt[p] = T;
  a.spread.budget[p] = a.limit;
  counts[0]!++;
  counts[1]!++;
}

/** Takes node i out (it stops spreading). */
function remove(state: Uint8Array, i: number, counts: Int32Array): void {
  state[i] = removed;
  counts[1]!--;
}

/** Feedback + coin (see `feedbackCoinBlock`): a contact is unnecessary when the peer learnt before T. */
export function feedbackCoinTick(state: Uint8Array, i: number, T: number, a: MongerRound, counts: Int32Array, st: Int32Array, lossSt: Int32Array, coinSt: Int32Array): number {
  const { n, k, coinCut, lossCut, sampling } = a;
  const informedAt = a.spread.informedAt;
  const peers = sampling.peers;
  samplePeers(i, n, k, st, sampling);
  let out = false;
  for (let j = 0; j < k; j++) {
    const p = peers[j]!;
    if (lost(lossSt, lossCut)) continue;
    const o = state[p]!;
    if (o === susceptible) inform(state, p, T, a, counts);
    else if (o !== crashed && informedAt[p]! < T && !out && nextU32(coinSt) < coinCut) out = true;
  }
  if (out) remove(state, i, counts);
  return k;
}

/** Feedback + counter (see `feedbackCounterBlock`). */
export function feedbackCounterTick(state: Uint8Array, i: number, T: number, a: MongerRound, counts: Int32Array, st: Int32Array, lossSt: Int32Array): number {
  const { n, k, removalK, lossCut, sampling } = a;
  const { informedAt, counter } = a.spread;
  const peers = sampling.peers;
  samplePeers(i, n, k, st, sampling);
  let c = counter[i]!;
  let out = false;
  for (let j = 0; j < k; j++) {
    const p = peers[j]!;
    if (lost(lossSt, lossCut)) continue;
    const o = state[p]!;
    if (o === crashed) continue;
    if (o === susceptible || informedAt[p]! >= T) {
      if (o === susceptible) inform(state, p, T, a, counts);
      if (!out) c = 0;
    } else if (!out && ++c >= removalK) {
      out = true;
    }
  }
  if (out) remove(state, i, counts);
  else counter[i] = c;
  return k;
}

/** Blind + coin (see `blindCoinBlock`). */
export function blindCoinTick(state: Uint8Array, i: number, T: number, a: MongerRound, counts: Int32Array, st: Int32Array, lossSt: Int32Array, coinSt: Int32Array): number {
  const { n, k, coinCut, lossCut, sampling } = a;
  const peers = sampling.peers;
  samplePeers(i, n, k, st, sampling);
  let out = false;
  for (let j = 0; j < k; j++) {
    const p = peers[j]!;
    if (!lost(lossSt, lossCut) && state[p] === susceptible) inform(state, p, T, a, counts);
    if (!out && nextU32(coinSt) < coinCut) out = true;
  }
  if (out) remove(state, i, counts);
  return k;
}

/** Blind + counter (see `blindCounterBlock`). */
export function blindCounterTick(state: Uint8Array, i: number, T: number, a: MongerRound, counts: Int32Array, st: Int32Array, lossSt: Int32Array): number {
  const { n, k, removalK, lossCut, sampling } = a;
  const counter = a.spread.counter;
  const peers = sampling.peers;
  samplePeers(i, n, k, st, sampling);
  for (let j = 0; j < k; j++) {
    const p = peers[j]!;
    if (!lost(lossSt, lossCut) && state[p] === susceptible) inform(state, p, T, a, counts);
  }
  const c = counter[i]! + k;
  if (c >= removalK) remove(state, i, counts);
  else counter[i] = c;
  return k;
}

/** memberlist (see `memberlistBlock`): `min(k, budget left)` distinct peers, one unit each. */
export function memberlistTick(state: Uint8Array, i: number, T: number, a: MongerRound, counts: Int32Array, st: Int32Array, lossSt: Int32Array): number {
  const { n, k, lossCut, sampling } = a;
  const budget = a.spread.budget;
  const peers = sampling.peers;
  const left = budget[i]!;
  const c = left < k ? left : k;
  samplePeers(i, n, c, st, sampling);
  for (let j = 0; j < c; j++) {
    const p = peers[j]!;
    if (!lost(lossSt, lossCut) && state[p] === susceptible) inform(state, p, T, a, counts);
  }
  if (left === c) remove(state, i, counts);
  else budget[i] = left - c;
  return c;
}

/**
 * The order in which nodes tick within an interval: by phase, ties by id (a stable order, so
 * equal phases tick in id order, as the round kernels run the agents).
 */
export function phaseOrder(phases: Float64Array): Uint32Array {
  const order = new Uint32Array(phases.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((x, y) => phases[x]! - phases[y]! || x - y);
  return order;
}
