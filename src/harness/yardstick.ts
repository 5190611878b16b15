// The hardware yardstick: the plain C kernel in ../shared/yardsticks (not part of this project),
// compiled on demand and timed beside the engine so speed is quoted as a ratio, not a time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the yardstick's source is looked for: $GOSSIP_YARDSTICK, else ../shared/yardsticks beside the project. */
export function yardstickSource(env: Record<string, string | undefined> = process.env): string {
  return env['GOSSIP_YARDSTICK'] ?? fileURLToPath(new URL('../../../shared/yardsticks/limit_kernel.c', import.meta.url));
}

/** Compiled binaries by source path (null: could not be built). */
const compiled = new Map<string, string | null>();

/**
 * Compiles the yardstick (`gcc -O3 -march=native`) once per process and returns the binary's
 * path, or null when the source or gcc is missing (the ratio columns then stay empty).
 */
export function yardstickBinary(source: string = yardstickSource()): string | null {
  const known = compiled.get(source);
  if (known !== undefined) return known;
  let bin: string | null = null;
  if (existsSync(source)) {
    try {
      bin = join(mkdtempSync(join(os.tmpdir(), 'gossip-yardstick-')), 'limit_kernel');
      execFileSync('gcc', ['-O3', '-march=native', '-o', bin, source], { stdio: 'ignore' });
    } catch {
      bin = null;
    }
  }
  compiled.set(source, bin);
  return bin;
}

/**
 * Median ns per agent-round of the yardstick at (n, fanout) over `reps` runs (default 3, and 1
 * from n = 10^7 on, where one run already takes seconds), each of enough rounds to last about
 * 0.2 s (at least 2).
 */
export function measureYardstick(bin: string, n: number, fanout: number, reps = n >= 1e7 ? 1 : 3): number {
  const rounds = Math.max(2, Math.round(2e8 / (n * Math.min(fanout, n - 1) * 4)));
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const text = execFileSync(bin, [String(n), String(fanout), String(rounds)], { encoding: 'utf8' });
    out.push((JSON.parse(text) as { ns_per_agent_round: number }).ns_per_agent_round);
  }
  out.sort((a, b) => a - b);
  return out[Math.floor(out.length / 2)] as number;
}
