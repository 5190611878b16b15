// Scale check of the topology generators: n nodes (default 10^7) of mean degree 8 for each family
// (the torus has 4), one child process per generator so that each peak RSS is its own; prints time
// (wall and CPU: on a shared machine CPU time is the steadier figure) and memory.
// Usage: node --import tsx scripts/topology-scale.ts [n=10000000] [seed=1] [only]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { trialKey } from '../src/engine/rng.ts';
import {
  barabasiAlbert,
  csrBytes,
  degreeHistogram,
  edgeCount,
  erdosRenyi,
  randomRegular,
  ring,
  topologyState,
  torus,
  wattsStrogatz,
  type Topology,
} from '../src/engine/topology/index.ts';

const MB = 1024 * 1024;

/** The generators at mean degree 8, by name. */
const generators: Record<string, (n: number, st: Int32Array) => Topology> = {
  'ring k=4': (n) => ring(n, 4),
  'torus': (n) => {
    const w = Math.ceil(Math.sqrt(n)); // 3163^2 = 10,004,569 for n = 10^7
    return torus(w * w);
  },
  'regular d=8': (n, st) => randomRegular(n, 8, st),
  'ER mean 8': (n, st) => erdosRenyi(n, 8, st),
  'WS k=4 b=0.1': (n, st) => wattsStrogatz(n, 4, 0.1, st),
  'BA m=4': (n, st) => barabasiAlbert(n, 4, st),
};

/** What one child reports. */
interface Measure {
  name: string;
  n: number;
  edges: number;
  minDeg: number;
  meanDeg: number;
  maxDeg: number;
  seconds: number;
  cpuSeconds: number;
  baseRssMB: number;
  rssMB: number;
  peakRssMB: number;
  arrayBuffersMB: number;
  csrMB: number;
  csrBytesPerEdge: number;
}

function measure(name: string, n: number, seed: string): Measure {
  const make = generators[name];
  if (make === undefined) throw new Error(`unknown generator ${JSON.stringify(name)}`);
  const st = topologyState(trialKey(seed));
  const baseRss = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const t = make(n, st);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const mem = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  const h = degreeHistogram(t);
  let minDeg = 0;
  while (h[minDeg] === 0) minDeg++;
  const edges = edgeCount(t);
  return {
    name,
    n: t.n,
    edges,
    minDeg,
    meanDeg: (2 * edges) / t.n,
    maxDeg: h.length - 1,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    baseRssMB: baseRss / MB,
    rssMB: mem.rss / MB,
    peakRssMB: peak / MB,
    arrayBuffersMB: mem.arrayBuffers / MB,
    csrMB: csrBytes(t) / MB,
    csrBytesPerEdge: csrBytes(t) / edges,
  };
}

function pad(s: string | number, width: number): string {
  return String(s).padStart(width);
}

const [nArg = '10000000', seed = '1', only] = process.argv.slice(2);
const n = Number(nArg);

if (only !== undefined) {
  process.stdout.write(`${JSON.stringify(measure(only, n, seed))}\n`);
} else {
  const script = fileURLToPath(import.meta.url);
  console.log(`topology-scale: n = ${n}, seed = ${seed}, node ${process.version}, one child process per generator`);
  console.log(
    [
      'generator'.padEnd(14),
      pad('nodes', 10),
      pad('edges', 10),
      pad('deg min/mean/max', 18),
      pad('wall s', 7),
      pad('cpu s', 6),
      pad('base MB', 8),
      pad('rss MB', 7),
      pad('peak MB', 8),
      pad('arrBuf MB', 10),
      pad('CSR MB', 7),
      pad('B/edge', 7),
    ].join(' '),
  );
  for (const name of Object.keys(generators)) {
    const child = spawnSync(process.execPath, [...process.execArgv, script, String(n), seed, name], { encoding: 'utf8' });
    if (child.status !== 0) {
      console.log(`${name.padEnd(14)} failed (status ${child.status}, signal ${child.signal}): ${child.stderr.trim().split('\n').pop()}`);
      continue;
    }
    const r = JSON.parse(child.stdout) as Measure;
    console.log(
      [
        r.name.padEnd(14),
        pad(r.n, 10),
        pad(r.edges, 10),
        pad(`${r.minDeg}/${r.meanDeg.toFixed(2)}/${r.maxDeg}`, 18),
        pad(r.seconds.toFixed(2), 7),
        pad(r.cpuSeconds.toFixed(2), 6),
        pad(r.baseRssMB.toFixed(0), 8),
        pad(r.rssMB.toFixed(0), 7),
        pad(r.peakRssMB.toFixed(0), 8),
        pad(r.arrayBuffersMB.toFixed(0), 10),
        pad(r.csrMB.toFixed(0), 7),
        pad(r.csrBytesPerEdge.toFixed(2), 7),
      ].join(' '),
    );
  }
}
