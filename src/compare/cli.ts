// The compare command as a function: arguments in, exit code out (0 compared, 1 a regression or
// behaviour change with --fail-on-regression, 2 bad input), so tests can run it in-process.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ReportInputError } from '../io/errors.ts';
import { BaselineError, baselineDir } from '../results/baselines.ts';
import { compareRuns } from './compare.ts';
import { CompareOptionError } from './errors.ts';
import { writeCompareFiles } from './output.ts';
import { compareTable } from './table.ts';

/** Usage of `npm run compare`. */
export const COMPARE_USAGE = `Usage: compare BASE HEAD [options]
       compare --baseline NAME HEAD [options]

Compares run folder HEAD against BASE (or the saved baseline results/baselines/NAME): behaviour
point by point (trial by trial with the same master seed, else the means), speed of each
throughput row (HEAD/BASE with a Mann-Whitney U test), and the context of both runs. Prints a
table and writes compare.csv and compare.md into HEAD (or --out DIR).

Options:
  --baseline <name>       compare against results/baselines/<name> (then only HEAD is given)
  --results <dir>         the results folder holding baselines/ (default: results/ of the project)
  --threshold <x>         speed noise threshold, a fraction in [0, 1) (default 0.05)
  --out <dir>             where to write compare.csv and compare.md (default: HEAD)
  --fail-on-regression    exit 1 on a behaviour change or a significant slowdown beyond the threshold
  -h, --help              show this help

Exit codes: 0 compared; 1 with --fail-on-regression, a behaviour change or a speed regression;
2 bad input (one line on stderr naming the file or flag; nothing written).`;

/** Exit codes of the command. */
export const COMPARE_EXIT = { ok: 0, regression: 1, usage: 2 } as const;

/** Streams of a compare run. */
export interface CompareIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Options of {@link runCompare}; the defaults are the process's. */
export interface RunCompareOptions {
  io?: Partial<CompareIo>;
  /** The results folder that `--baseline` looks in (default: results/ of the project root). */
  resultsRoot?: string;
}

/** Bad command-line input: one line naming the flag or argument. */
export class CompareUsageError extends Error {
  override readonly name = 'CompareUsageError';
}

/** The project's results folder (two folders up from this file). */
const DEFAULT_RESULTS = fileURLToPath(new URL('../../results/', import.meta.url));

/** What the command line asks for. */
interface CompareArgs {
  base: string | null;
  baseline: string | null;
  head: string;
  results: string | null;
  threshold: number;
  out: string | null;
  failOnRegression: boolean;
  help: boolean;
}

/** Parses the arguments; throws {@link CompareUsageError} or {@link CompareOptionError}. */
function parse(argv: readonly string[]): CompareArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        baseline: { type: 'string' },
        results: { type: 'string' },
        threshold: { type: 'string' },
        out: { type: 'string' },
        'fail-on-regression': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CompareUsageError(`${(error as Error).message.split('\n')[0] ?? ''} (see --help)`);
  }
  const v = parsed.values;
  const pos = parsed.positionals;
  const help = v.help === true;
  const baseline = v.baseline ?? null;
  const want = baseline === null ? 2 : 1;
  if (!help && pos.length !== want) {
    const shape = baseline === null ? 'two run folders, BASE and HEAD' : 'one run folder, HEAD, with --baseline';
    throw new CompareUsageError(`expected ${shape} (got ${pos.length} argument${pos.length === 1 ? '' : 's'}; see --help)`);
  }
  let threshold = 0.05;
  if (v.threshold !== undefined) {
    threshold = v.threshold.trim() === '' ? NaN : Number(v.threshold);
    if (!(Number.isFinite(threshold) && threshold >= 0 && threshold < 1)) {
      throw new CompareOptionError('--threshold', v.threshold, 'a fraction in [0, 1), e.g. 0.05');
    }
  }
  return {
    base: baseline === null ? (pos[0] ?? null) : null,
    baseline,
    head: pos[want - 1] ?? '',
    results: v.results ?? null,
    threshold,
    out: v.out ?? null,
    failOnRegression: v['fail-on-regression'] === true,
    help,
  };
}

/** Whether an error is bad input (exit 2) rather than a fault of the command. */
function isInputError(error: unknown): error is Error {
  return (
    error instanceof CompareUsageError ||
    error instanceof CompareOptionError ||
    error instanceof ReportInputError ||
    error instanceof BaselineError
  );
}

/**
 * Runs the compare command on `argv` (the arguments after the script): compares, prints the table
 * to stdout, writes compare.csv and compare.md atomically, and returns the exit code. Bad input
 * (a usage error, a folder that is not a run, a broken CSV, an unknown baseline) prints one line
 * `error: ...` on stderr, writes nothing and returns 2.
 */
export async function runCompare(argv: readonly string[], options: RunCompareOptions = {}): Promise<number> {
  const stdout = options.io?.stdout ?? process.stdout;
  const stderr = options.io?.stderr ?? process.stderr;
  try {
    const args = parse(argv);
    if (args.help) {
      stdout.write(`${COMPARE_USAGE}\n`);
      return COMPARE_EXIT.ok;
    }
    const resultsRoot = args.results ?? options.resultsRoot ?? DEFAULT_RESULTS;
    const base = args.baseline === null ? (args.base as string) : await baselineDir(resultsRoot, args.baseline);
    const result = await compareRuns(base, args.head, { threshold: args.threshold });
    const outDir = resolve(args.out ?? args.head);
    let files;
    try {
      files = await writeCompareFiles(result, outDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CompareUsageError(`${outDir}: cannot write compare.csv and compare.md (${code ?? String(error)})`);
    }
    stdout.write(compareTable(result));
    stdout.write(`\nwrote ${files.csv} and ${files.markdown}\n`);
    return args.failOnRegression && result.failed ? COMPARE_EXIT.regression : COMPARE_EXIT.ok;
  } catch (error) {
    if (!isInputError(error)) throw error;
    stderr.write(`error: ${error.message.split('\n')[0] ?? ''}\n`);
    return COMPARE_EXIT.usage;
  }
}
