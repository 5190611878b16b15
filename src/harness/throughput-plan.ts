// The throughput part of a run: which (n, fanout) points the throughput suites time, and how
// they are recorded in run.json.
import os from 'node:os';
import { expandGrid } from './grid.ts';
import { SuiteError, suiteVariant, type Suite, type SuiteMode } from './suite.ts';
import type { SweepSuite } from './sweep.ts';
import type { ThroughputPoint } from './throughput.ts';

/** The points one throughput suite times, with its minimum rounds timed per point. */
export interface ThroughputSuitePlan {
  suite: SweepSuite;
  points: ThroughputPoint[];
  /** Minimum rounds timed per point (the suite's `trials`). */
  minIterations: number;
}

/** Whether an entry of the run is a throughput suite. */
export function isThroughput(entry: { suite: Suite }): boolean {
  return entry.suite.kind === 'throughput';
}

/** From this n on, the throughput suite also times the round split over all cores. */
export const PARALLEL_MIN_N = 1_000_000;

/**
 * Resolves throughput suites into their points: n, fanout and protocol of each grid point on one
 * thread, and for n >= {@link PARALLEL_MIN_N} also on `cores` threads sharing one trial. A point
 * with a user rule is a SuiteError (the throughput suites time the built-in kernels only).
 */
export function planThroughput(
  entries: readonly { suite: Suite; mode: SuiteMode; trials?: number }[],
  cores: number = os.availableParallelism(),
): ThroughputSuitePlan[] {
  return entries.map(({ suite, mode, trials }) => {
    const variant = suiteVariant(suite, mode);
    const points = expandGrid(variant.grid).flatMap((p) => {
      if (p.plan.rule !== null) throw new SuiteError(suite.name, 'grid.rule', p.plan.rule.name, 'absent in a throughput suite (it times the built-in protocols; time a rule with a trials suite)');
      const one = { protocol: p.plan.protocol, n: p.plan.n, fanout: p.plan.fanout, threads: 1 };
      return cores > 1 && p.plan.n >= PARALLEL_MIN_N ? [one, { ...one, threads: cores }] : [one];
    });
    const minIterations = trials ?? variant.trials;
    return {
      suite: { name: suite.name, description: suite.description, mode, trials: minIterations, points: points.length },
      points,
      minIterations,
    };
  });
}
