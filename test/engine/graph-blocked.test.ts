// The blocked graph kernels give exactly what the unblocked ones give: the same next opinions,
// tally and stream states block by block, and the same trials round by round.
import { describe, expect, it } from 'vitest';
import {
  autoBlocked,
  BLOCK_SIZE,
  createKernelState,
  createSimulation,
  CRASHED,
  GRAPH_BLOCKED_MIN_N,
  graphBlockedRange,
  graphBlockedScratch,
  isBlockedKind,
  lossThreshold,
  majorityGraphBlock,
  neighbourScratch,
  maxDegree,
  planTrial,
  pullGraphBlock,
  Purpose,
  pushGraphBlock,
  pushPullGraphBlock,
  runPlan,
  stepRound,
  streamState,
  threeMajorityGraphBlock,
  trialKey,
  twoChoicesGraphBlock,
  uniform,
  type GraphBlockedProtocol,
  type Simulation,
  type TrialParams,
} from '../../src/engine/index.ts';
import { barabasiAlbert, erdosRenyi, randomRegular, ring, wattsStrogatz } from '../../src/engine/topology/index.ts';
import { csr } from './kernel-check.ts';

interface Graph {
  readonly name: string;
  readonly offsets: Uint32Array;
  readonly targets: Uint32Array;
}

const st = (seed: number): Int32Array => streamState(trialKey(seed), 98, 0, 0, new Int32Array(4));

/** Graphs with degrees below and above k, degree 0 (the hand-made one and ER), several blocks. */
function graphs(): Graph[] {
  // Agents 0, 5 and 9 have no neighbours; 1 has one; 3 has nine.
  const hand = csr([[], [3], [3, 4], [1, 2, 4, 6, 7, 8, 10, 11, 12], [2, 3, 6], [], [3, 4, 7], [3, 6], [3], [], [3, 11], [3, 10], [3]]);
  return [
    { name: 'hand-made', ...hand },
    { name: 'ring', ...ring(1000, 2) },
    { name: 'regular 8', ...randomRegular(65_536 * 2 + 78, 8, st(1)) },
    { name: 'er 5', ...erdosRenyi(200_001, 5, st(2)) },
    { name: 'ws 6', ...wattsStrogatz(100_000, 3, 0.2, st(3)) },
    { name: 'ba 6', ...barabasiAlbert(150_000, 3, st(4)) },
  ];
}

