// A sweep: the suites of one run, each in its variant, resolved into an ordered list of points
// with their trial counts and seed bases; what the pool runs and the tables are written from.
import { expandGrid, type Point } from './grid.ts';
import { seedBase } from './seeds.ts';
import { suiteVariant, type Suite, type SuiteMode } from './suite.ts';

/** One point of a sweep. */
export interface SweepPoint extends Point {
  /** The suite's name. */
  suite: string;
  /** Index of the point within its suite (the `point` column). */
  point: number;
  /** Trials to run. */
  trials: number;
  /**
   * Index of the first of them (absent: 0). Set in a shard's sweep, where a point may be a slice
   * of a run's point: its trials are `firstTrial` to `firstTrial + trials - 1`.
   */
  firstTrial?: number;
  /** Seed base of the point (see seeds.ts). */
  seedBase: string;
}

/** One suite of a sweep, as recorded in run.json. */
export interface SweepSuite {
  name: string;
  description: string;
  mode: SuiteMode;
  /** Trials per point (after any override). */
  trials: number;
  /** Number of points. */
  points: number;
}

/** The resolved work of a run. */
export interface Sweep {
  /** The master seed every trial seed derives from. */
  masterSeed: string | number;
  suites: SweepSuite[];
  /** Every point, suite by suite, each suite's points in grid order. */
  points: SweepPoint[];
  /** Sum of the points' trials. */
  totalTrials: number;
}

/** Options of {@link buildSweep}. */
export interface SweepOptions {
  masterSeed: string | number;
  /** Trials per point for every suite, replacing the suites' own. */
  trials?: number;
}

/**
 * Resolves suites (already validated, see `validateSuite`) into a sweep. Trials per point come
 * from `options.trials`, else the entry's `trials`, else the suite variant's. Throws the engine's
 * ParameterError for a point it rejects, and a RangeError when a suite name repeats (its
 * trials would repeat the same seeds).
 */
export function buildSweep(
  entries: readonly { suite: Suite; mode: SuiteMode; trials?: number }[],
  options: SweepOptions,
): Sweep {
  const suites: SweepSuite[] = [];
  const points: SweepPoint[] = [];
  const names = new Set<string>();
  for (const { suite, mode, trials: entryTrials } of entries) {
    if (names.has(suite.name)) throw new RangeError(`suite ${JSON.stringify(suite.name)} appears twice in the run`);
    names.add(suite.name);
    const variant = suiteVariant(suite, mode);
    const trials = options.trials ?? entryTrials ?? variant.trials;
    const grid = expandGrid(variant.grid);
    grid.forEach((p, i) => {
      points.push({ ...p, suite: suite.name, point: i, trials, seedBase: seedBase(options.masterSeed, suite.name, p.key) });
    });
    suites.push({ name: suite.name, description: suite.description, mode, trials, points: grid.length });
  }
  const totalTrials = points.reduce((sum, p) => sum + p.trials, 0);
  return { masterSeed: options.masterSeed, suites, points, totalTrials };
}
