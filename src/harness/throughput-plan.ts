// The throughput part of a run: which (n, fanout) points the throughput suites time, and how
// they are recorded in run.json.
import { expandGrid } from './grid.ts';
import { suiteVariant, type Suite, type SuiteMode } from './suite.ts';
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

/** Resolves throughput suites into their points (n, fanout and protocol of each grid point). */
export function planThroughput(entries: readonly { suite: Suite; mode: SuiteMode; trials?: number }[]): ThroughputSuitePlan[] {
  return entries.map(({ suite, mode, trials }) => {
    const variant = suiteVariant(suite, mode);
    const points = expandGrid(variant.grid).map((p) => ({ protocol: p.plan.protocol, n: p.plan.n, fanout: p.plan.fanout, threads: 1 }));
    const minIterations = trials ?? variant.trials;
    return {
      suite: { name: suite.name, description: suite.description, mode, trials: minIterations, points: points.length },
      points,
      minIterations,
    };
  });
}
