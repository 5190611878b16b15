// The ad hoc suite: a grid built from the command-line flags (--n, --fanout, ...), validated point
// by point with the engine, each rejected parameter reported under its flag.
import { ParameterError } from '../engine/errors.ts';
import { expandGrid } from '../harness/grid.ts';
import { GRID_STARTS, type GridRecord, type Suite } from '../harness/suite.ts';
import { ADHOC_FLAGS, UsageError, type AdhocFlags } from './args.ts';

/** Name of the ad hoc suite in the CSVs and run.json. */
export const ADHOC_SUITE = 'adhoc';

/** Trials per point of an ad hoc grid when --trials is not given. */
export const ADHOC_DEFAULT_TRIALS = 100;

/** The flag of an engine parameter (`maxRounds` -> `--max-rounds`), or the parameter itself. */
export function flagOf(parameter: string): string {
  return ADHOC_FLAGS.find(({ key }) => key === parameter)?.flag ?? parameter;
}

/**
 * Builds the ad hoc suite from grid flags and checks every point with `planTrial`. Throws
 * {@link UsageError} naming the flag: `--n` or `--fanout` missing, or a value the engine rejects
 * (`--fanout must be an integer >= 1 (got 0)`).
 */
export function adhocSuite(flags: AdhocFlags, trials: number | null): Suite {
  if (flags.n === undefined) throw new UsageError('--n', undefined, 'is required for an ad hoc grid (e.g. --n 10,100)');
  if (flags.fanout === undefined) throw new UsageError('--fanout', undefined, 'is required for an ad hoc grid (e.g. --fanout 3)');
  for (const s of flags.start ?? []) {
    if (!(GRID_STARTS as readonly string[]).includes(s)) {
      throw new UsageError('--start', s, `must be one of ${GRID_STARTS.map((x) => `'${x}'`).join(', ')}`);
    }
  }
  const suite: Suite = {
    name: ADHOC_SUITE,
    description: 'ad hoc grid from the command line',
    grid: flags as GridRecord,
    trials: trials ?? ADHOC_DEFAULT_TRIALS,
    claims: [],
  };
  try {
    expandGrid(suite.grid);
  } catch (error) {
    if (error instanceof ParameterError) {
      throw new UsageError(flagOf(error.parameter), error.value, `must be ${error.expected}`);
    }
    throw error;
  }
  return suite;
}
