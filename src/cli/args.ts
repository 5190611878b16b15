// Command-line arguments of `bench`: the commander program, and parsing of its flags into typed
// values; bad input becomes a UsageError that names the flag and the value.
import os from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { formatValue } from '../engine/errors.ts';
import { BASELINE_NAME } from '../results/baselines.ts';
import { MAX_SHARDS, type ShardSpec } from '../harness/shard.ts';
import type { SuiteMode } from '../harness/suite.ts';

/** Bad command-line input: one line naming the flag and the value; the CLI exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /**
   * @param flag - the flag at fault, e.g. `--fanout` (empty when no single flag is)
   * @param value - the value given
   * @param problem - what is wrong, e.g. `must be an integer >= 1`; `(got <value>)` is appended
   */
  constructor(
    readonly flag: string,
    readonly value: unknown,
    problem: string,
  ) {
    super(`${flag === '' ? '' : `${flag} `}${problem}${value === undefined ? '' : ` (got ${formatValue(value)})`}`);
  }
}

/** The grid flags of an ad hoc run, each a list of values. */
export interface AdhocFlags {
  n?: number[];
  fanout?: number[];
  threshold?: number[];
  maxRounds?: number[];
  start?: string[];
  split?: number[];
  crashFraction?: number[];
  crashRound?: number[];
  protocol?: string[];
  opinions?: number[];
  bias?: number[];
  lossRate?: number[];
  crashRecovery?: number[];
  stubbornFraction?: number[];
  stubbornOpinion?: number[];
  topology?: string[];
  degree?: number[];
  rewire?: number[];
  engine?: string[];
  rule?: string[];
  feedback?: string[];
  removal?: string[];
  k?: number[];
  retransmitMult?: number[];
  timing?: string[];
  interval?: number[];
}

/** The ad hoc grid flags: the field of {@link AdhocFlags}, the flag, and the kind of its values. */
export const ADHOC_FLAGS = [
  { key: 'n', flag: '--n', kind: 'number', help: 'agents' },
  { key: 'fanout', flag: '--fanout', kind: 'number', help: 'peers contacted per agent and round' },
  { key: 'threshold', flag: '--threshold', kind: 'number', help: 'agreement that counts as converged, in (0, 1] (default 0.95)' },
  { key: 'maxRounds', flag: '--max-rounds', kind: 'number', help: 'round limit (default 100)' },
  {
    key: 'start',
    flag: '--start',
    kind: 'string',
    help: "initial opinions: 'split', 'near-balanced', 'plurality' (with --opinions) or 'source' (rumor protocols' only start; their default) (default split)",
  },
  { key: 'split', flag: '--split', kind: 'number', help: 'fraction holding opinion 0 with --start split (default 0.7)' },
  { key: 'crashFraction', flag: '--crash', kind: 'number', help: 'fraction of agents that crash, in [0, 1) (default 0)' },
  { key: 'crashRound', flag: '--crash-round', kind: 'number', help: 'completed rounds before the crash (default 0)' },
  {
    key: 'protocol',
    flag: '--protocol',
    kind: 'string',
    help: "protocol: 'majority' (default), '3-majority', '2-choices', rumor spreading 'push', 'pull', 'push-pull', or dissemination 'rumor-mongering', 'memberlist'",
  },
  { key: 'opinions', flag: '--opinions', kind: 'number', help: 'opinions with --start plurality, 2 to 255' },
  { key: 'bias', flag: '--bias', kind: 'number', help: "opinion 0's lead with --start plurality, >= 0 (default 0.1)" },
  { key: 'lossRate', flag: '--loss', kind: 'number', help: 'probability that a contact is lost, in [0, 1] (default 0)' },
  { key: 'crashRecovery', flag: '--crash-recovery', kind: 'number', help: 'rounds crashed agents stay down, 0 = for good (default 0)' },
  { key: 'stubbornFraction', flag: '--stubborn', kind: 'number', help: 'fraction of stubborn agents, in [0, 1) (default 0)' },
  { key: 'stubbornOpinion', flag: '--stubborn-opinion', kind: 'number', help: "the stubborn agents' opinion (default: the initial minority)" },
  { key: 'topology', flag: '--topology', kind: 'string', help: "network: 'complete' (default), 'ring', 'torus', 'regular', 'er', 'ws', 'ba'" },
  { key: 'degree', flag: '--degree', kind: 'number', help: 'degree parameter of the topology (default 4)' },
  { key: 'rewire', flag: '--rewire', kind: 'number', help: 'rewiring probability with --topology ws, in [0, 1] (default 0.1)' },
  {
    key: 'engine',
    flag: '--engine',
    kind: 'string',
    help: "'agent' (default: every agent simulated) or 'count' (exact counts on the complete graph, n up to 2^53 - 1)",
  },
  { key: 'rule', flag: '--rule-name', kind: 'string', help: 'rules loaded with --rule, by name, instead of --protocol' },
  { key: 'feedback', flag: '--feedback', kind: 'string', help: "rumor-mongering: 'feedback' (only unnecessary contacts count, default) or 'blind'" },
  { key: 'removal', flag: '--removal', kind: 'string', help: "rumor-mongering: lose interest by 'coin' (probability 1/k, default) or 'counter' (after k)" },
  { key: 'k', flag: '--k', kind: 'number', help: "rumor-mongering's k, 1 to 255 (default 1)" },
  { key: 'retransmitMult', flag: '--retransmit-mult', kind: 'number', help: "memberlist's budget is retransmit-mult x ceil(log10(n + 1)) (default 4)" },
  { key: 'timing', flag: '--timing', kind: 'string', help: "rumor-mongering / memberlist: 'rounds' (default) or 'timers' (per-node random phases)" },
  { key: 'interval', flag: '--interval', kind: 'number', help: 'seconds between gossip ticks, > 0 (default 0.2)' },
] as const satisfies readonly { key: keyof AdhocFlags; flag: string; kind: 'number' | 'string'; help: string }[];

