// The throughput suites' C yardstick from the command line: by default the project's reference
// kernel fills the ratio columns of throughput.csv; without a C compiler they stay empty and the
// run prints exactly one warning line, however many suites and points it times.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCCompiler } from '../../src/harness/c-compiler.ts';
import type { SuiteRegistry } from '../../src/cli/main.ts';
import { runInProcess } from './cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'bench-yardstick-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Two tiny throughput suites (one point each), so a per-suite or per-point warning would show. */
const tiny = (name: string, n: number): unknown => ({ name, kind: 'throughput', description: name, grid: { n: [n], fanout: [3] }, trials: 3, claims: [] });
const registry: SuiteRegistry = { suites: [tiny('tp-a', 2000), tiny('tp-b', 3000)], defaultRun: [] };

/** Column `name` of every row of the run's throughput.csv. */
function column(dir: string, name: string): string[] {
  const [head, ...rows] = readFileSync(join(dir, 'throughput.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  const i = head!.indexOf(name);
  expect(i).toBeGreaterThanOrEqual(0);
  return rows.map((r) => r[i]!);
}

describe('the throughput suites and the C yardstick', () => {
  it('leaves the ratio columns empty with one warning line when there is no C compiler', async () => {
    const out = join(tmp, 'no-compiler');
    const env = { CI: '1', PATH: process.env['PATH'], CC: '/nonexistent/cc' };
    const result = await runInProcess(['--suite', 'tp-a,tp-b', '--out', out], { registry }, env);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings).toEqual([
      'warning: no C yardstick, so the engine/C ratio columns stay empty: $CC=/nonexistent/cc does not run as a C compiler (set $CC to gcc or clang, or unset it)',
    ]);
    expect(column(out, 'yardstick_ns_per_agent_round')).toEqual(['', '']);
    expect(column(out, 'ratio_to_yardstick')).toEqual(['', '']);
  });

  const compiler = findCCompiler().ok;
  it.runIf(compiler || process.env['CI'] !== undefined)('fills them from the reference kernel when a compiler is present', async () => {
    const out = join(tmp, 'reference');
    const env = { CI: '1', PATH: process.env['PATH'], CC: process.env['CC'] };
    const result = await runInProcess(['--suite', 'tp-a', '--out', out], { registry }, env);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('warning:');
    const [ns] = column(out, 'yardstick_ns_per_agent_round').map(Number);
    const [ratio] = column(out, 'ratio_to_yardstick').map(Number);
    expect(ns).toBeGreaterThan(0);
    expect(ratio).toBeGreaterThan(0);
  });
});
