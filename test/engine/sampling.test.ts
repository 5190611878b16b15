// Peer sampling: never self, distinct, in range, everyone else when k = n - 1, uniform.
import { describe, expect, it } from 'vitest';
import { peerScratch, Purpose, samplePeers, samplerFor, streamState, trialKey } from '../../src/engine/index.ts';
import { chiSquareCritical001 } from './reference.ts';

function draws(n: number, k: number, reps: number, seed: string): Int32Array[] {
  const scratch = peerScratch(n, k);
  const st = streamState(trialKey(seed), Purpose.round, 1, 0, new Int32Array(4));
  const out: Int32Array[] = [];
  for (let r = 0; r < reps; r++) {
    const i = r % n;
    samplePeers(i, n, k, st, scratch);
    out.push(Int32Array.from([i, ...scratch.peers]));
  }
  return out;
}

describe('samplePeers', () => {
  for (const [n, k] of [
    [2, 1],
    [3, 1],
    [5, 2],
    [10, 3],
    [10, 9],
    [50, 5],
    [40, 30],
    [1000, 16],
  ] as const) {
    it(`n = ${n}, k = ${k} (${samplerFor(n, k)}): never self, distinct, in range`, () => {
      for (const row of draws(n, k, 2000, `s${n}-${k}`)) {
        const [i, ...peers] = row;
        expect(peers).not.toContain(i);
        expect(new Set(peers).size).toBe(k);
        for (const p of peers) expect(p >= 0 && p < n).toBe(true);
        if (k === n - 1) expect([...peers].sort((a, b) => a - b)).toEqual([...Array(n).keys()].filter((x) => x !== i));
      }
    });
  }

  for (const [n, k] of [
    [6, 2],
    [5, 3],
  ] as const) {
    it(`every ordered ${k}-sample among ${n - 1} others is equally likely (${samplerFor(n, k)})`, () => {
      const reps = 60_000;
      const counts = new Map<string, number>();
      const scratch = peerScratch(n, k);
      const st = streamState(trialKey('uniform'), Purpose.round, 1, 0, new Int32Array(4));
      for (let r = 0; r < reps; r++) {
        samplePeers(0, n, k, st, scratch);
        const key = [...scratch.peers].join(',');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let cells = 1;
      for (let j = 0; j < k; j++) cells *= n - 1 - j;
      expect(counts.size).toBe(cells);
      const e = reps / cells;
      let stat = 0;
      for (const c of counts.values()) stat += (c - e) ** 2 / e;
      expect(stat).toBeLessThan(chiSquareCritical001(cells - 1));
    });
  }
});
