// Faults: the crash itself, the record of a crash and the recovery it allows (churn), and
// stubborn agents, who never change their opinion.
import { CRASHED } from './constants.ts';
import type { BytePopulation } from './population.ts';
import { Purpose, streamState, uniform } from './rng.ts';

/** The agents of a crash and the opinions they held, so that they can come back. */
export interface CrashRecord {
  /** Crashed agents, ascending, in `ids[0..count)`. */
  readonly ids: Uint32Array;
  /** The opinion each held when it crashed. */
  readonly opinions: Uint8Array;
  /** Agents recorded so far. */
  count: number;
}

/** An empty record for up to `capacity` crashed agents. */
export function crashRecord(capacity: number): CrashRecord {
  return { ids: new Uint32Array(capacity), opinions: new Uint8Array(capacity), count: 0 };
}

/**
 * Brings the recorded agents back: each holds again, in both buffers, the opinion it had when
 * it crashed, and counts as live. Empties the record.
 */
export function recoverAgents(pop: BytePopulation, record: CrashRecord): void {
  const { ids, opinions, count } = record;
  const cur = pop.opinions;
  const next = pop.next;
  for (let j = 0; j < count; j++) {
    const i = ids[j]!;
    cur[i] = opinions[j]!;
    next[i] = opinions[j]!;
  }
  pop.live += count;
  record.count = 0;
}

/**
 * Chooses `count` stubborn agents uniformly at random among the `holders` agents whose opinion
 * in `opinions` is `opinion` (selection sampling, Knuth's algorithm S, from the stubborn stream).
 * Returns their ids ascending. Requires count <= holders (planTrial checks it).
 */
export function chooseStubborn(opinions: Uint8Array, opinion: number, count: number, holders: number, key: Int32Array): Uint32Array {
  const ids = new Uint32Array(count);
  const s = streamState(key, Purpose.stubborn, 0, 0, new Int32Array(4));
  const n = opinions.length;
  let needed = count;
  let candidates = holders;
  for (let i = 0; i < n && needed > 0; i++) {
    if (opinions[i] !== opinion) continue;
    if (uniform(s) * candidates < needed) ids[count - needed--] = i;
    candidates--;
  }
  return ids;
}

/**
 * Keeps the stubborn agents `ids` at their opinion after a round: `next[i] = cur[i]` (a crashed
 * stubborn agent stays crashed), moving each changed agent back in `tally`. Runs on the whole
 * round after every block, so it holds whatever wrote into `next` (pushes from other blocks too).
 */
export function holdStubborn(cur: Uint8Array, next: Uint8Array, ids: Uint32Array, tally: Float64Array): void {
  const crashed = CRASHED;
  for (let j = 0, len = ids.length; j < len; j++) {
    const i = ids[j]!;
    const own = cur[i]!;
    const v = next[i]!;
    if (own === crashed || v === own) continue;
    tally[v]!--;
    tally[own]!++;
    next[i] = own;
  }
}

/**
 * Crashes exactly `count` live agents chosen uniformly at random (selection sampling, Knuth's
 * algorithm S, from the crash stream). A crashed agent holds CRASHED from then on, or until it
 * recovers: with a `record`, the crashed agents and their opinions are appended to it (the same
 * draws and agents as without).
 */
export function crashAgents(pop: BytePopulation, count: number, key: Int32Array, record: CrashRecord | null = null): void {
  const { n, opinions } = pop;
  const s = streamState(key, Purpose.crash, 0, 0, new Int32Array(4));
  let needed = Math.min(count, pop.live);
  let candidates = pop.live;
  for (let i = 0; i < n && needed > 0; i++) {
    if (opinions[i] === CRASHED) continue;
    if (uniform(s) * candidates < needed) {
      if (record !== null) {
        record.ids[record.count] = i;
        record.opinions[record.count++] = opinions[i]!;
      }
      opinions[i] = CRASHED;
      pop.next[i] = CRASHED;
      needed--;
      pop.live--;
    }
    candidates--;
  }
}
