// Test helper: the agent and count engines against each other on whole trials. Both run T trials
// of a point with independent seeds; Welch's test compares five means (rounds, messages, converged
// rate, agreement after round 1, and the agreement trajectory's sum over the first rounds) at the
// 2e-4 level each (0.1% for the five together), and the sample must be large enough that a 2%
// shift of the mean rounds would show (expected |t| >= 4).
import { expect } from 'vitest';
import { welchTest } from '../../../src/compare/welch.ts';
import { runTrial, type TrialParams } from '../../../src/engine/index.ts';

/**
 * Significance level of each comparison: five a point, fifteen points, so that a change of the
 * count engine's draws that keeps its law fails a point with probability about 1.5% overall.
 */
const ALPHA = 2e-4;

function summary(xs: readonly number[]): { mean: number; sd: number; count: number } {
  const count = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / count;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, count - 1));
  return { mean, sd, count };
}

interface Sample {
  rounds: number[];
  messages: number[];
  converged: number[];
  /** Agreement after round 1. */
  first: number[];
  /**
   * The agreement summed over rounds 1..{@link TRAJECTORY_ROUNDS}, a trial that stopped earlier
   * counting its final agreement for the rounds it did not run: one number per trial that sees a
   * bias wherever in the trajectory it acts (it compounds over rounds).
   */
  trajectory: number[];
}

/** Rounds of the agreement trajectory summed per trial. */
const TRAJECTORY_ROUNDS = 24;

function sample(params: TrialParams, trials: number, tag: string): Sample {
  const out: Sample = { rounds: [], messages: [], converged: [], first: [], trajectory: [] };
  for (let t = 0; t < trials; t++) {
    const r = runTrial({ ...params, recordAgreement: true }, `${tag}-${t}`);
    out.rounds.push(r.rounds);
    out.messages.push(r.messages);
    out.converged.push(r.converged ? 1 : 0);
    const a = r.agreement!;
    out.first.push(a[0]!);
    let sum = 0;
    for (let j = 0; j < TRAJECTORY_ROUNDS; j++) sum += a[Math.min(j, r.rounds - 1)]!;
    out.trajectory.push(sum);
  }
  return out;
}

/**
 * Runs `trials` trials of `params` on each engine and expects the same distribution: no
 * significant difference (Welch, {@link ALPHA}) in mean rounds, messages, converged rate,
 * agreement after round 1 or the agreement trajectory; and enough trials that a 2% shift of the
 * mean rounds gives |t| >= 4.
 */
export function expectEnginesAgree(params: TrialParams, trials: number): void {
  const agent = sample({ ...params, engine: 'agent' }, trials, 'agent');
  const count = sample({ ...params, engine: 'count' }, trials, 'count');
  const a = summary(agent.rounds);
  const c = summary(count.rounds);
  const se = Math.sqrt((a.sd * a.sd) / a.count + (c.sd * c.sd) / c.count);
  expect((0.02 * a.mean) / se, `power: a 2% shift of mean rounds ${a.mean.toFixed(3)} against se ${se.toFixed(4)}`).toBeGreaterThanOrEqual(4);
  const metrics: [string, number[], number[]][] = [
    ['rounds', agent.rounds, count.rounds],
    ['messages', agent.messages, count.messages],
    ['converged', agent.converged, count.converged],
    ['agreement after round 1', agent.first, count.first],
    [`agreement summed over rounds 1..${TRAJECTORY_ROUNDS}`, agent.trajectory, count.trajectory],
  ];
  for (const [name, x, y] of metrics) {
    const sx = summary(x);
    const sy = summary(y);
    const w = welchTest(sx, sy);
    expect(w.p ?? 1, `${name}: agent ${sx.mean} (sd ${sx.sd.toPrecision(3)}) vs count ${sy.mean} (sd ${sy.sd.toPrecision(3)}), t ${w.t?.toFixed(2)}`).toBeGreaterThan(ALPHA);
  }
}

/** The protocol x fault points both engines run, with the trials each needs (about 80000 cv^2 of rounds, and some margin). */
export const AGREE_CASES: { name: string; params: Omit<TrialParams, 'n'>; trials: [number, number] }[] = [
  { name: 'majority k = 3, 70/30 to unanimity', params: { fanout: 3, split: 0.7, threshold: 1 }, trials: [500, 900] },
  { name: 'majority k = 5, three opinions (plurality, bias 0.3)', params: { fanout: 5, start: 'plurality', opinions: 3, bias: 0.3 }, trials: [950, 600] },
  { name: '3-majority', params: { fanout: 1, protocol: '3-majority', split: 0.7, threshold: 1 }, trials: [600, 900] },
  { name: '2-choices', params: { fanout: 1, protocol: '2-choices', split: 0.7, threshold: 1 }, trials: [500, 900] },
  { name: 'pull from one source', params: { fanout: 1, protocol: 'pull', threshold: 1 }, trials: [1000, 600] },
  { name: 'majority, loss 0.2', params: { fanout: 3, split: 0.7, threshold: 1, lossRate: 0.2 }, trials: [1400, 600] },
  { name: 'majority, crash 0.3 after round 1', params: { fanout: 3, split: 0.7, threshold: 1, crashFraction: 0.3, crashRound: 1 }, trials: [1500, 1200] },
  { name: 'majority, crash 0.5 for 2 rounds', params: { fanout: 3, split: 0.6, threshold: 1, crashFraction: 0.5, crashRound: 1, crashRecovery: 2 }, trials: [400, 300] },
  { name: 'majority, stubborn 0.05 of the minority', params: { fanout: 3, split: 0.7, threshold: 0.9, stubbornFraction: 0.05 }, trials: [1800, 1600] },
  { name: 'pull, loss 0.3 and crash 0.2 after round 6', params: { fanout: 2, protocol: 'pull', threshold: 1, lossRate: 0.3, crashFraction: 0.2, crashRound: 6 }, trials: [800, 700] },
  { name: '3-majority, loss 0.2', params: { fanout: 1, protocol: '3-majority', split: 0.7, threshold: 1, lossRate: 0.2 }, trials: [2400, 1100] },
  { name: '2-choices, crash 0.3 before round 1', params: { fanout: 1, protocol: '2-choices', split: 0.75, threshold: 1, crashFraction: 0.3 }, trials: [2500, 1700] },
];

/** Whether the long variants run (GOSSIP_RELIABILITY_FULL=1, as the reliability tests). */
export const FULL = process.env['GOSSIP_RELIABILITY_FULL'] === '1';
