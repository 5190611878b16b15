// Seeded random streams: seedrandom turns a trial seed into a 128-bit key; xoshiro128** streams,
// one per (purpose, round, block of agents), are derived from the key by a hash.
import seedrandom from 'seedrandom';

/**
 * Stream layout of a trial. A trial's randomness is a pure function of its seed:
 * `key = 4 x int32 from seedrandom(String(seed))` (ARC4), and every stream is a xoshiro128**
 * generator whose state is `mix(key, purpose, round, block)`. Rounds draw one stream per block
 * of {@link BLOCK_SIZE} agents, so the draws of an agent do not depend on how many threads or in
 * what order the blocks run. Purposes are only ever appended (their numbers are part of the
 * stream definition), and a stream a trial does not need is never drawn from, so the default
 * trial draws exactly what it drew before the topology, loss and stubborn streams existed.
 */
export const Purpose = {
  /** Peer sampling in round r (1-based), one stream per block. */
  round: 0,
  /** Placement of the initial opinions (round 0, block 0). */
  placement: 1,
  /** Choice of the crashed agents (round 0, block 0). */
  crash: 2,
  /** Generation of the topology (round 0, block 0); the value `TOPOLOGY_PURPOSE` of topology/. */
  topology: 3,
  /** Lost contacts in round r (1-based), one stream per block, drawn only when `lossRate` > 0. */
  loss: 4,
  /** Choice of the stubborn agents (round 0, block 0), drawn only when some are stubborn. */
  stubborn: 5,
  /** The count engine's draws in round r (1-based): one stream (block 0) for the whole round. */
  count: 6,
  /** A user rule's `random()` in round r (1-based), one stream per block, drawn only when the rule calls it. */
  rule: 7,
  /** Rumor mongering's coins (loss of interest) in round r (1-based), one stream per block, drawn only by the coin variants. */
  removal: 8,
  /** The timers' phases (round 0), one stream per block, drawn only under `timing: 'timers'`. */
  phase: 9,
} as const;

/** Agents per random stream in a round; part of the stream definition (changing it changes results). */
export const BLOCK_SIZE = 1 << 16;

/** 2^-32, to map a uint32 onto [0, 1). */
export const TWO_POW_M32 = 2.3283064365386963e-10;

/** The 128-bit key of a trial: four int32 words derived from its seed with seedrandom. */
export function trialKey(seed: number | string): Int32Array {
  const prng = seedrandom(String(seed));
  const key = new Int32Array(4);
  for (let i = 0; i < 4; i++) key[i] = prng.int32();
  return key;
}

/** A 32-bit avalanche finaliser (the `lowbias32` hash), returned as int32. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x | 0;
}

/**
 * Writes into `state` the xoshiro128** state of stream (purpose, round, block) under `key`.
 * Returns `state` for chaining. The state is never all zero.
 */
export function streamState(key: Int32Array, purpose: number, round: number, block: number, state: Int32Array): Int32Array {
  const salt = mix32(mix32(mix32(purpose + 0x632be5ab) ^ round) ^ Math.imul(block, 0x9e3779b9));
  for (let i = 0; i < 4; i++) state[i] = mix32((key[i] ?? 0) ^ mix32(salt + Math.imul(i + 1, 0x85ebca6b)));
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  // Warm up: a few outputs so that neighbouring streams decorrelate further.
  for (let i = 0; i < 4; i++) nextU32(state);
  return state;
}

/** Advances a xoshiro128** state and returns the next output as a uint32 (outside hot loops). */
export function nextU32(s: Int32Array): number {
  const s0 = s[0]!;
  let s1 = s[1]!;
  let s2 = s[2]!;
  let s3 = s[3]!;
  const x = Math.imul(s1, 5);
  const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s[0] = s0 ^ s3;
  s[1] = s1;
  s[2] = s2 ^ t;
  s[3] = (s3 << 11) | (s3 >>> 21);
  return result;
}

/** A uniform integer in [0, m) for 1 <= m <= 2^31 (multiply-shift range reduction). */
export function below(s: Int32Array, m: number): number {
  return (nextU32(s) * m * TWO_POW_M32) | 0;
}

/** A uniform float in [0, 1) with 32 bits of resolution. */
export function uniform(s: Int32Array): number {
  return nextU32(s) * TWO_POW_M32;
}
