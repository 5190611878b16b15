// Side-by-side timing at the memory wall: the binary kernel on bytes, unblocked and blocked, on
// 1..T threads, beside the C reference byte kernel at the same n, alternated in one session.
// Prints one JSON line per timed run, then the medians and their ratios to C.
// Usage: npm run memory-wall -- [n=1e7] [fanout=5] [rounds=3] [reps=3] [threads=1,2] [kernels=unblocked,blocked]
// Rounds 0 times the first round alone (at 10^9 a round takes minutes); the C reference then runs 1.
// Kernels: unblocked and blocked run on bytes; bits and bits-blocked on the bits layout.
// Threads 0 means this thread alone, on plain (unshared) buffers, without workers.
import { createSimulation, planTrial, stepRound } from '../src/engine/index.ts';
import { closeParallelSimulation, createParallelSimulation, stepParallelRound } from '../src/harness/parallel.ts';
import { measureYardstick, resolveYardstick } from '../src/harness/yardstick.ts';

const [nText = '1e7', fanoutText = '5', roundsText = '3', repsText = '3', threadsText = '1,2', kernelsText = 'unblocked,blocked'] = process.argv.slice(2);
type Kernel = 'unblocked' | 'blocked' | 'bits' | 'bits-blocked';
const kernels = kernelsText.split(',') as Kernel[];
for (const k of kernels) {
  if (k !== 'unblocked' && k !== 'blocked' && k !== 'bits' && k !== 'bits-blocked') {
    console.error(`memory-wall: kernels must be unblocked, blocked, bits or bits-blocked (got ${JSON.stringify(k)})`);
    process.exit(2);
  }
}
const optionsOf = (k: Kernel): { blocked: boolean; layout: 'bytes' | 'bits' } => ({ blocked: k === 'blocked' || k === 'bits-blocked', layout: k.startsWith('bits') ? 'bits' : 'bytes' });
const n = Number(nText);
const fanout = Number(fanoutText);
const rounds = Number(roundsText);
const reps = Number(repsText);
const threadList = threadsText.split(',').map(Number);
for (const [name, v] of [['n', n], ['fanout', fanout], ['rounds', rounds], ['reps', reps], ...threadList.map((t) => ['threads', t] as const)] as const) {
  if (!Number.isInteger(v) || v < (name === 'threads' || name === 'rounds' ? 0 : 1)) {
    console.error(`memory-wall: ${name} must be ${name === 'threads' || name === 'rounds' ? 'a non-negative' : 'a positive'} integer (got ${v})`);
    process.exit(2);
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** ns per agent-round of the first round and the median of the next `rounds`, 70/30 split. */
async function time(threads: number, kernel: Kernel): Promise<{ first: number; median: number }> {
  const plan = planTrial({ n, fanout, split: 0.7, maxRounds: rounds + 1 });
  if (threads === 0) {
    const sim = createSimulation(plan, 1, optionsOf(kernel));
    const ns: number[] = [];
    for (let r = 0; r <= rounds; r++) {
      const t0 = process.hrtime.bigint();
      stepRound(sim);
      ns.push(Number(process.hrtime.bigint() - t0) / n);
    }
    return { first: ns[0]!, median: rounds === 0 ? ns[0]! : median(ns.slice(1)) };
  }
  const ps = await createParallelSimulation(plan, 1, threads, optionsOf(kernel));
  try {
    const ns: number[] = [];
    for (let r = 0; r <= rounds; r++) {
      const t0 = process.hrtime.bigint();
      stepParallelRound(ps);
      ns.push(Number(process.hrtime.bigint() - t0) / n);
    }
    return { first: ns[0]!, median: rounds === 0 ? ns[0]! : median(ns.slice(1)) };
  } finally {
    await closeParallelSimulation(ps);
  }
}

const yard = resolveYardstick();
if (yard.problem !== null) console.error(`warning: ${yard.problem}`);
const runs = new Map<string, number[]>();
const add = (key: string, v: number): void => void runs.set(key, [...(runs.get(key) ?? []), v]);
for (let rep = 0; rep < reps; rep++) {
  for (const threads of threadList) {
    for (const kernel of rep % 2 === 0 ? kernels : [...kernels].reverse()) {
      const t = await time(threads, kernel);
      const key = `${kernel} x${threads}`;
      add(key, t.median);
      add(`${key} first round`, t.first);
      console.log(JSON.stringify({ n, fanout, rep, kernel, threads, firstRoundNs: +t.first.toFixed(2), medianNs: +t.median.toFixed(2) }));
    }
  }
  if (yard.binary !== null) {
    const c = measureYardstick(yard.binary, n, fanout, 1, Math.max(1, rounds));
    add('C reference x1', c);
    console.log(JSON.stringify({ n, fanout, rep, kernel: 'C', threads: 1, medianNs: +c.toFixed(2) }));
  }
}
const c = runs.has('C reference x1') ? median(runs.get('C reference x1')!) : NaN;
console.log(`n=${n} fanout=${fanout}: median ns per agent-round over ${reps} alternated reps (${rounds === 0 ? 'the first round alone' : `${rounds} timed rounds each, after one untimed`})`);
for (const [key, xs] of runs) {
  const m = median(xs);
  const perThread = key.includes('first') ? '' : `  ratio to C ${(m / c).toFixed(2)}`;
  console.log(`${key.padEnd(28)} ${m.toFixed(2).padStart(8)} ns${perThread}  [${xs.map((x) => x.toFixed(1)).join(', ')}]`);
}
