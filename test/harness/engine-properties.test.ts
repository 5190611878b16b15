// Property-based tests (fast-check) of the engine's invariants through its public API, over
// random valid parameters: results in range, unanimity absorbing, the message count, the live
// count after crashes, and the same seed giving the same trial. (They use the engine read-only;
// they sit in test/harness because the harness relies on these invariants for its tables.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, planTrial, runTrial, stepRound, type TrialParams } from '../../src/engine/index.ts';

/** Runs per property: modest by default, more with GOSSIP_RELIABILITY_FULL=1. */
const RUNS = process.env['GOSSIP_RELIABILITY_FULL'] === '1' ? 3000 : 300;
/** Fixed so a failure reproduces; fast-check prints the seed and path of any counterexample. */
const SEED = 20261124;

/** Random valid trial parameters on small networks (a trial takes well under a millisecond). */
const params = fc.record({
  n: fc.integer({ min: 2, max: 300 }),
  fanout: fc.integer({ min: 1, max: 12 }),
  threshold: fc.double({ min: 0.05, max: 1, noNaN: true }),
  maxRounds: fc.integer({ min: 1, max: 30 }),
  start: fc.constantFrom('split' as const, 'near-balanced' as const),
  split: fc.double({ min: 0, max: 1, noNaN: true }),
  crashFraction: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.95, noNaN: true })),
  crashRound: fc.integer({ min: 0, max: 5 }),
}) satisfies fc.Arbitrary<TrialParams>;

/** A seed as the harness gives it (a safe integer) or as the API may (a string). */
const seed = fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.string({ maxLength: 12 }));

describe('engine invariants (property-based)', () => {
  it('keeps every result in range', () => {
    fc.assert(
      fc.property(params, seed, (p, s) => {
        const r = runTrial(p, s);
        const plan = planTrial(p);
        expect(r.rounds).toBeGreaterThanOrEqual(1);
        expect(r.rounds).toBeLessThanOrEqual(p.maxRounds);
        expect(r.live).toBeGreaterThanOrEqual(1);
        expect(r.live).toBeLessThanOrEqual(p.n);
        expect(r.finalAgreement).toBeGreaterThan(0);
        expect(r.finalAgreement).toBeLessThanOrEqual(1);
        if (r.converged) {
          expect(r.finalAgreement).toBeGreaterThanOrEqual(p.threshold);
          expect(Number.isInteger(r.winner)).toBe(true);
          expect(r.winner).toBeGreaterThanOrEqual(0);
          expect(r.winner).toBeLessThan(plan.initialCounts.length);
        } else {
          expect(r.winner).toBeNull();
          expect(r.rounds).toBe(p.maxRounds);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('counts messages as live agents x min(fanout, n - 1) per round, and crashes round(f n) agents', () => {
    fc.assert(
      fc.property(params, seed, (p, s) => {
        const r = runTrial(p, s);
        const k = Math.min(p.fanout, p.n - 1);
        const crashed = Math.min(Math.round(p.crashFraction * p.n), p.n - 1);
        // The crash happens before round crashRound + 1, so only if the trial got that far.
        const crashHappened = crashed > 0 && r.rounds > p.crashRound;
        expect(r.live).toBe(crashHappened ? p.n - crashed : p.n);
        expect(r.messages).toBeLessThanOrEqual(r.rounds * p.n * k);
        expect(r.messages).toBeGreaterThanOrEqual(r.rounds * (p.n - crashed) * k);
        const expected = crashHappened ? (p.crashRound * p.n + (r.rounds - p.crashRound) * (p.n - crashed)) * k : r.rounds * p.n * k;
        expect(r.messages).toBe(expected);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('keeps a unanimous network unanimous (agreement 1 every round)', () => {
    fc.assert(
      fc.property(params, fc.constantFrom(0, 1), seed, fc.integer({ min: 1, max: 10 }), (p, side, s, rounds) => {
        const unanimous = { ...p, start: 'split' as const, split: side };
        const r = runTrial(unanimous, s);
        expect(r).toMatchObject({ rounds: 1, converged: true, winner: side === 1 ? 0 : 1, finalAgreement: 1 });
        const sim = createSimulation(planTrial({ ...unanimous, maxRounds: rounds }), s);
        for (let i = 0; i < rounds; i++) expect(stepRound(sim)).toBe(1);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('never leaves unanimity once reached, from any start', () => {
    fc.assert(
      fc.property(params, seed, (p, s) => {
        const sim = createSimulation(planTrial(p), s);
        let reached = false;
        for (let i = 0; i < p.maxRounds; i++) {
          const agreement = stepRound(sim);
          if (reached) expect(agreement).toBe(1);
          reached ||= agreement === 1;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('gives the same trial for the same seed', () => {
    fc.assert(
      fc.property(params, seed, (p, s) => {
        const a = runTrial({ ...p, recordAgreement: true }, s);
        const b = runTrial({ ...p, recordAgreement: true }, s);
        expect(b).toEqual(a);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
