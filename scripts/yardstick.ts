// Side-by-side speed check: the engine's round against the C yardstick (the project's reference
// kernel bench/reference/majority.c, or $GOSSIP_YARDSTICK), alternated in one session so that
// machine noise hits both. Prints ns per agent-round (median round, both sides) and the ratio.
// Usage: npm run yardstick -- [n=1000000] [fanout=5] [rounds=10] [reps=5]
import { createSimulation, planTrial, stepRound } from '../src/engine/index.ts';
import { measureYardstick, resolveYardstick } from '../src/harness/yardstick.ts';

const [n = 1_000_000, fanout = 5, rounds = 10, reps = 5] = process.argv.slice(2).map(Number);
for (const [name, value, min] of [
  ['n', n, 2],
  ['fanout', fanout, 1],
  ['rounds', rounds, 1],
  ['reps', reps, 1],
] as const) {
  if (!Number.isInteger(value) || value < min) {
    console.error(`yardstick: ${name} must be an integer >= ${min}, got ${value}`);
    process.exit(2);
  }
}

/**
 * The engine's median round over n, in ns: the same work and statistic as the reference
 * (rounds from a 70/30 split, binary opinions, fanout distinct peers; each round timed).
 */
function engineNs(): number {
  const sim = createSimulation(planTrial({ n, fanout, split: 0.7, maxRounds: rounds }), 1);
  stepRound(sim); // warm-up round (JIT), as the yardstick runs one untimed round
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    stepRound(sim);
    times.push(Number(process.hrtime.bigint() - t0) / n);
  }
  return median(times);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const yardstick = resolveYardstick();
if (yardstick.problem !== null) console.error(`warning: ${yardstick.problem}`);
const engine: number[] = [];
const yard: number[] = [];
for (let i = 0; i < reps; i++) {
  engine.push(engineNs());
  if (yardstick.binary !== null) yard.push(measureYardstick(yardstick.binary, n, fanout, 1, rounds));
}
const e = median(engine);
console.log(`n=${n} fanout=${fanout} rounds=${rounds} reps=${reps}`);
console.log(`engine    ns/agent-round: median ${e.toFixed(2)}  [${engine.map((x) => x.toFixed(1)).join(', ')}]`);
if (yardstick.binary !== null) {
  const y = median(yard);
  console.log(`yardstick ns/agent-round: median ${y.toFixed(2)}  [${yard.map((x) => x.toFixed(1)).join(', ')}]`);
  console.log(`yardstick: ${yardstick.source} (${yardstick.flags.join(' ')})`);
  console.log(`ratio engine/yardstick: ${(e / y).toFixed(2)}`);
}
