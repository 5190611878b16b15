// Dissemination points in grids (issue 13): their keys name their parameters, older points keep
// theirs, and a batch fills the dissemination fields of the rows (ABSENT for other protocols).
import { describe, expect, it } from 'vitest';
import { planTrial, runTrial } from '../../src/engine/index.ts';
import { runBatch } from '../../src/harness/batch.ts';
import { expandGrid, resolvePoint } from '../../src/harness/grid.ts';
import { extraLabel } from '../../src/engine/label.ts';
import { ABSENT, ROW_WIDTH, RowField } from '../../src/harness/messages.ts';
import { trialSeedAt } from '../../src/harness/seeds.ts';

describe('point keys', () => {
  it('name the dissemination parameters of rumor-mongering and memberlist points', () => {
    expect(resolvePoint({ n: 100, fanout: 1, protocol: 'rumor-mongering' }).key).toBe(
      'n=100;fanout=1;threshold=0.95;maxRounds=100;start=source;crashFraction=0;protocol=rumor-mongering;feedback=feedback;removal=coin;k=1;timing=rounds;interval=0.2',
    );
    expect(resolvePoint({ n: 100, fanout: 3, protocol: 'memberlist', timing: 'timers', lossRate: 0.2 }).key).toBe(
      'n=100;fanout=3;threshold=0.95;maxRounds=100;start=source;crashFraction=0;protocol=memberlist;lossRate=0.2;retransmitMult=4;timing=timers;interval=0.2',
    );
  });

  it('leave the other protocols as they were, whatever the dissemination keys say', () => {
    for (const protocol of ['majority', 'push'] as const) {
      const plain = resolvePoint({ n: 100, fanout: 3, protocol });
      const given = resolvePoint({ n: 100, fanout: 3, protocol, timing: 'rounds', k: 4, retransmitMult: 2, feedback: 'blind', removal: 'counter', interval: 1 });
      expect(given.key).toBe(plain.key);
      expect(given.params).toEqual(plain.params);
    }
  });

  it('sweep the variants as a product', () => {
    const points = expandGrid({ n: 100, fanout: 1, protocol: 'rumor-mongering', feedback: ['feedback', 'blind'], removal: ['coin', 'counter'], k: [1, 2] });
    expect(points).toHaveLength(8);
    expect(new Set(points.map((p) => p.key)).size).toBe(8);
  });
});

describe('batch rows', () => {
  it('carry residue, informed rounds and seconds for dissemination, ABSENT elsewhere and where never reached', () => {
    const point = resolvePoint({ n: 300, fanout: 1, protocol: 'rumor-mongering', feedback: 'blind', removal: 'counter', k: 1 });
    const reply = runBatch({ id: 0, pointIndex: 0, params: point.params, seedBase: 'b', firstTrial: 0, count: 5 });
    if (!('rows' in reply)) throw new Error(reply.error.message);
    for (let t = 0; t < 5; t++) {
      const at = t * ROW_WIDTH;
      const r = runTrial(point.params, trialSeedAt('b', t));
      expect(reply.rows[at + RowField.residue]).toBe(r.spread!.residue);
      expect(reply.rows[at + RowField.meanInformedRound]).toBe(r.spread!.meanInformedRound);
      // blind counter with k = 1 leaves a residue near e^-1: 99% is never reached.
      expect(reply.rows[at + RowField.secondsTo99]).toBe(Number.isNaN(r.spread!.secondsTo99) ? ABSENT : r.spread!.secondsTo99);
      expect(reply.rows[at + RowField.secondsToAll]).toBe(ABSENT);
    }
    const majority = runBatch({ id: 0, pointIndex: 0, params: resolvePoint({ n: 50, fanout: 3 }).params, seedBase: 'b', firstTrial: 0, count: 1 });
    if (!('rows' in majority)) throw new Error(majority.error.message);
    expect([...majority.rows.subarray(RowField.residue, ROW_WIDTH)]).toEqual(Array.from({ length: ROW_WIDTH - RowField.residue }, () => ABSENT));
  });
});

describe('labels', () => {
  it('name the variant, the multiplier, timers and an interval other than 0.2 s', () => {
    expect(extraLabel(planTrial({ n: 100, fanout: 1, protocol: 'rumor-mongering', feedback: 'blind', removal: 'counter', k: 3 }))).toBe(
      'rumor-mongering blind counter k 3',
    );
    expect(extraLabel(planTrial({ n: 100, fanout: 3, protocol: 'memberlist', timing: 'timers', interval: 1, lossRate: 0.2 }))).toBe(
      'memberlist mult 4 timers interval 1s loss 0.2',
    );
  });
});
