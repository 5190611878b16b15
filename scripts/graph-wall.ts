// Timing of the graph kernels at the memory wall: one round of each graph kernel on one thread,
// unblocked and blocked, on the same graph (built once) and the same opinions, alternated.
// Prints one JSON line per timed round, then the medians. Times `runBlocks` alone (the round's
// bookkeeping is the same either way).
// Usage: npm run graph-wall -- [n=1e7] [fanout=5] [topology=regular] [degree=8] [protocols=majority] [reps=3] [shift] [batch]
// protocols: comma-separated (majority, 3-majority, 2-choices, pull, push, push-pull); the
// consensus protocols start from a 70/30 split, the rumor ones with every other agent informed.
// shift and batch: the blocked kernels' region (log2 agents) and blocks per batch (default theirs).
import {
  blockCount,
  buildTopology,
  createKernelState,
  createPopulation,
  planTrial,
  runBlocks,
  trialKey,
  type KernelOptions,
  type Protocol,
  type TopologyName,
} from '../src/engine/index.ts';

const [nText = '1e7', fanoutText = '5', topology = 'regular', degreeText = '8', protocolsText = 'majority', repsText = '3', shiftText, batchText] = process.argv.slice(2);
const n = Number(nText);
const fanout = Number(fanoutText);
const degree = Number(degreeText);
const reps = Number(repsText);
for (const [name, v] of [['n', n], ['fanout', fanout], ['reps', reps]] as const) {
  if (!Number.isInteger(v) || v < 1) {
    console.error(`graph-wall: ${name} must be a positive integer (got ${v})`);
    process.exit(2);
  }
}
const options: KernelOptions = {
  blocked: true,
  ...(shiftText === undefined ? {} : { regionShift: Number(shiftText) }),
  ...(batchText === undefined ? {} : { batchBlocks: Number(batchText) }),
};
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;
const key = trialKey(1);
const base = planTrial({ n, fanout, topology: topology as TopologyName, degree });
let t0 = process.hrtime.bigint();
// The graph is a function of n, topology, degree and the key alone: one for every protocol.
const graph = buildTopology(base, key);
console.error(`graph built in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
for (const protocol of protocolsText.split(',') as Protocol[]) {
  const rumor = protocol === 'push' || protocol === 'pull' || protocol === 'push-pull';
  const plan = planTrial({ n, fanout, topology: topology as TopologyName, degree, protocol, ...(rumor ? {} : { split: 0.7 }) });
  const pop = createPopulation(plan, key, { layout: 'bytes', shared: false });
  const cur = pop.opinions as Uint8Array;
  const next = pop.next as Uint8Array;
  if (rumor) for (let i = 0; i < n; i += 2) cur[i] = 1;
  const kernels = { unblocked: createKernelState(plan, key, 'bytes', graph, { blocked: false }), blocked: createKernelState(plan, key, 'bytes', graph, options) };
  const runs: Record<string, number[]> = { unblocked: [], blocked: [] };
  for (let rep = 0; rep < reps; rep++) {
    for (const name of rep % 2 === 0 ? (['unblocked', 'blocked'] as const) : (['blocked', 'unblocked'] as const)) {
      const ks = kernels[name];
      next.set(cur);
      ks.tally.fill(0);
      t0 = process.hrtime.bigint();
      runBlocks(ks, 1, cur, next, 0, blockCount(n));
      const ns = Number(process.hrtime.bigint() - t0) / n;
      runs[name]!.push(ns);
      console.log(JSON.stringify({ n, fanout, topology, degree, protocol, rep, kernel: ks.kind, ns: +ns.toFixed(2) }));
    }
  }
  const [u, b] = [median(runs.unblocked!), median(runs.blocked!)];
  console.log(`${protocol.padEnd(10)} unblocked ${u.toFixed(1).padStart(6)} ns  blocked ${b.toFixed(1).padStart(6)} ns  ratio ${(b / u).toFixed(2)}  [${runs.unblocked!.map((x) => x.toFixed(0)).join(' ')} | ${runs.blocked!.map((x) => x.toFixed(0)).join(' ')}]`);
}
