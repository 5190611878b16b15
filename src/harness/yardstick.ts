// The hardware yardstick: a plain C program doing the engine's round, timed beside the engine so
// speed is quoted as a ratio, not a time. By default the project's own reference kernel
// (bench/reference/majority.c), compiled on demand; $GOSSIP_YARDSTICK names another C source.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../io/package-files.ts';
import { buildC, type BuildCOptions } from './c-compiler.ts';

/** The project's C reference kernel: one round of the seed's binary majority, as the engine does it. */
export const REFERENCE_SOURCE = join(PACKAGE_ROOT, 'bench', 'reference', 'majority.c');

/** The yardstick's C source: $GOSSIP_YARDSTICK when set, else {@link REFERENCE_SOURCE}. */
export function yardstickSource(env: Record<string, string | undefined> = process.env): string {
  const override = env['GOSSIP_YARDSTICK'];
  return override !== undefined && override !== '' ? override : REFERENCE_SOURCE;
}

/** The yardstick of a run: its source and binary, or why there is none. */
export interface Yardstick {
  readonly source: string;
  /** The built program (null: none, see `problem`). */
  readonly binary: string | null;
  /** Compiler flags it was built with (empty without a binary). */
  readonly flags: readonly string[];
  /**
   * Null when built; else one line for the user naming what is missing, how to fix it, and that
   * the ratio columns stay empty. Print it once per run.
   */
  readonly problem: string | null;
}

/** Yardsticks resolved by this process, by source, $CC, $PATH and cache folder. */
const resolved = new Map<string, Yardstick>();

/**
 * The yardstick for `env` ($GOSSIP_YARDSTICK, $CC, $PATH), built or found in the cache once per
 * process. Never throws: without a C compiler (or with a source that does not compile) the
 * binary is null and `problem` says why.
 */
export function resolveYardstick(env: Record<string, string | undefined> = process.env, options: Pick<BuildCOptions, 'cacheDir'> = {}): Yardstick {
  const source = yardstickSource(env);
  const memo = JSON.stringify([source, env['CC'] ?? null, env['PATH'] ?? null, options.cacheDir ?? null]);
  const known = resolved.get(memo);
  if (known !== undefined) return known;
  const built = buildC(source, { env, ...options });
  const yardstick: Yardstick = built.ok
    ? { source, binary: built.value.binary, flags: built.value.flags, problem: null }
    : {
        source,
        binary: null,
        flags: [],
        problem: `no C yardstick, so the engine/C ratio columns stay empty: ${built.problem}${source === REFERENCE_SOURCE ? '' : ' ($GOSSIP_YARDSTICK)'}`,
      };
  resolved.set(memo, yardstick);
  return yardstick;
}

/** What the yardstick prints in its timing mode (one line of JSON); the fields read here. */
interface YardstickOutput {
  ns_per_agent_round: number;
}

/** Most rounds the reference kernel times in one run (it keeps every round's time). */
export const MAX_YARDSTICK_ROUNDS = 1_000_000;

/** Rounds the yardstick times at (n, fanout): enough to last about 0.2 s, at least 2. */
export function yardstickRounds(n: number, fanout: number): number {
  return Math.min(MAX_YARDSTICK_ROUNDS, Math.max(2, Math.round(2e8 / (n * Math.min(fanout, n - 1) * 4))));
}

/**
 * Median ns per agent-round of the yardstick at (n, fanout) over `reps` runs (default 3, and 1
 * from n = 10^7 on, where one run already takes seconds), each of {@link yardstickRounds} rounds.
 * The program is run as `binary N FANOUT ROUNDS` and prints JSON with `ns_per_agent_round`; the
 * reference kernel reports its median round there, as tinybench does for the engine.
 */
export function measureYardstick(bin: string, n: number, fanout: number, reps = n >= 1e7 ? 1 : 3, rounds = yardstickRounds(n, fanout)): number {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const text = execFileSync(bin, [String(n), String(fanout), String(rounds)], { encoding: 'utf8' });
    out.push((JSON.parse(text) as YardstickOutput).ns_per_agent_round);
  }
  out.sort((a, b) => a - b);
  return out[Math.floor(out.length / 2)] as number;
}
