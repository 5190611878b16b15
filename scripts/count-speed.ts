// The count engine's speed on one thread: time per round at n = 1e6, 1e9, 1e12 (and 1e15), and
// the wall time of 10,000 trials at n = 1e12 (near-balanced, fanout 3, 95%) with their mean rounds.
// Usage: npm run count-speed [-- TRIALS]
import { createCountSimulation, planTrial, runTrial, stepCountRound, type TrialParams } from '../src/engine/index.ts';
import { summarize } from '../src/stats/summary.ts';

const trials = Number(process.argv[2] ?? 10_000);

/** Mean ns per round of `params`, over at least `minRounds` rounds of fresh trials (set-up not timed). */
function nsPerRound(params: TrialParams, minRounds: number): { ns: number; rounds: number } {
  const plan = planTrial({ ...params, engine: 'count' });
  let rounds = 0;
  let ns = 0;
  for (let seed = 0; rounds < minRounds; seed++) {
    const sim = createCountSimulation(plan, seed);
    const t0 = process.hrtime.bigint();
    let agreement = 0;
    while (sim.round < plan.maxRounds && agreement < plan.threshold) agreement = stepCountRound(sim);
    ns += Number(process.hrtime.bigint() - t0);
    rounds += sim.round;
  }
  return { ns: ns / rounds, rounds };
}

console.log('count engine, one thread: time per round (fresh trials run to their threshold)');
for (const n of [1e6, 1e9, 1e12, 1e15]) {
  for (const p of [
    { fanout: 3, start: 'near-balanced', threshold: 0.95, maxRounds: 500 },
    { fanout: 5, split: 0.7, threshold: 1, maxRounds: 500 },
  ] as const) {
    nsPerRound({ n, ...p }, 2000); // warm-up
    const { ns, rounds } = nsPerRound({ n, ...p }, 50_000);
    console.log(`  n ${n.toExponential(0)}  ${'start' in p ? 'near-balanced fanout 3 to 0.95' : '70/30 fanout 5 to 1.0'}: ${(ns / 1000).toFixed(2)} us a round (${rounds} rounds)`);
  }
}

const params: TrialParams = { n: 1e12, fanout: 3, start: 'near-balanced', threshold: 0.95, maxRounds: 500, engine: 'count' };
const rounds = new Float64Array(trials);
const t0 = performance.now();
for (let t = 0; t < trials; t++) rounds[t] = runTrial(params, `count-speed-${t}`).rounds;
const wall = (performance.now() - t0) / 1000;
const s = summarize(rounds);
console.log(`${trials} trials at n = 1e12, near-balanced, fanout 3, threshold 0.95: ${wall.toFixed(2)} s wall on one thread`);
console.log(`  mean rounds ${s.mean.toFixed(3)} (95% CI ${s.ci95Low.toFixed(3)} .. ${s.ci95High.toFixed(3)}), sd ${s.sd.toFixed(3)}, min ${Math.min(...rounds)}, max ${s.max}`);
