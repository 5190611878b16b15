// Test helper: one round of a kernel run many times from the same opinions with independent
// streams, its per-agent outcomes checked against an exact distribution (chi-square at 0.001).
import { expect } from 'vitest';
import { CRASHED, Purpose, streamState, trialKey } from '../../src/engine/index.ts';
import { chiSquare, chiSquareCritical001 } from './reference.ts';

/** One round of a kernel from `cur` into `next`, drawing from `st` (round) and `lossSt` (loss). */
export type OneRound = (cur: Uint8Array, next: Uint8Array, st: Int32Array, lossSt: Int32Array) => void;

/**
 * Runs `round` `reps` times from `cur` (round stream r + 1 and loss stream r + 1 of a fixed key)
 * and checks every live agent's outcomes against `exact(i)`: no impossible outcome, and Pearson's
 * chi-square below the 0.001 critical value. Crashed agents must stay crashed.
 */
export function expectRoundExact(cur: readonly number[], round: OneRound, exact: (i: number) => Map<number, number>, reps = 40_000): void {
  const n = cur.length;
  const from = Uint8Array.from(cur);
  const next = new Uint8Array(n);
  const st = new Int32Array(4);
  const lossSt = new Int32Array(4);
  const key = trialKey('kernel-check');
  const seen = cur.map(() => new Map<number, number>());
  for (let r = 0; r < reps; r++) {
    next.set(from);
    streamState(key, Purpose.round, r + 1, 0, st);
    streamState(key, Purpose.loss, r + 1, 0, lossSt);
    round(from, next, st, lossSt);
    for (let i = 0; i < n; i++) seen[i]!.set(next[i]!, (seen[i]!.get(next[i]!) ?? 0) + 1);
  }
  for (let i = 0; i < n; i++) {
    const obs = seen[i]!;
    if (cur[i] === CRASHED) {
      expect([...obs.keys()]).toEqual([CRASHED]);
      continue;
    }
    const dist = exact(i);
    for (const o of obs.keys()) expect(dist.has(o), `agent ${i} adopted impossible ${o}`).toBe(true);
    if (dist.size > 1) {
      const { stat, df } = chiSquare(obs, dist, reps);
      expect(stat, `agent ${i}: chi2 ${stat.toFixed(2)} on ${df} df`).toBeLessThan(chiSquareCritical001(df));
    }
  }
}

/** The neighbour lists of a CSR graph as arrays (for the exact references). */
export function neighbourLists(offsets: Uint32Array, targets: Uint32Array): number[][] {
  const out: number[][] = [];
  for (let v = 0; v + 1 < offsets.length; v++) out.push([...targets.subarray(offsets[v]!, offsets[v + 1]!)]);
  return out;
}

/** A CSR graph from neighbour lists (tests build tiny graphs by hand). */
export function csr(lists: readonly (readonly number[])[]): { offsets: Uint32Array; targets: Uint32Array } {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((l, v) => (offsets[v + 1] = offsets[v]! + l.length));
  return { offsets, targets: Uint32Array.from(lists.flat()) };
}
