// The throughput suite's machinery: tinybench measurements in a worker, one point at a time,
// with the yardstick beside them when it can be built. No timing assertions: only shapes.
import { describe, expect, it } from 'vitest';
import { MAX_KEPT_SAMPLES, measureThroughput, runThroughput } from '../../src/harness/throughput.ts';
import { planThroughput } from '../../src/harness/throughput-plan.ts';
import { findCCompiler } from '../../src/harness/c-compiler.ts';
import { measureYardstick, REFERENCE_SOURCE, resolveYardstick, yardstickSource } from '../../src/harness/yardstick.ts';

describe('measureThroughput', () => {
  it('times rounds and reports per agent-round figures', async () => {
    const r = await measureThroughput({ protocol: 'majority', n: 2000, fanout: 3, threads: 1 }, { timeMs: 30, minIterations: 5 });
    expect(r.samples).toBeGreaterThanOrEqual(5);
    expect(r.nsPerAgentRound).toBeGreaterThan(0);
    expect(r.agentRoundsPerS).toBeCloseTo(1e9 / r.nsPerAgentRound, 0);
    expect(r.sampleNs.length).toBe(Math.min(r.samples, MAX_KEPT_SAMPLES));
  });
});

describe('measureThroughput on two threads', () => {
  it('times a round split over two workers', async () => {
    const r = await measureThroughput({ protocol: 'majority', n: 65_536 * 2, fanout: 3, threads: 2 }, { timeMs: 30, minIterations: 3 });
    expect(r.threads).toBe(2);
    expect(r.samples).toBeGreaterThanOrEqual(3);
    expect(r.nsPerAgentRound).toBeGreaterThan(0);
  });
});

describe('planThroughput', () => {
  it('adds an all-cores row from n = 1e6 on, and none on one core', () => {
    const suite = { name: 't', kind: 'throughput' as const, description: '', grid: { n: [1e3, 1e6], fanout: 5 }, trials: 4, claims: [] };
    const [plan] = planThroughput([{ suite, mode: 'default' }], 2);
    expect(plan!.points.map((p) => [p.n, p.threads])).toEqual([
      [1e3, 1],
      [1e6, 1],
      [1e6, 2],
    ]);
    expect(plan!.minIterations).toBe(4);
    expect(planThroughput([{ suite, mode: 'default' }], 1)[0]!.points).toHaveLength(2);
  });
});

describe('runThroughput', () => {
  it('measures every point in order in a worker', async () => {
    const seen: number[] = [];
    const rows = await runThroughput(
      [
        { protocol: 'majority', n: 500, fanout: 3, threads: 1 },
        { protocol: 'majority', n: 5000, fanout: 5, threads: 1 },
      ],
      { timeMs: 20, minIterations: 3, yardstick: null, onResult: (r) => seen.push(r.n) },
    );
    expect(seen).toEqual([500, 5000]);
    expect(rows.map((r) => [r.n, r.fanout, r.yardstickNs])).toEqual([
      [500, 3, null],
      [5000, 5, null],
    ]);
  });
});

describe('yardstick', () => {
  // The project's reference kernel needs a C compiler: CI has gcc, a user may not.
  const compiler = findCCompiler().ok;
  it.runIf(compiler || process.env['CI'] !== undefined)('is the reference kernel by default; it compiles and reports ns per agent-round', () => {
    expect(yardstickSource({})).toBe(REFERENCE_SOURCE);
    const y = resolveYardstick();
    expect(y.problem).toBeNull();
    expect(measureYardstick(y.binary!, 10_000, 5, 1)).toBeGreaterThan(0);
  });

  it('is null with one line saying why when the source is missing, and $GOSSIP_YARDSTICK names the source', () => {
    const env = { ...process.env, GOSSIP_YARDSTICK: '/nonexistent/limit_kernel.c' };
    expect(yardstickSource(env)).toBe('/nonexistent/limit_kernel.c');
    const y = resolveYardstick(env);
    expect(y.binary).toBeNull();
    expect(y.problem).toMatch(/^no C yardstick, .*\/nonexistent\/limit_kernel\.c not found \(\$GOSSIP_YARDSTICK\)$/);
  });
});
