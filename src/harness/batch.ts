// Runs one batch of trials (what a worker does with a request), catching every error into the
// reply; the trial runner is injectable so test fixtures can make a trial throw.
import type { MessagePort } from 'node:worker_threads';
import { planTrial, type TrialPlan } from '../engine/params.ts';
import { runPlan, type TrialResult } from '../engine/trial.ts';
import { ABSENT, ROW_WIDTH, RowField, type BatchRequest, type BatchResponse } from './messages.ts';
import { joinChunks } from './chunks.ts';
import { trialSeedAt } from './seeds.ts';

/** Runs one trial; the engine's `runPlan` unless a test injects another. */
export type TrialRunner = (plan: TrialPlan, seed: number, trial: number) => TrialResult;

const engineRunner: TrialRunner = (plan, seed) => runPlan(plan, seed);

/** The message and stack of anything thrown. */
function errorText(error: unknown): { message: string; stack: string | null } {
  if (error instanceof Error) return { message: `${error.name}: ${error.message}`, stack: error.stack ?? null };
  return { message: String(error), stack: null };
}

/**
 * Runs the trials of a batch and returns their rows, or the first error with the point index,
 * trial and seed that raised it. Never throws.
 */
export function runBatch(request: BatchRequest, run: TrialRunner = engineRunner): BatchResponse {
  const { id, pointIndex, params, seedBase, firstTrial, count } = request;
  let plan: TrialPlan;
  try {
    plan = planTrial({ ...params, recordAgreement: true });
  } catch (error) {
    return { id, error: { ...errorText(error), pointIndex, seed: null, trial: null } };
  }
  const rows = new Float64Array(count * ROW_WIDTH);
  const histories: Float64Array[] = [];
  for (let i = 0; i < count; i++) {
    const trial = firstTrial + i;
    const seed = trialSeedAt(seedBase, trial);
    let result: TrialResult;
    try {
      result = run(plan, seed, trial);
    } catch (error) {
      return { id, error: { ...errorText(error), pointIndex, seed, trial } };
    }
    const at = i * ROW_WIDTH;
    rows[at + RowField.seed] = seed;
    rows[at + RowField.rounds] = result.rounds;
    rows[at + RowField.converged] = result.converged ? 1 : 0;
    rows[at + RowField.winner] = result.winner ?? -1;
    rows[at + RowField.messages] = result.messages;
    rows[at + RowField.finalAgreement] = result.finalAgreement;
    rows[at + RowField.live] = result.live;
    rows[at + RowField.leader] = result.leader;
    // Dissemination metrics: ABSENT for the other protocols, and for a time never reached (NaN).
    const spread = result.spread;
    const field = (x: number | undefined): number => (x === undefined || Number.isNaN(x) ? ABSENT : x);
    rows[at + RowField.residue] = field(spread?.residue);
    rows[at + RowField.meanInformedRound] = field(spread?.meanInformedRound);
    rows[at + RowField.lastInformedRound] = field(spread?.lastInformedRound);
    rows[at + RowField.secondsTo99] = field(spread?.secondsTo99);
    rows[at + RowField.secondsTo9999] = field(spread?.secondsTo9999);
    rows[at + RowField.secondsToAll] = field(spread?.secondsToAll);
    histories.push(result.agreement ?? new Float64Array(result.rounds).fill(Number.NaN));
  }
  return { id, rows, agreement: joinChunks(histories) };
}

/** Serves batch requests on a worker port with {@link runBatch}, transferring the row buffers. */
export function serveBatches(port: MessagePort, run: TrialRunner = engineRunner): void {
  port.on('message', (request: BatchRequest) => {
    const response = runBatch(request, run);
    const transfer = 'rows' in response ? [response.rows.buffer as ArrayBuffer, response.agreement.buffer as ArrayBuffer] : [];
    port.postMessage(response, transfer);
  });
}
