// Tests for the result tables: row cells from a point and its rows, and per-point summaries.
import { describe, expect, it } from 'vitest';
import type { CsvCell } from '../../src/io/csv-write.ts';
import { ABSENT, ROW_WIDTH } from '../../src/harness/messages.ts';
import { buildSweep } from '../../src/harness/sweep.ts';
import { appendTrialRows, measurementsOf, summarizePoint, summaryRow } from '../../src/harness/tables.ts';
import { SUMMARY_COLUMNS, TRIAL_COLUMNS } from '../../src/io/columns.ts';

const sweep = buildSweep(
  [{ suite: { name: 't', description: '', grid: { n: 10, fanout: 3, crashFraction: 0.2, crashRound: 1 }, trials: 2, claims: [] }, mode: 'default' }],
  { masterSeed: 1 },
);
const point = sweep.points[0]!;
/** Trial rows from the first eight fields of each trial; the dissemination fields are ABSENT. */
function rowsOf(...trials: number[][]): Float64Array {
  const out = new Float64Array(trials.length * ROW_WIDTH).fill(ABSENT);
  trials.forEach((t, i) => out.set(t, i * ROW_WIDTH));
  return out;
}
// seed, rounds, converged, winner, messages, finalAgreement, live, leader
const rows = rowsOf([11, 3, 1, 0, 72, 1, 8, 0], [12, 100, 0, -1, 2400, 0.625, 8, 1]);

describe('trial rows', () => {
  it('follow TRIAL_COLUMNS, with booleans and an empty winner', () => {
    const out: CsvCell[][] = [];
    appendTrialRows(out, point, rows);
    expect(out).toHaveLength(2);
    const row = Object.fromEntries(TRIAL_COLUMNS.map((c, i) => [c, out[1]![i]]));
    expect(row).toEqual({
      suite: 't',
      point: 0,
      protocol: 'majority',
      n: 10,
      fanout: 3,
      threshold: 0.95,
      start: 'split',
      split: 0.7,
      crash_fraction: 0.2,
      crash_round: 1,
      max_rounds: 100,
      trial: 1,
      seed: 12,
      rounds: 100,
      converged: false,
      winner: null,
      leader: 1,
      messages: 2400,
      final_agreement: 0.625,
      live: 8,
      opinions: null,
      bias: null,
      loss_rate: null,
      crash_recovery: null,
      stubborn_fraction: null,
      stubborn_opinion: null,
      topology: null,
      degree: null,
      rewire: null,
      engine: null,
      feedback: null,
      removal: null,
      k: null,
      retransmit_mult: null,
      timing: null,
      interval: null,
      residue: null,
      mean_informed_round: null,
      last_informed_round: null,
      seconds_to_99: null,
      seconds_to_9999: null,
      seconds_to_all: null,
    });
    expect(out[0]![TRIAL_COLUMNS.indexOf('converged')]).toBe(true);
    expect(rows.length).toBe(2 * ROW_WIDTH);
  });
});

describe('claim measurements', () => {
  it('give the 0/1 outcomes converged, winner0 (converged on 0) and leader0 (0 leads at the end)', () => {
    const m = measurementsOf(point, { rows, agreement: new Float64Array(103) });
    expect(Array.from(m.values.rounds)).toEqual([3, 100]);
    expect(Array.from(m.values.converged)).toEqual([1, 0]);
    expect(Array.from(m.values.winner0)).toEqual([1, 0]);
    expect(Array.from(m.values.leader0)).toEqual([1, 0]);
  });
});

describe('summary rows', () => {
  it('hold rates over all trials and the round statistics', () => {
    // Trial 0 ran 3 rounds, trial 1 ran 100: agreement histories laid out trial by trial.
    const agreement = new Float64Array(103).fill(0.6);
    agreement.set([0.7, 0.9, 1], 0);
    const s = summarizePoint(point, { rows, agreement });
    const row = Object.fromEntries(SUMMARY_COLUMNS.map((c, i) => [c, summaryRow(point, s)[i]]));
    expect(row['trials']).toBe(2);
    expect(row['converged_rate']).toBe(0.5);
    expect(row['winner0_rate']).toBe(0.5);
    expect(row['leader0_rate']).toBe(0.5);
    expect(row['rounds_mean']).toBe(51.5);
    expect(row['rounds_max']).toBe(100);
    expect(row['messages_mean']).toBe(1236);
    expect(row['messages_per_agent']).toBe(123.6);
    expect(row['final_agreement_mean']).toBe(0.8125);
    expect(summaryRow(point, s)).toHaveLength(SUMMARY_COLUMNS.length);
    // Round 1: mean of 0.7 and 0.6 over 2 trials; round 4 onwards: trial 1 alone.
    expect(s.agreement.trials.slice(0, 4)).toEqual([2, 2, 2, 1]);
    expect(s.agreement.mean[0]).toBeCloseTo(0.65, 12);
    expect(s.agreement.mean[3]).toBeCloseTo(0.6, 12);
    expect(String(row['agreement_by_round']).split(';')).toHaveLength(100);
    // 2 of 10 crashed after round 1: the mean-field map (k = 3 from 0.7) takes 4 rounds, not the
    // 3 it takes without the crash (a crashed peer answers nothing).
    expect(row['theory_rounds']).toBe(4);
  });

  it('carry the mean-field theory for two opinions without crashes', () => {
    const plain = buildSweep([{ suite: { name: 'u', description: '', grid: { n: 1000, fanout: 5 }, trials: 1, claims: [] }, mode: 'default' }], {
      masterSeed: 1,
    }).points[0]!;
    const one = rowsOf([5, 2, 1, 0, 10_000, 0.97, 1000, 0]);
    const s = summarizePoint(plain, { rows: one, agreement: new Float64Array([0.84, 0.97]) });
    expect(s.theory!.rounds).toBe(2);
    expect(s.theory!.agreement).toHaveLength(2);
    expect(s.theory!.agreement[0]).toBeCloseTo(0.837, 2);
  });
});

describe('mean-field theory at unanimity', () => {
  it('gives no round count for threshold 1, but still the agreement per round', () => {
    const p = buildSweep([{ suite: { name: 'u', description: '', grid: { n: 1000, fanout: 5, threshold: 1 }, trials: 1, claims: [] }, mode: 'default' }], {
      masterSeed: 1,
    }).points[0]!;
    const s = summarizePoint(p, { rows: rowsOf([5, 3, 1, 0, 15_000, 1, 1000, 0]), agreement: new Float64Array([0.84, 0.97, 1]) });
    expect(s.theory!.rounds).toBeNull();
    expect(s.theory!.agreement).toHaveLength(3);
  });
});

describe('mean-field theory beyond the seed', () => {
  it('does not apply to rumors, majority on more opinions, polling under faults or another topology', () => {
    for (const extra of [
      { protocol: 'push' as const, fanout: 1 },
      { protocol: '3-majority' as const, lossRate: 0.1 },
      { start: 'plurality' as const, opinions: 3 },
      { topology: 'ring' as const, degree: 4 },
    ]) {
      const p = buildSweep([{ suite: { name: 'x', description: '', grid: { n: 1000, fanout: 5, ...extra }, trials: 1, claims: [] }, mode: 'default' }], {
        masterSeed: 1,
      }).points[0]!;
      const s = summarizePoint(p, { rows: rowsOf([5, 2, 1, 0, 10_000, 0.97, 1000, 0]), agreement: new Float64Array([0.84, 0.97]) });
      expect(s.theory, JSON.stringify(extra)).toBeNull();
    }
  });
});
