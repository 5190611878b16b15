// Contacts off the fast path: distinct neighbours (both sampler paths) and the loss threshold.
import { describe, expect, it } from 'vitest';
import { lossThreshold, lost, neighbourScratch, Purpose, sampleNeighbours, streamState, trialKey } from '../../src/engine/index.ts';
import { chiSquareCritical001 } from './reference.ts';

describe('sampleNeighbours', () => {
  const targets = Uint32Array.from([9, 4, 7, 1, 3, 8, 2, 6, 5, 0, 11, 10, 12, 14, 13, 15, 16, 17, 18, 19]);
  for (const [d, c] of [
    [20, 3],
    [20, 10],
    [6, 3],
    [5, 5],
    [1, 1],
  ] as const) {
    it(`d = ${d}, c = ${c}: distinct members of the list`, () => {
      const off = 20 - d;
      const list = [...targets.subarray(off, off + d)];
      const scratch = neighbourScratch(c, d);
      const st = streamState(trialKey(`n${d}-${c}`), Purpose.round, 1, 0, new Int32Array(4));
      for (let r = 0; r < 2000; r++) {
        sampleNeighbours(targets, off, d, c, st, scratch);
        const picked = [...scratch.peers.subarray(0, c)];
        expect(new Set(picked).size).toBe(c);
        for (const v of picked) expect(list).toContain(v);
        if (c === d) expect([...picked].sort((a, b) => a - b)).toEqual([...list].sort((a, b) => a - b));
      }
    });
  }

  for (const [d, c] of [
    [6, 2],
    [4, 3],
  ] as const) {
    it(`every ordered ${c}-sample of ${d} neighbours is equally likely (${2 * c <= d ? 'rejection' : 'shuffle'})`, () => {
      const reps = 60_000;
      const counts = new Map<string, number>();
      const scratch = neighbourScratch(c, d);
      const st = streamState(trialKey('uniform-nb'), Purpose.round, 1, 0, new Int32Array(4));
      for (let r = 0; r < reps; r++) {
        sampleNeighbours(targets, 0, d, c, st, scratch);
        const key = [...scratch.peers.subarray(0, c)].join(',');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let cells = 1;
      for (let j = 0; j < c; j++) cells *= d - j;
      expect(counts.size).toBe(cells);
      const e = reps / cells;
      let stat = 0;
      for (const x of counts.values()) stat += (x - e) ** 2 / e;
      expect(stat).toBeLessThan(chiSquareCritical001(cells - 1));
    });
  }
});

describe('lost contacts', () => {
  it('q = 0 draws nothing, q = 1 loses everything, q = 0.25 about a quarter', () => {
    expect(lossThreshold(0)).toBe(0);
    expect(lossThreshold(1)).toBe(2 ** 32);
    expect(lossThreshold(1e-12)).toBe(1);
    const st = streamState(trialKey(1), Purpose.loss, 1, 0, new Int32Array(4));
    const before = Int32Array.from(st);
    for (let i = 0; i < 100; i++) expect(lost(st, 0)).toBe(false);
    expect(st).toEqual(before);
    for (let i = 0; i < 1000; i++) expect(lost(st, lossThreshold(1))).toBe(true);
    let hits = 0;
    for (let i = 0; i < 40_000; i++) if (lost(st, lossThreshold(0.25))) hits++;
    // Binomial(40000, 1/4): sd about 87.
    expect(Math.abs(hits - 10_000)).toBeLessThan(450);
  });
});
