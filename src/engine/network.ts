// The network of a trial: validation of `topology`, `degree` and `rewire`, the graph generated
// from the trial's topology stream at set-up, and the contacts agents make on it.
import { CRASHED, DEFAULTS, TOPOLOGIES, type TopologyName } from './constants.ts';
import { ParameterError } from './errors.ts';
import type { TrialParams, TrialPlan } from './trial-params.ts';
import { Purpose, streamState } from './rng.ts';
import { barabasiAlbert, erdosRenyi, heapCsr, MAX_ENTRIES, randomRegular, ring, torus, wattsStrogatz, type CsrAllocator, type Topology } from './topology/index.ts';

/** The resolved network of a plan. */
export interface NetworkPlan {
  readonly topology: TopologyName;
  /** Degree parameter as documented on `TrialParams.degree`; n - 1 for `complete`, 4 for `torus`. */
  readonly degree: number;
  /** Watts-Strogatz rewiring probability; 0 for every other topology. */
  readonly rewire: number;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks that `degree` is an even integer from 2 to `max` (the lattice and BA degrees, 2k or 2m). */
function evenDegree(degree: unknown, max: number, topology: TopologyName): number {
  if (!isInt(degree) || degree < 2 || degree % 2 !== 0 || degree > max) {
    throw new ParameterError('degree', degree, `an even integer from 2 to ${max} with topology '${topology}'`);
  }
  return degree;
}

/**
 * Resolves and checks the network parameters for n agents. Every rejection names the parameter
 * (`topology`, `degree`, `rewire`, or `n` for a torus whose n is not a square).
 */
export function planNetwork(p: TrialParams, n: number): NetworkPlan {
  const topology = p.topology ?? DEFAULTS.topology;
  if (!(TOPOLOGIES as readonly unknown[]).includes(topology)) {
    throw new ParameterError('topology', topology, TOPOLOGIES.map((t) => `'${t}'`).join(', '));
  }
  if (topology === 'complete') return { topology, degree: n - 1, rewire: 0 };
  let degree: number = p.degree ?? DEFAULTS.degree;
  let rewire = 0;
  switch (topology) {
    case 'ring':
      evenDegree(degree, n - 1, topology);
      break;
    case 'ws': {
      evenDegree(degree, n - 1, topology);
      rewire = p.rewire ?? DEFAULTS.rewire;
      if (!isNum(rewire) || rewire < 0 || rewire > 1) throw new ParameterError('rewire', rewire, 'a probability in [0, 1]');
      break;
    }
    case 'ba':
      evenDegree(degree, 2 * (n - 1), topology);
      break;
    case 'torus': {
      if (p.degree !== undefined && p.degree !== 4) throw new ParameterError('degree', p.degree, "4 (or unset) with topology 'torus'");
      degree = 4;
      const side = Math.round(Math.sqrt(n));
      if (side * side !== n || side < 3) throw new ParameterError('n', n, "a perfect square >= 9 with topology 'torus'");
      break;
    }
    case 'regular':
      if (!isInt(degree) || degree < 1 || degree > n - 1) {
        throw new ParameterError('degree', degree, `an integer from 1 to n - 1 = ${n - 1} with topology 'regular'`);
      }
      if ((n * degree) % 2 !== 0) throw new ParameterError('degree', degree, `such that n * degree is even (n = ${n})`);
      break;
    case 'er':
      if (!isNum(degree) || degree < 0 || degree > n - 1) {
        throw new ParameterError('degree', degree, `a mean degree from 0 to n - 1 = ${n - 1} with topology 'er'`);
      }
      break;
  }
  if (n * degree > MAX_ENTRIES) throw new ParameterError('degree', degree, `small enough that n * degree <= 2^31 (n = ${n})`);
  return { topology, degree, rewire };
}

/**
 * Generates the plan's graph from the trial's topology stream (`Purpose.topology`, round 0,
 * block 0): a pure function of (plan, key). Returns null for the complete graph, which stays
 * implicit. Called at set-up only. `alloc` places the CSR arrays (`sharedCsr` for a graph that
 * worker threads share); the graph does not depend on it.
 */
export function buildTopology(plan: TrialPlan, key: Int32Array, alloc: CsrAllocator = heapCsr): Topology | null {
  const { n, degree, rewire } = plan;
  const st = streamState(key, Purpose.topology, 0, 0, new Int32Array(4));
  switch (plan.topology) {
    case 'complete':
      return null;
    case 'ring':
      return ring(n, degree / 2, alloc);
    case 'torus':
      return torus(n, undefined, alloc);
    case 'regular':
      return randomRegular(n, degree, st, alloc);
    case 'er':
      return erdosRenyi(n, degree, st, alloc);
    case 'ws':
      return wattsStrogatz(n, degree / 2, rewire, st, alloc);
    case 'ba':
      return barabasiAlbert(n, degree / 2, st, alloc);
  }
}

/** Largest degree of a graph (sizes the neighbour scratch). */
export function maxDegree(offsets: Uint32Array): number {
  let max = 0;
  for (let v = 0, n = offsets.length - 1; v < n; v++) max = Math.max(max, offsets[v + 1]! - offsets[v]!);
  return max;
}

/**
 * Contacts per round summed over the agents whose opinion in `cur` is `which` (or over every
 * live agent when `which` < 0). An agent of degree d contacts `min(k, d)` distinct neighbours, or
 * with `replace` (the polling protocols) k neighbours with replacement when d >= 1, none when d = 0.
 */
export function contactSum(cur: Uint8Array, offsets: Uint32Array, k: number, replace: boolean, which: number): number {
  const n = cur.length;
  const crashed = CRASHED;
  let sum = 0;
  for (let v = 0; v < n; v++) {
    const o = cur[v]!;
    if (o === crashed || (which >= 0 && o !== which)) continue;
    const d = offsets[v + 1]! - offsets[v]!;
    sum += replace ? (d > 0 ? k : 0) : d < k ? d : k;
  }
  return sum;
}