/** What the command line asks for. */
export interface BenchArgs {
  /** Suites named with --suite, or null for the default set (or an ad hoc grid). */
  suites: string[] | null;
  /** Variant from --quick / --full; null when neither was given. */
  mode: SuiteMode | null;
  /** Worker threads. */
  threads: number;
  /** Master seed: a safe integer when given in canonical integer form, else the string. */
  seed: string | number;
  /** Trials per point overriding the suites', or null. */
  trials: number | null;
  /** Output folder, or null for results/<run-id>. */
  out: string | null;
  /** Grid flags of an ad hoc run, or null when none was given. */
  adhoc: AdhocFlags | null;
  /** --strict: exit 1 when any claim fails. */
  strict: boolean;
  /** --resume: continue the interrupted or failed run in `out` (which must then be given). */
  resume: boolean;
  /** --save-baseline NAME: keep the completed run as results/baselines/NAME. */
  saveBaseline: string | null;
  /** --baseline NAME: compare the completed run with results/baselines/NAME. */
  baseline: string | null;
  /** --suite-file FILES: the user's suite files, as given (each flag may list several, comma-separated). */
  suiteFiles: string[];
  /** --rule FILES: the user's rule files, as given. */
  ruleFiles: string[];
  /**
   * --shard: run one shard of the run; `{ index, count }` from `--shard I/N`, `'env'` for a bare
   * `--shard` (the index from the scheduler's environment, see shard-env.ts), or null.
   */
  shard: ShardSpec | 'env' | null;
  /** --shards N: the shard count, with a bare --shard when the environment does not give it. */
  shards: number | null;
}

/** The outcome of parsing: run, print help, or list the suites. */
export type ParsedArgs =
  | { action: 'run'; args: BenchArgs }
  | { action: 'help'; text: string }
  | { action: 'list'; suiteFiles: string[]; ruleFiles: string[] };

/** Largest --threads accepted. */
export const MAX_THREADS = 256;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^[+-]?\d+$/;