/** Opinions from 0 to m - 1 with about `crashShare` of them CRASHED, from a fixed stream. */
function opinions(n: number, m: number, crashShare: number, seed: number): Uint8Array {
  const s = st(1000 + seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = uniform(s) < crashShare ? CRASHED : uniform(s) < 0.5 ? 0 : Math.floor(uniform(s) * m);
  return out;
}

/** One block of the unblocked graph kernel of `protocol`. */
function unblockedBlock(protocol: GraphBlockedProtocol, g: Graph, cur: Uint8Array, next: Uint8Array, block: number, k: number, s: Int32Array, ls: Int32Array, cut: number, tally: Float64Array): void {
  const lo = block * BLOCK_SIZE;
  const hi = Math.min(g.offsets.length - 1, lo + BLOCK_SIZE);
  const nb = neighbourScratch(k, maxDegree(g.offsets));
  const { offsets, targets } = g;
  switch (protocol) {
    case 'majority':
      return majorityGraphBlock(cur, next, lo, hi, offsets, targets, k, s, ls, cut, nb, tally);
    case '3-majority':
      return threeMajorityGraphBlock(cur, next, lo, hi, offsets, targets, s, ls, cut, tally);
    case '2-choices':
      return twoChoicesGraphBlock(cur, next, lo, hi, offsets, targets, s, ls, cut, tally);
    case 'pull':
      return pullGraphBlock(cur, next, lo, hi, offsets, targets, k, s, ls, cut, nb);
    case 'push':
      return pushGraphBlock(cur, next, lo, hi, offsets, targets, k, s, ls, cut, nb);
    case 'push-pull':
      return pushPullGraphBlock(cur, next, lo, hi, offsets, targets, k, s, ls, cut, nb);
  }
}

const RUMOR = new Set<GraphBlockedProtocol>(['pull', 'push', 'push-pull']);

/**
 * Runs blocks [first, blocks) of round 3 unblocked, and blocked both as one range and block by
 * block, and expects the same next opinions, tally and stream states (after every block).
 */
function expectSame(protocol: GraphBlockedProtocol, g: Graph, cur: Uint8Array, k: number, lossRate: number, shift: number, batch: number): void {
  const n = g.offsets.length - 1;
  const blocks = Math.ceil(n / BLOCK_SIZE);
  const first = blocks > 1 ? 1 : 0;
  const key = trialKey(21);
  const cut = lossThreshold(lossRate);
  const polls = protocol === '3-majority' || protocol === '2-choices';
  const kk = protocol === '3-majority' ? 3 : protocol === '2-choices' ? 2 : k;
  const fresh = (): Uint8Array => (RUMOR.has(protocol) ? cur.slice() : new Uint8Array(n).fill(7));
  const where = `${protocol} on ${g.name} k=${kk} loss=${lossRate} shift=${shift} batch=${batch}`;
  const a = fresh();
  const tallyA = new Float64Array(256);
  const s = new Int32Array(4);
  const ls = new Int32Array(4);
  const states: number[][] = [];
  for (let block = first; block < blocks; block++) {
    streamState(key, Purpose.round, 3, block, s);
    if (cut !== 0) streamState(key, Purpose.loss, 3, block, ls);
    unblockedBlock(protocol, g, cur, a, block, kk, s, ls, cut, tallyA);
    states.push([...s, ...(cut !== 0 ? ls : [])]);
  }
  const nb = neighbourScratch(kk, maxDegree(g.offsets));
  const scratch = graphBlockedScratch(g.offsets, kk, polls, shift, batch);
  const b = fresh();
  const tallyB = new Float64Array(256);
  const s2 = new Int32Array(4);
  const ls2 = new Int32Array(4);
  graphBlockedRange(protocol, cur, b, first, blocks, g.offsets, g.targets, kk, key, 3, s2, ls2, cut, nb, scratch, tallyB);
  expect(Buffer.from(b).equals(Buffer.from(a)), where).toBe(true);
  expect([...tallyB], where).toEqual([...tallyA]);
  expect([...s2, ...(cut !== 0 ? ls2 : [])], where).toEqual(states.at(-1));
  // Block by block: the stream states after each block.
  const c = fresh();
  const tallyC = new Float64Array(256);
  for (let block = first; block < blocks; block++) {
    graphBlockedRange(protocol, cur, c, block, block + 1, g.offsets, g.targets, kk, key, 3, s2, ls2, cut, nb, scratch, tallyC);
    expect([...s2, ...(cut !== 0 ? ls2 : [])], `${where} block ${block}`).toEqual(states[block - first]);
  }
  expect(Buffer.from(c).equals(Buffer.from(a)), where).toBe(true);
  expect([...tallyC], where).toEqual([...tallyA]);
}

describe('graphBlockedRange', () => {
  const gs = graphs();
  const shapes = [
    [0, 1],
    [3, 2],
    [9, 16],
    [18, 16],
  ] as const;
  for (const protocol of ['majority', 'pull', 'push', 'push-pull'] as const) {
    it(`${protocol}: matches the unblocked graph kernel block by block, k = 1..8, with loss, crashes and regions`, () => {
      for (const g of gs) {
        const n = g.offsets.length - 1;
        const big = n > 100_000;
        for (let k = 1; k <= 8; k++) {
          if (big && k % 2 === 0 && k !== 8) continue;
          const m = RUMOR.has(protocol) ? 2 : k % 3 === 0 ? 3 : k === 7 ? 200 : 2;
          const cur = opinions(n, m, n > 20 ? 0.05 : 0.2, n + k);
          for (const lossRate of [0, 0.3]) {
            for (const [shift, batch] of big ? shapes.slice(1, 3) : shapes) expectSame(protocol, g, cur, k, lossRate, shift, batch);
          }
        }
      }
    });
  }
  for (const protocol of ['3-majority', '2-choices'] as const) {
    it(`${protocol}: matches the unblocked graph kernel block by block, with loss, crashes and regions`, () => {
      for (const g of gs) {
        const n = g.offsets.length - 1;
        for (const m of [2, 3, 5]) {
          const cur = opinions(n, m, 0.1, n + m);
          for (const lossRate of [0, 0.3]) for (const [shift, batch] of shapes) expectSame(protocol, g, cur, 3, lossRate, shift, batch);
        }
      }
    });
  }

  it('sizes its scratch for the most contacts of any batch of consecutive blocks', () => {
    const g = erdosRenyi(65_536 * 5 + 3, 4, st(9));
    for (const [k, polls] of [
      [3, false],
      [6, false],
      [3, true],
    ] as const) {
      for (const batch of [1, 2, 3, 16]) {
        const per: number[] = [];
        for (let b = 0; b * BLOCK_SIZE < g.offsets.length - 1; b++) {
          let sum = 0;
          for (let i = b * BLOCK_SIZE; i < Math.min(g.offsets.length - 1, (b + 1) * BLOCK_SIZE); i++) {
            const d = g.offsets[i + 1]! - g.offsets[i]!;
            sum += polls ? (d > 0 ? k : 0) : Math.min(k, d);
          }
          per.push(sum);
        }
        const size = Math.min(batch, per.length);
        let most = 0;
        for (let b = 0; b + size <= per.length; b++) most = Math.max(most, per.slice(b, b + size).reduce((x, y) => x + y, 0));
        const scratch = graphBlockedScratch(g.offsets, k, polls, 10, batch);
        expect(scratch.batch).toBe(size);
        expect(scratch.slot.length, `k=${k} polls=${polls} batch=${batch}`).toBe(most);
      }
    }
    // A scratch sized for fewer contacts than the batch makes is refused, not overrun.
    const small = graphBlockedScratch(g.offsets, 2, false, 10, 2);
    const cur = new Uint8Array(g.offsets.length - 1);
    const run = (): void => graphBlockedRange('majority', cur, cur.slice(), 0, 2, g.offsets, g.targets, 6, trialKey(1), 1, new Int32Array(4), new Int32Array(4), 0, neighbourScratch(6, maxDegree(g.offsets)), small, new Float64Array(256));
    expect(run).toThrow(/more than its scratch holds/);
    expect(() => graphBlockedScratch(g.offsets, 3, false, 32)).toThrow(RangeError);
    expect(() => graphBlockedScratch(g.offsets, 3, false, 10, 0)).toThrow(RangeError);
  });
});

/** A simulation of `plan` whose kernel runs blocked with regions of 2^`shift` agents and batches of `batch` blocks. */
function blockedSimulation(plan: ReturnType<typeof planTrial>, seed: number, shift: number, batch: number): Simulation {
  const base = createSimulation(plan, seed, { blocked: false });
  const kernel = createKernelState(plan, base.key, 'bytes', base.kernel.graph, { blocked: true, regionShift: shift, batchBlocks: batch });
  kernel.tally.set(base.tally);
  return { ...base, kernel, tally: kernel.tally };
}

describe('blocked graph simulation', () => {
  const N = 65_536 * 2 + 100;
  const cases: TrialParams[] = [
    { n: N, fanout: 5, split: 0.6, topology: 'regular', degree: 8, maxRounds: 6, threshold: 1 },
    { n: N, fanout: 3, counts: [50_000, 40_000, N - 90_000], topology: 'er', degree: 4, lossRate: 0.2, maxRounds: 6, threshold: 1 },
    { n: N, fanout: 4, split: 0.55, topology: 'ws', degree: 6, rewire: 0.1, crashFraction: 0.1, crashRound: 2, crashRecovery: 2, maxRounds: 6, threshold: 1 },
    { n: N, fanout: 8, split: 0.6, topology: 'ba', degree: 4, stubbornFraction: 0.05, maxRounds: 5, threshold: 1 },
    { n: N, fanout: 3, protocol: '3-majority', counts: [60_000, 50_000, N - 110_000], topology: 'regular', degree: 6, lossRate: 0.1, maxRounds: 6, threshold: 1 },
    { n: N, fanout: 3, protocol: '2-choices', split: 0.6, topology: 'er', degree: 5, crashFraction: 0.1, crashRound: 1, maxRounds: 6, threshold: 1 },
    { n: N, fanout: 2, protocol: 'pull', topology: 'ring', degree: 4, lossRate: 0.2, maxRounds: 6, threshold: 1 },
    { n: N, fanout: 3, protocol: 'push', topology: 'er', degree: 4, crashFraction: 0.05, crashRound: 1, maxRounds: 8, threshold: 1 },
    { n: N, fanout: 2, protocol: 'push-pull', topology: 'ba', degree: 6, lossRate: 0.3, crashFraction: 0.1, crashRound: 1, maxRounds: 6, threshold: 1 },
  ];
  it('holds the same opinions as the unblocked kernel after every round (many regions, small batches)', () => {
    for (const params of cases) {
      const plan = planTrial(params);
      const plain = createSimulation(plan, 5, { blocked: false });
      const blocked = blockedSimulation(plan, 5, 12, 2);
      expect(isBlockedKind(blocked.kernel.kind)).toBe(true);
      expect(blocked.kernel.kind).toBe(`${plain.kernel.kind}-blocked`);
      for (let r = 1; r <= plan.maxRounds; r++) {
        const where = `${plan.protocol} on ${plan.topology} round ${r}`;
        expect(stepRound(blocked), where).toBe(stepRound(plain));
        expect([...blocked.tally.subarray(0, 4)], where).toEqual([...plain.tally.subarray(0, 4)]);
        expect(Buffer.from(blocked.pop.opinions as Uint8Array).equals(Buffer.from(plain.pop.opinions as Uint8Array)), where).toBe(true);
        expect(blocked.messages, where).toBe(plain.messages);
      }
    }
  });

  it('runs trials identical to the unblocked kernel (runPlan, default regions)', () => {
    for (const params of [cases[2]!, cases[4]!, cases[8]!]) {
      const plan = planTrial({ ...params, n: 300_000, counts: undefined, maxRounds: 20, threshold: 0.99, recordAgreement: true });
      expect(runPlan(plan, 3, { blocked: true }), `${plan.protocol} on ${plan.topology}`).toEqual(runPlan(plan, 3, { blocked: false }));
    }
  });

  it('is chosen from GRAPH_BLOCKED_MIN_N agents on a graph kernel with a blocked variant', () => {
    const plan = (n: number, extra: Partial<TrialParams> = {}): ReturnType<typeof planTrial> => planTrial({ n, fanout: 5, topology: 'regular', degree: 8, ...extra });
    expect(autoBlocked(plan(GRAPH_BLOCKED_MIN_N), 'bytes')).toBe(true);
    expect(autoBlocked(plan(GRAPH_BLOCKED_MIN_N, { protocol: 'push-pull' }), 'bytes')).toBe(true);
    expect(autoBlocked(plan(GRAPH_BLOCKED_MIN_N - 1), 'bytes')).toBe(false);
    expect(autoBlocked(plan(GRAPH_BLOCKED_MIN_N, { protocol: '2-choices' }), 'bytes')).toBe(true);
    expect(autoBlocked(plan(GRAPH_BLOCKED_MIN_N, { protocol: 'pull' }), 'bytes')).toBe(true);
    expect(autoBlocked(planTrial({ n: GRAPH_BLOCKED_MIN_N, fanout: 5, lossRate: 0.1 }), 'bytes')).toBe(false);
    expect(createSimulation(planTrial({ n: 1000, fanout: 3, topology: 'ring', degree: 4 }), 1).kernel.kind).toBe('majority-graph');
  });

  it('is refused where no blocked variant exists, and kept off with blocked: false', () => {
    expect(() => createSimulation(planTrial({ n: 1000, fanout: 3, protocol: 'pull' }), 1, { blocked: true })).toThrow(/graph kernel other than rule-graph/);
    const plan = planTrial({ n: 1000, fanout: 3, topology: 'ring', degree: 4, protocol: '2-choices' });
    expect(createSimulation(plan, 1, { blocked: false }).kernel.kind).toBe('2-choices-graph');
    expect(isBlockedKind('2-choices-graph')).toBe(false);
    expect(isBlockedKind('binary-blocked')).toBe(true);
  });
});
