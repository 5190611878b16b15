// Tests for the worker pool: rows equal the engine's, independent of thread count and batch
// size; each point is reported once its batches are back; a throwing trial, a worker that exits
// or runs out of memory, and an abort reject with an error naming the point (and the batch).
import { describe, expect, it } from 'vitest';
import { runTrial } from '../../src/engine/trial.ts';
import { expandGrid } from '../../src/harness/grid.ts';
import { ROW_WIDTH, RowField } from '../../src/harness/messages.ts';
import { planBatches, PoolAbortedError, runPool, TrialFailedError, WorkerExitError, type JobResult, type PoolJob } from '../../src/harness/pool.ts';
import { seedBase, trialSeed } from '../../src/harness/seeds.ts';

const FAULTY = new URL('../fixtures/faulty-worker.ts', import.meta.url);

/** Jobs for a small grid under suite `t`, master seed 7. */
function jobs(trials: number): PoolJob[] {
  return expandGrid({ n: [10, 200], fanout: [2, 5] }).map((p) => ({
    params: p.params,
    seedBase: seedBase(7, 't', p.key),
    trials,
  }));
}

describe('runPool', () => {
  it('returns, per point and trial, the engine result for the derived seed', async () => {
    const js = jobs(5);
    const rows = await runPool(js, { threads: 2 });
    const points = expandGrid({ n: [10, 200], fanout: [2, 5] });
    points.forEach((p, i) => {
      const r = rows[i]!.rows;
      expect(r.length).toBe(5 * ROW_WIDTH);
      const histories: number[] = [];
      for (let t = 0; t < 5; t++) {
        const seed = trialSeed(7, 't', p.key, t);
        const expected = runTrial({ ...p.params, recordAgreement: true }, seed);
        histories.push(...expected.agreement!);
        const at = t * ROW_WIDTH;
        expect(r[at + RowField.seed]).toBe(seed);
        expect(r[at + RowField.rounds]).toBe(expected.rounds);
        expect(r[at + RowField.converged]).toBe(expected.converged ? 1 : 0);
        expect(r[at + RowField.winner]).toBe(expected.winner ?? -1);
        expect(r[at + RowField.messages]).toBe(expected.messages);
        expect(r[at + RowField.finalAgreement]).toBe(expected.finalAgreement);
        expect(r[at + RowField.live]).toBe(expected.live);
      }
      expect([...rows[i]!.agreement]).toEqual(histories);
    });
  });

  it('gives identical rows for 1 and 3 threads and for tiny batches', async () => {
    const js = jobs(40);
    const one = await runPool(js, { threads: 1 });
    const three = await runPool(js, { threads: 3, batchNs: 1 });
    expect(three).toEqual(one);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await runPool(jobs(10), { threads: 2, onProgress: (p) => seen.push(p.trials) });
    expect(seen.at(-1)).toBe(40);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('rejects with TrialFailedError naming the point and seed of a trial that throws', async () => {
    const js = jobs(20);
    const points = expandGrid({ n: [10, 200], fanout: [2, 5] });
    const failSeed = trialSeed(7, 't', (points[2] as { key: string }).key, 13);
    const run = runPool(js, { threads: 2, workerUrl: FAULTY, workerData: { failSeed, mode: 'throw' } });
    await expect(run).rejects.toBeInstanceOf(TrialFailedError);
    const error = (await run.catch((e: unknown) => e)) as TrialFailedError;
    expect(error.pointIndex).toBe(2);
    expect(error.seed).toBe(failSeed);
    expect(error.trial).toBe(13);
    expect(error.message).toContain(String(failSeed));
  });

  it('rejects with WorkerExitError when a worker dies', async () => {
    const js = jobs(20);
    const points = expandGrid({ n: [10, 200], fanout: [2, 5] });
    const failSeed = trialSeed(7, 't', (points[1] as { key: string }).key, 3);
    const run = runPool(js, { threads: 2, workerUrl: FAULTY, workerData: { failSeed, mode: 'crash' } });
    await expect(run).rejects.toBeInstanceOf(WorkerExitError);
  });

  it('reports each point once, as soon as its batches are back, with its final result', async () => {
    const js = jobs(30);
    const seen: [number, JobResult][] = [];
    let batchesBefore = 0;
    let progressCalls = 0;
    const results = await runPool(js, {
      threads: 2,
      batchNs: 1e5,
      onProgress: () => progressCalls++,
      onPointDone: (j, r) => {
        seen.push([j, r]);
        batchesBefore = progressCalls;
      },
    });
    expect(seen.map(([j]) => j).sort()).toEqual([0, 1, 2, 3]);
    for (const [j, r] of seen) expect(r).toBe(results[j]);
    // The last point is reported before the last progress call, not after the whole run.
    expect(batchesBefore).toBeLessThan(progressCalls);
  });

  it('names the run-wide point index given in the jobs', async () => {
    const js = jobs(20).map((job, j) => ({ ...job, pointIndex: 10 + j }));
    const points = expandGrid({ n: [10, 200], fanout: [2, 5] });
    const failSeed = trialSeed(7, 't', (points[2] as { key: string }).key, 4);
    const error = (await runPool(js, { threads: 1, workerUrl: FAULTY, workerData: { failSeed, mode: 'throw' } }).catch((e: unknown) => e)) as TrialFailedError;
    expect(error).toBeInstanceOf(TrialFailedError);
    expect(error.pointIndex).toBe(12);
  });

  it('names the batch a worker was running when it exits', async () => {
    const js = jobs(20);
    const points = expandGrid({ n: [10, 200], fanout: [2, 5] });
    const failSeed = trialSeed(7, 't', (points[3] as { key: string }).key, 9);
    const error = (await runPool(js, { threads: 2, workerUrl: FAULTY, workerData: { failSeed, mode: 'crash' } }).catch((e: unknown) => e)) as WorkerExitError;
    expect(error).toBeInstanceOf(WorkerExitError);
    const b = error.batch!;
    expect(b.pointIndex).toBe(3);
    expect(b.firstTrial).toBeLessThanOrEqual(9);
    expect(b.firstTrial + b.count - 1).toBeGreaterThanOrEqual(9);
    expect(b.firstSeed).toBe(trialSeed(7, 't', (points[3] as { key: string }).key, b.firstTrial));
    expect(error.message).toContain(`first seed ${b.firstSeed}`);
  });

  it('rejects with WorkerExitError naming the batch when a worker runs out of memory', async () => {
    const js = jobs(20);
    const points = expandGrid({ n: [10, 200], fanout: [2, 5] });
    const failSeed = trialSeed(7, 't', (points[1] as { key: string }).key, 0);
    const error = (await runPool(js, {
      threads: 2,
      workerUrl: FAULTY,
      workerData: { failSeed, mode: 'oom' },
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    }).catch((e: unknown) => e)) as WorkerExitError;
    expect(error).toBeInstanceOf(WorkerExitError);
    expect(error.message).toMatch(/memory/);
    expect(error.batch).toMatchObject({ pointIndex: 1, firstTrial: 0 });
  });

  it('stops a hung worker and rejects with PoolAbortedError when the signal aborts', async () => {
    const js = jobs(20);
    const points = expandGrid({ n: [10, 200], fanout: [2, 5] });
    const failSeed = trialSeed(7, 't', (points[1] as { key: string }).key, 2);
    const stop = new AbortController();
    const done: number[] = [];
    const run = runPool(js, {
      threads: 1,
      workerUrl: FAULTY,
      workerData: { failSeed, mode: 'hang' },
      signal: stop.signal,
      onPointDone: (j) => {
        done.push(j);
        stop.abort('SIGINT');
      },
    });
    const started = performance.now();
    const error = (await run.catch((e: unknown) => e)) as PoolAbortedError;
    expect(error).toBeInstanceOf(PoolAbortedError);
    expect(error.reason).toBe('SIGINT');
    expect(done).toEqual([0]);
    expect(performance.now() - started).toBeLessThan(20_000);
    await expect(runPool(js, { threads: 1, signal: stop.signal })).rejects.toBeInstanceOf(PoolAbortedError);
  });

  it('rejects bad thread counts', async () => {
    await expect(runPool(jobs(1), { threads: 0 })).rejects.toThrow(/threads/);
  });
});

describe('planBatches', () => {
  it('covers every trial once, in point and trial order, with at least one trial a batch', () => {
    const js = expandGrid({ n: [10, 1e6], fanout: 5 }).map((p) => ({ params: p.params, seedBase: p.key, trials: 7 }));
    const batches = planBatches(js);
    const covered = batches.flatMap((b) => Array.from({ length: b.count }, (_, i) => `${b.pointIndex}:${b.firstTrial + i}`));
    const expected = js.flatMap((j, p) => Array.from({ length: j.trials }, (_, t) => `${p}:${t}`));
    expect(covered).toEqual(expected);
    expect(batches.every((b) => b.count >= 1)).toBe(true);
    // n = 1e6 trials are far above the batch target: one trial a batch.
    expect(batches.filter((b) => b.pointIndex === 1).every((b) => b.count === 1)).toBe(true);
    // n = 10 trials are tiny: all 7 in one batch.
    expect(batches.filter((b) => b.pointIndex === 0)).toHaveLength(1);
    batches.forEach((b, i) => expect(b.id).toBe(i));
  });
});