/** The commander program; `out` collects what it would print. */
function buildProgram(out: { text: string; error: string }): Command {
  const program = new Command('bench')
    .description(
      'Runs suites of gossip-consensus trials on worker threads and writes trials.csv, summary.csv ' +
        'and run.json to results/<run-id>/ (or --out DIR). With no --suite and no grid flags it runs ' +
        'the default set (see --list).',
    )
    .usage('[--suite a,b | grid flags] [options]')
    .addHelpOption(new Option('-h, --help', 'show this help').helpGroup('Help:'))
    .configureHelp({ helpWidth: 100 })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        out.text += s;
      },
      writeErr: (s) => {
        out.error += s;
      },
    })
    .allowExcessArguments(false)
    .optionsGroup('Suites:')
    .option('--list', 'list the suites (and the default set) and exit')
    .option('--suite <names>', 'comma-separated suites to run (default: the default set, or the suites of --suite-file)')
    .option('--suite-file <files>', 'your own suite files (.ts, .js, .mjs; export default defineSuite({...})); repeat or comma-separate', collect, [])
    .option('--rule <files>', 'your own rule files (exports made with defineRule), for grids that name their rules; repeat or comma-separate', collect, [])
    .option('--quick', "run the suites' quick variants")
    .option('--full', "run the suites' full variants")
    .optionsGroup('Run:')
    .option('--trials <T>', "trials per point, replacing the suites' (ad hoc default 100)")
    .option('--seed <S>', 'master seed, an integer or a string (default: 1)')
    .option('--threads <N>', `worker threads (default: ${os.availableParallelism()}, the available cores)`)
    .option('--out <dir>', 'output folder; must not hold a run.json (default: results/<run-id>)')
    .option('--strict', 'exit 1 when any claim fails (for CI gating)')
    .option('--resume', 'continue the interrupted or failed run in --out DIR (same arguments), running only its missing points')
    .option('--save-baseline <name>', 'keep the completed run as results/baselines/NAME')
    .option('--baseline <name>', 'compare the completed run with results/baselines/NAME (writes compare.csv and compare.md)')
    .optionsGroup('Shards (one part of a run split over machines; join them with `npm run merge`):')
    .option(
      '--shard [I/N]',
      "run only shard I of N (0 <= I < N); without I/N the index comes from the scheduler: SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX",
    )
    .option('--shards <N>', 'the number of shards, with --shard when the environment does not give it (Kubernetes, AWS Batch)')
    .optionsGroup('Ad hoc grid (instead of --suite; each takes a comma-separated list, suite "adhoc"):');
  for (const { flag, help } of ADHOC_FLAGS) program.addOption(new Option(`${flag} <list>`, help));
  return program;
}

/** Collects a repeatable list flag: every occurrence, each split on commas. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim())];
}

/** Parses a comma-separated list of numbers; throws UsageError on an empty or non-numeric item. */
function numberList(flag: string, text: string): number[] {
  return text.split(',').map((part) => {
    const t = part.trim();
    if (!NUMBER.test(t)) throw new UsageError(flag, text, 'must be a comma-separated list of numbers');
    return Number(t);
  });
}

/** Parses a comma-separated list of words; throws UsageError on an empty item. */
function stringList(flag: string, text: string): string[] {
  return text.split(',').map((part) => {
    const t = part.trim();
    if (t === '') throw new UsageError(flag, text, 'must be a comma-separated list of names');
    return t;
  });
}

/** Parses an integer flag in [min, max]. */
function integerFlag(flag: string, text: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text.trim());
  if (!INTEGER.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UsageError(flag, NUMBER.test(text.trim()) ? value : text, `must be an integer ${range}`);
  }
  return value;
}

/** The master seed: a number when `text` is a safe integer in canonical form, else the string. */
export function parseSeed(text: string): string | number {
  if (text === '') throw new UsageError('--seed', text, 'must be a non-empty integer or string');
  const value = Number(text);
  return INTEGER.test(text) && Number.isSafeInteger(value) && String(value) === text ? value : text;
}

