// Side-by-side speed check: the engine's round against the C yardstick (../shared/yardsticks),
// alternated in one session so that machine noise hits both. Prints ns per agent-round and ratios.
// Usage: npm run yardstick -- [n=1000000] [fanout=5] [rounds=10] [reps=5]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSimulation, planTrial, stepRound } from '../src/engine/index.ts';

const [n = 1_000_000, fanout = 5, rounds = 10, reps = 5] = process.argv.slice(2).map(Number);
const source = fileURLToPath(new URL('../../shared/yardsticks/limit_kernel.c', import.meta.url));
const binary = '/tmp/gossip-bench-limit-kernel';

function engineNs(): number {
  // Same work as the yardstick: rounds from a 70/30 split, binary opinions, fanout distinct peers.
  const sim = createSimulation(planTrial({ n, fanout, split: 0.7, maxRounds: rounds }), 1);
  stepRound(sim); // warm-up round (JIT)
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) stepRound(sim);
  return Number(process.hrtime.bigint() - t0) / (n * rounds);
}

function yardstickNs(): number | null {
  if (!existsSync(binary)) {
    if (!existsSync(source)) return null;
    execFileSync('gcc', ['-O3', '-march=native', '-o', binary, source]);
  }
  const out = JSON.parse(execFileSync(binary, [String(n), String(fanout), String(rounds)], { encoding: 'utf8' })) as {
    ns_per_agent_round: number;
  };
  return out.ns_per_agent_round;
}

const engine: number[] = [];
const yard: number[] = [];
for (let i = 0; i < reps; i++) {
  engine.push(engineNs());
  const y = yardstickNs();
  if (y !== null) yard.push(y);
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const e = median(engine);
console.log(`n=${n} fanout=${fanout} rounds=${rounds} reps=${reps}`);
console.log(`engine    ns/agent-round: median ${e.toFixed(2)}  [${engine.map((x) => x.toFixed(1)).join(', ')}]`);
if (yard.length === 0) {
  console.log('yardstick: not found (needs ../shared/yardsticks/limit_kernel.c and gcc)');
} else {
  const y = median(yard);
  console.log(`yardstick ns/agent-round: median ${y.toFixed(2)}  [${yard.map((x) => x.toFixed(1)).join(', ')}]`);
  console.log(`ratio engine/yardstick: ${(e / y).toFixed(2)}`);
}
