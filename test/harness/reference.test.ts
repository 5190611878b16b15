// The C reference kernel (bench/reference/majority.c) against the engine: the same rule and
// tie-break given the same peers (--check), the same peers from the same streams (--sample), and
// the same rounds (--run, the code its timing mode runs). Needs a C compiler: skipped with a
// message without one, but it fails when CI is set (CI has gcc).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_SIZE,
  createSimulation,
  nextU32,
  peerScratch,
  planTrial,
  Purpose,
  samplePeers,
  samplerFor,
  stepRound,
  streamState,
  trialKey,
  type Simulation,
} from '../../src/engine/index.ts';
import { buildC, findCCompiler } from '../../src/harness/c-compiler.ts';
import { MAX_YARDSTICK_ROUNDS, REFERENCE_SOURCE, yardstickRounds } from '../../src/harness/yardstick.ts';

const compiler = findCCompiler();
const onCi = Boolean(process.env['CI']);
const skip = !compiler.ok && !onCi;
if (skip && !compiler.ok) console.warn(`C reference tests skipped: ${compiler.problem} (required when CI is set)`);

/** Runs the reference binary with `args`, feeding `input` on stdin; its stdout. */
function runC(binary: string, args: readonly string[], input = ''): string {
  return execFileSync(binary, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** The reference, built (or found in the cache); fails the test with the reason when it cannot be. */
function reference(): string {
  const built = buildC(REFERENCE_SOURCE);
  if (!built.ok) expect.fail(`the C reference must build here: ${built.problem}`);
  return built.value.binary;
}

/** The engine's key of a simulation as the four uint32 words the C program takes. */
function keyArgs(sim: Simulation): string[] {
  return Array.from(sim.key, (w) => String(w >>> 0));
}

/** A simulation of the seed's majority (bytes layout) whose opinions are `opinions`. */
function simulationWith(n: number, fanout: number, seed: string, opinions?: Uint8Array): Simulation {
  const sim = createSimulation(planTrial({ n, fanout, split: 0.5 }), seed, { layout: 'bytes' });
  if (opinions !== undefined) (sim.pop.opinions as Uint8Array).set(opinions);
  return sim;
}

/** The peers the engine's sampler gives every agent in round `round` of `sim` (one stream per block). */
function enginePeers(sim: Simulation, round: number): number[][] {
  const { n, k } = sim.plan;
  const scratch = peerScratch(n, k);
  const st = new Int32Array(4);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (i % BLOCK_SIZE === 0) streamState(sim.key, Purpose.round, round, i / BLOCK_SIZE, st);
    samplePeers(i, n, k, st, scratch);
    out.push(Array.from(scratch.peers));
  }
  return out;
}

describe.skipIf(skip)(`the C reference kernel${skip ? ' (skipped: no C compiler)' : ''}`, () => {
  it('applies the engine rule and tie-break to given peers (--check)', () => {
    expect(compiler.ok, 'a C compiler is required when CI is set (apt-get install gcc)').toBe(true);
    // Every n from 2 to 12 against fanout 1 to 9 (fanout >= n - 1: all others; odd k: ties
    // possible; both samplers, the binary and general kernels), then larger random networks.
    const cases: [number, number][] = [];
    for (let n = 2; n <= 12; n++) for (let fanout = 1; fanout <= 9; fanout++) cases.push([n, fanout]);
    const st = streamState(trialKey('reference-check'), 0, 0, 0, new Int32Array(4));
    for (let c = 0; c < 60; c++) cases.push([20 + (nextU32(st) % 300), 1 + (nextU32(st) % 16)]);
    let input = '';
    const expected: string[] = [];
    let ties = 0;
    let keptOwnOnTie = 0;
    for (const [c, [n, fanout]] of cases.entries()) {
      const opinions = Uint8Array.from({ length: n }, () => nextU32(st) & 1);
      const sim = simulationWith(n, fanout, `check-${c}`, opinions);
      const peers = enginePeers(sim, 1);
      stepRound(sim);
      const next = sim.pop.opinions as Uint8Array;
      for (let i = 0; i < n; i++) {
        const votes = peers[i]!.reduce((v, p) => v + 2 * opinions[p]! - 1, 2 * opinions[i]! - 1);
        if (votes === 0) {
          ties++;
          if (next[i] === opinions[i]) keptOwnOnTie++;
        }
      }
      input += `${n} ${sim.plan.k}\n${opinions.join(' ')}\n${peers.map((p) => p.join(' ')).join('\n')}\n`;
      expected.push(next.join(''));
    }
    // The cases hold plenty of ties, on which the engine keeps the agent's own opinion.
    expect(ties).toBeGreaterThan(500);
    expect(keptOwnOnTie).toBe(ties);
    const got = runC(reference(), ['--check'], input).trimEnd().split('\n');
    expect(got).toHaveLength(cases.length);
    for (const [c, line] of got.entries()) expect(line, `case ${c}: n=${cases[c]![0]} fanout=${cases[c]![1]}`).toBe(expected[c]);
  });

  it('draws exactly the engine peers, distinct and never itself (--sample)', () => {
    const bin = reference();
    // Rejection (k small against n, over two blocks), shuffle (2k > n - 1) and all others (k = n - 1).
    for (const [n, fanout, rounds] of [
      [BLOCK_SIZE + 500, 5, 1],
      [50, 5, 20],
      [9, 5, 20],
      [6, 8, 5],
      [2, 3, 5],
    ] as const) {
      const sim = simulationWith(n, fanout, `sample-${n}-${fanout}`);
      const lines = runC(bin, ['--sample', String(n), String(fanout), String(rounds), ...keyArgs(sim)]).trimEnd().split('\n');
      expect(lines).toHaveLength(n * rounds);
      const bad: string[] = [];
      for (let r = 1; r <= rounds; r++) {
        const engine = enginePeers(sim, r);
        for (let i = 0; i < n; i++) {
          const line = lines[(r - 1) * n + i]!;
          const peers = line.split(' ').map(Number);
          const ok = line === engine[i]!.join(' ') && new Set(peers).size === sim.plan.k && peers.every((p) => p !== i && p >= 0 && p < n);
          if (!ok && bad.length < 3) bad.push(`round ${r} agent ${i}: C [${line}], engine [${engine[i]!.join(' ')}]`);
        }
      }
      expect(bad, `n=${n} fanout=${fanout}`).toEqual([]);
    }
  });

  it('samples uniformly: peer offsets under rejection, peer sets under the shuffle (chi-square)', () => {
    const bin = reference();
    const chiSquare = (counts: readonly number[]): number => {
      const total = counts.reduce((a, b) => a + b, 0);
      const e = total / counts.length;
      return counts.reduce((s, o) => s + (o - e) ** 2 / e, 0);
    };
    const key = Array.from(trialKey('reference-uniform'), (w) => String(w >>> 0));
    // Rejection, n = 50, k = 5: offsets (p - i) mod n over 1..49, 50,000 draws; 48 degrees of
    // freedom, so chi-square > 100 has probability below 1e-5 under uniformity.
    const n = 50;
    expect(samplerFor(n, 5)).toBe('rejection');
    const offsets = new Array<number>(n - 1).fill(0);
    const rej = runC(bin, ['--sample', String(n), '5', '200', ...key]).trimEnd().split('\n');
    for (const [line, text] of rej.entries()) {
      const i = line % n;
      for (const p of text.split(' ').map(Number)) offsets[(p - i + n) % n - 1]!++;
    }
    expect(offsets.reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(chiSquare(offsets)).toBeLessThan(100);
    // Shuffle, n = 8, k = 5: each of the C(7, 5) = 21 peer sets of an agent, 16,000 samples; 20
    // degrees of freedom, chi-square > 55 has probability below 1e-4.
    expect(samplerFor(8, 5)).toBe('shuffle');
    const sets = new Map<string, number>();
    const shuf = runC(bin, ['--sample', '8', '5', '2000', ...key]).trimEnd().split('\n');
    for (const [line, text] of shuf.entries()) {
      const i = line % 8;
      const others = text
        .split(' ')
        .map((p) => (Number(p) - i + 8) % 8)
        .sort((a, b) => a - b)
        .join(',');
      sets.set(others, (sets.get(others) ?? 0) + 1);
    }
    expect(sets.size).toBe(21);
    expect(chiSquare([...sets.values()])).toBeLessThan(55);
  });

  it('runs the engine rounds (--run: the round its timing mode times)', () => {
    const bin = reference();
    for (const [n, fanout, rounds] of [
      [2, 1, 3],
      [2, 5, 3],
      [7, 5, 4],
      [20, 30, 3],
      [30, 16, 3],
      [41, 25, 3],
      [1000, 3, 5],
      [1000, 5, 5],
      [300, 12, 3],
      [2 * BLOCK_SIZE + 1234, 5, 3],
    ] as const) {
      const sim = simulationWith(n, fanout, `run-${n}-${fanout}`);
      const start = (sim.pop.opinions as Uint8Array).join(' ');
      const got = runC(bin, ['--run', String(n), String(fanout), String(rounds), ...keyArgs(sim)], start).trimEnd().split('\n');
      expect(got).toHaveLength(rounds);
      for (let r = 1; r <= rounds; r++) {
        stepRound(sim);
        expect(got[r - 1], `n=${n} fanout=${fanout} round ${r}`).toBe((sim.pop.opinions as Uint8Array).join(''));
      }
    }
  });

  it('prints the timing JSON the yardstick reads, and rejects bad input with exit 2', () => {
    const bin = reference();
    const out = JSON.parse(runC(bin, ['2000', '5', '3'])) as Record<string, unknown>;
    expect(out).toMatchObject({ n: 2000, fanout: 5, k: 5, rounds: 3, sampler: 'rejection', generator: 'xoshiro128**' });
    expect(out['ns_per_agent_round']).toBeGreaterThan(0);
    expect(out['mean_ns_per_agent_round']).toBeGreaterThan(0);
    expect(typeof out['cflags']).toBe('string');
    // The harness never asks for more rounds than it keeps.
    expect(yardstickRounds(2, 5)).toBe(MAX_YARDSTICK_ROUNDS);
    // k = min(fanout, n - 1), and the engine's sampler choice.
    expect(JSON.parse(runC(bin, ['10', '20', '3']))).toMatchObject({ fanout: 20, k: 9, sampler: 'shuffle' });
    for (const args of [['1', '5', '3'], ['1000', '0', '3'], ['1000', '5', 'x'], ['10', '5', String(MAX_YARDSTICK_ROUNDS + 1)], ['--sample', '10', '2', '1', '1', '2', '3']]) {
      let status = 0;
      let stderr = '';
      try {
        execFileSync(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        status = (error as { status: number }).status;
        stderr = String((error as { stderr: Buffer }).stderr);
      }
      expect(status, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
