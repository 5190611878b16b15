import { blockCount, buildTopology, createKernelState, createPopulation, planTrial, runBlocks, trialKey } from '../src/engine/index.ts';
import { PASS } from '../src/engine/graph-blocked.ts';
const n = Number(process.argv[2] ?? 1e6);
const key = trialKey(1);
const base = planTrial({ n, fanout: 5, topology: 'regular', degree: 8 });
const graph = buildTopology(base, key);
for (const protocol of (process.argv[3] ?? '2-choices,majority').split(',') as ('majority' | '2-choices')[]) {
  const plan = planTrial({ n, fanout: 5, topology: 'regular', degree: 8, split: 0.7, protocol });
  const pop = createPopulation(plan, key, { layout: 'bytes', shared: false });
  const ks = createKernelState(plan, key, 'bytes', graph, { blocked: true });
  if (process.argv[4] === 'warm') { const ku = createKernelState(plan, key, 'bytes', graph, { blocked: false }); for (let r = 0; r < 3; r++) runBlocks(ku, 1, pop.opinions as Uint8Array, pop.next as Uint8Array, 0, blockCount(n)); }
  const R = 8;
  let tot = 0;
  for (let r = 0; r < R; r++) { if (r === 2) { PASS.fill(0); tot = 0; } const t0 = process.hrtime.bigint(); runBlocks(ks, 1, pop.opinions as Uint8Array, pop.next as Uint8Array, 0, blockCount(n)); const dt = Number(process.hrtime.bigint() - t0); tot += dt; console.log('round', r, (dt / n).toFixed(1)); }
  console.log('total', (tot / n / (R - 2)).toFixed(1));
  console.log(protocol, PASS.map((x) => ((x * 1e6) / n / (R - 2)).toFixed(1) + ' ns').join(' | '));
}