/** The one-line message of a commander error, without its `error: ` prefix. */
function commanderMessage(error: CommanderError): string {
  return error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Parses the arguments after `bench.ts`. Throws {@link UsageError} for an unknown flag, a
 * missing or malformed value, or flags that do not go together; domain checks of the grid
 * flags (n >= 2, threshold in (0, 1], ...) happen when the points are resolved (see adhoc.ts).
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out = { text: '', error: '' };
  const program = buildProgram(out);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') {
        return { action: 'help', text: out.text };
      }
      const flag = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
      throw new UsageError('', undefined, commanderMessage(error) || flag);
    }
    throw error;
  }
  const o = program.opts<Record<string, string | boolean | undefined>>();
  const files = (flag: string, list: unknown): string[] => {
    const names = Array.isArray(list) ? (list as string[]) : [];
    if (names.some((f) => f === '')) throw new UsageError(flag, names.join(','), 'must name files');
    return names;
  };
  const suiteFiles = files('--suite-file', o['suiteFile']);
  const ruleFiles = files('--rule', o['rule']);
  if (o['list'] === true) return { action: 'list', suiteFiles, ruleFiles };


  /** The value of a grid flag as commander stores it (`--crash` -> `crash`). */
  const gridText = (flag: string): string | boolean | undefined => o[new Option(`${flag} <list>`).attributeName()];
  let adhoc: AdhocFlags | null = null;
  for (const { key, flag, kind } of ADHOC_FLAGS) {
    const text = gridText(flag);
    if (typeof text !== 'string') continue;
    adhoc ??= {};
    if (kind === 'number') (adhoc as Record<string, number[]>)[key] = numberList(flag, text);
    else (adhoc as Record<string, string[]>)[key] = stringList(flag, text);
  }

  let suites: string[] | null = null;
  if (typeof o['suite'] === 'string') {
    if (adhoc !== null) {
      const first = ADHOC_FLAGS.find(({ flag }) => typeof gridText(flag) === 'string');
      throw new UsageError('--suite', o['suite'], `cannot be combined with the ad hoc grid flag ${first?.flag}`);
    }
    suites = stringList('--suite', o['suite']);
    const seen = new Set<string>();
    for (const name of suites) {
      if (seen.has(name)) throw new UsageError('--suite', o['suite'], `names suite ${JSON.stringify(name)} twice`);
      seen.add(name);
    }
  }

  if (o['quick'] === true && o['full'] === true) throw new UsageError('--quick', undefined, 'cannot be combined with --full');
  const mode: SuiteMode | null = o['quick'] === true ? 'quick' : o['full'] === true ? 'full' : null;
  if (mode !== null && adhoc !== null) {
    throw new UsageError(`--${mode}`, undefined, 'applies to suites, not to an ad hoc grid (use --trials)');
  }

  const threads =
    typeof o['threads'] === 'string' ? integerFlag('--threads', o['threads'], 1, MAX_THREADS) : os.availableParallelism();
  const trials = typeof o['trials'] === 'string' ? integerFlag('--trials', o['trials'], 1) : null;
  const seed = parseSeed(typeof o['seed'] === 'string' ? o['seed'] : '1');
  const outDir = typeof o['out'] === 'string' ? o['out'] : null;
  if (outDir === '') throw new UsageError('--out', outDir, 'must name a folder');

  const strict = o['strict'] === true;
  const resume = o['resume'] === true;
  if (resume && outDir === null) throw new UsageError('--resume', undefined, 'needs --out DIR, the folder of the run to resume');
  const baselineFlag = (flag: string, value: unknown): string | null => {
    if (value === undefined) return null;
    if (typeof value !== 'string' || !BASELINE_NAME.test(value)) {
      throw new UsageError(flag, value, 'must be a name of letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit)');
    }
    return value;
  };
  const saveBaseline = baselineFlag('--save-baseline', o['saveBaseline']);
  const baseline = baselineFlag('--baseline', o['baseline']);
  if (adhoc !== null && suiteFiles.length > 0) throw new UsageError('--suite-file', suiteFiles.join(','), 'cannot be combined with the ad hoc grid flags');
  const { shard, shards } = shardFlags(o['shard'], o['shards']);
  if (shard !== null && saveBaseline !== null) throw new UsageError('--save-baseline', undefined, 'applies to a whole run, not to a --shard (save the merged run)');
  if (shard !== null && baseline !== null) throw new UsageError('--baseline', undefined, 'applies to a whole run, not to a --shard (compare the merged run)');
  return {
    action: 'run',
    args: { suites, mode, threads, seed, trials, out: outDir, adhoc, strict, resume, saveBaseline, baseline, suiteFiles, ruleFiles, shard, shards },
  };
}

/** Parses --shard [I/N] and --shards N. Throws UsageError naming the flag and the value. */
function shardFlags(shardValue: unknown, shardsValue: unknown): Pick<BenchArgs, 'shard' | 'shards'> {
  const shards = typeof shardsValue === 'string' ? integerFlag('--shards', shardsValue, 1, MAX_SHARDS) : null;
  if (shardValue === undefined) {
    if (shards !== null) throw new UsageError('--shards', shards, 'needs --shard (it gives the shard count when the environment does not)');
    return { shard: null, shards: null };
  }
  if (shardValue === true) return { shard: 'env', shards };
  const text = String(shardValue).trim();
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS || index >= count) {
    throw new UsageError('--shard', String(shardValue), `must be I/N with N from 1 to ${MAX_SHARDS} and I from 0 to N - 1 (e.g. 0/4), or bare to take I from the scheduler`);
  }
  if (shards !== null && shards !== count) throw new UsageError('--shards', shards, `differs from the N of --shard ${text}`);
  return { shard: { index, count }, shards };
}
