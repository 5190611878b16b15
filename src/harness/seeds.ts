// Trial seeds: a pure function of (master seed, suite, point key, trial index), never of the
// order in which trials run, so any thread count or subset of points reproduces the same trials.
import seedrandom from 'seedrandom';

/** 2^32, to join two 32-bit words. */
const TWO_POW_32 = 4294967296;

/**
 * A safe-integer seed (0 to 2^53 - 1) hashed from a string: seedrandom (ARC4) keyed by the
 * string, then the top 21 bits of its first int32 and all 32 bits of its second.
 */
export function seedFromString(text: string): number {
  const prng = seedrandom(text);
  const hi = prng.int32() >>> 11;
  const lo = prng.int32() >>> 0;
  return hi * TWO_POW_32 + lo;
}

/**
 * The part of a trial's seed string shared by all trials of a point: `${master}|${suite}|${pointKey}`.
 * Suite names and point keys never hold `|`, so the string reads back unambiguously from the right.
 */
export function seedBase(master: string | number, suite: string, pointKey: string): string {
  return `${String(master)}|${suite}|${pointKey}`;
}

/** The seed of trial `trial` of the point whose {@link seedBase} is `base`. */
export function trialSeedAt(base: string, trial: number): number {
  return seedFromString(`${base}|${trial}`);
}

/**
 * The seed of one trial: `seedFromString(`${master}|${suite}|${pointKey}|${trial}`)`. It goes
 * in the `seed` column of trials.csv and into `runTrial`, so any trial can be rerun alone.
 */
export function trialSeed(master: string | number, suite: string, pointKey: string, trial: number): number {
  return trialSeedAt(seedBase(master, suite, pointKey), trial);
}
