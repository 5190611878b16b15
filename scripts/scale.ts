// One large trial on several threads: how far one machine goes. Prints the setup time, each
// round's time, ns per agent-round, peak memory and the result.
// Usage: npm run scale -- [--n 1e8] [--threads 2] [--fanout 5] [--split 0.7] [--threshold 0.95] [--seed 1]
//          [--topology regular --degree 8] [--blocked auto|on|off]
// Without --n it runs the largest power of ten whose opinion bits fit in memory (and the engine's 2^31 - 1).
import { Command } from 'commander';
import os from 'node:os';
import { MAX_N, planTrial, ParameterError, type TopologyName } from '../src/engine/index.ts';
import { closeParallelSimulation, createParallelSimulation, stepParallelRound } from '../src/harness/parallel.ts';

const program = new Command()
  .name('scale')
  .option('--n <n>', 'agents (default: the largest power of ten that fits)')
  .option('--threads <t>', 'threads sharing the trial', String(os.availableParallelism()))
  .option('--fanout <k>', 'peers per agent and round', '5')
  .option('--split <s>', 'share holding opinion 0', '0.7')
  .option('--threshold <a>', 'agreement that counts as converged', '0.95')
  .option('--max-rounds <r>', 'round limit', '100')
  .option('--seed <s>', 'seed', '1')
  .option('--topology <t>', 'network: complete, ring, torus, regular, er, ws or ba', 'complete')
  .option('--degree <d>', 'degree of the topology (see the CLI docs)')
  .option('--blocked <b>', 'blocked kernels: auto (where they are measured to win), on or off', 'auto')
  .parse();
const o = program.opts<Record<string, string>>();

/** Bytes a trial of n binary agents needs on the bits layout (two buffers), with 2x headroom. */
const bytesFor = (n: number): number => 2 * 2 * Math.ceil(n / 8);
function largestN(): number {
  let n = 10;
  while (n * 10 <= MAX_N && bytesFor(n * 10) < os.freemem() / 2) n *= 10;
  return n;
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}
const num = (flag: string, text: string | undefined): number => {
  const v = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(v)) fail(`${flag} must be a number (got ${JSON.stringify(text)})`);
  return v;
};

let plan;
try {
  plan = planTrial({
    n: o['n'] === undefined ? largestN() : num('--n', o['n']),
    fanout: num('--fanout', o['fanout']),
    split: num('--split', o['split']),
    threshold: num('--threshold', o['threshold']),
    maxRounds: num('--max-rounds', o['maxRounds']),
    topology: o['topology'] as TopologyName,
    ...(o['degree'] === undefined ? {} : { degree: num('--degree', o['degree']) }),
  });
} catch (error) {
  if (error instanceof ParameterError) fail(`--${error.parameter.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be ${error.expected} (got ${String(error.value)})`);
  throw error;
}
const threads = num('--threads', o['threads']);
const blockedText = o['blocked'];
if (blockedText !== 'auto' && blockedText !== 'on' && blockedText !== 'off') fail(`--blocked must be auto, on or off (got ${JSON.stringify(blockedText)})`);
const options = blockedText === 'auto' ? {} : { blocked: blockedText === 'on' };
const seed = o['seed'] ?? '1';

const t0 = performance.now();
let ps;
try {
  ps = await createParallelSimulation(plan, seed, threads, options);
} catch (error) {
  if (error instanceof RangeError) fail(`${/blocked/.test(error.message) ? '--blocked' : '--threads'}: ${error.message}`);
  throw error;
}
const setup = (performance.now() - t0) / 1000;
const { kind } = ps.sim.kernel;
const { layout } = ps.sim.pop;
process.stderr.write(`n=${plan.n} fanout=${plan.fanout} topology=${plan.topology} threads=${threads} layout=${layout} kernel=${kind}: set up in ${setup.toFixed(2)} s\n`);
const rounds: number[] = [];
let agreement = 0;
try {
  while (ps.sim.round < plan.maxRounds && agreement < plan.threshold) {
    const r0 = performance.now();
    agreement = stepParallelRound(ps);
    rounds.push((performance.now() - r0) / 1000);
    process.stderr.write(`round ${ps.sim.round}: agreement ${agreement.toFixed(6)}, ${rounds.at(-1)!.toFixed(2)} s\n`);
  }
} finally {
  await closeParallelSimulation(ps);
}
const wall = (performance.now() - t0) / 1000;
const roundTime = rounds.reduce((a, b) => a + b, 0);
const result = {
  n: plan.n,
  fanout: plan.fanout,
  threads,
  topology: plan.topology,
  degree: plan.topology === 'complete' ? null : plan.degree,
  layout,
  kernel: kind,
  setupSeconds: Number(setup.toFixed(3)),
  rounds: rounds.length,
  roundSeconds: rounds.map((s) => Number(s.toFixed(3))),
  nsPerAgentRound: Number(((roundTime * 1e9) / (plan.n * rounds.length)).toFixed(2)),
  converged: agreement >= plan.threshold,
  agreement,
  messages: ps.sim.messages,
  wallSeconds: Number(wall.toFixed(3)),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(JSON.stringify(result));
