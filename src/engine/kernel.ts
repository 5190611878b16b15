// Round kernels of a trial: which one runs (chosen once per trial from the plan), the state one
// thread needs to run it, and `runBlocks`, which runs a range of random-stream blocks of a round.
import { lossThreshold, neighbourScratch, type NeighbourScratch } from './contacts.ts';
import {
  BINARY_MAX_K,
  majorityBinaryBlock,
  majorityBitsBlock,
  majorityGeneralBlock,
  majorityScratch,
  type MajorityScratch,
} from './majority.ts';
import { graphBlockedRange, graphBlockedScratch, type GraphBlockedProtocol, type GraphBlockedScratch } from './graph-blocked.ts';
import { blockedScratch, majorityBlockedBitsRange, majorityBlockedRange } from './majority-blocked.ts';
import { majorityGraphBlock, majorityLossyBlock } from './majority-variants.ts';
import { buildTopology, maxDegree } from './network.ts';
import type { TrialPlan } from './params.ts';
import { threeMajorityBlock, threeMajorityGraphBlock, twoChoicesBlock, twoChoicesGraphBlock } from './polling.ts';
import type { Layout } from './population.ts';
import { BLOCK_SIZE, Purpose, streamState } from './rng.ts';
import { pullBlock, pullGraphBlock, pushBlock, pushGraphBlock, pushPullBlock, pushPullGraphBlock } from './rumor.ts';
import { REGION_SHIFT, type BlockedScratch } from './region-sort.ts';
import { ruleBlock, ruleGraphBlock, ruleScratch, type RuleScratch } from './rule-kernel.ts';
import { samplerFor } from './sampling.ts';
import type { Topology } from './topology/index.ts';

/**
 * Which round kernel runs, chosen once per trial ({@link kernelFor}). The seed's majority on the
 * complete graph without lost contacts keeps its three kernels: `binary` (two opinions on bytes,
 * crashes allowed), `bits` (two opinions on bits, no crashes), `general` (any opinions, k > 8
 * or the shuffle sampler); they draw the same peers from the same streams, so where more than
 * one applies they agree exactly. The others: `majority-lossy` (complete graph, lost contacts),
 * and one kernel per protocol on the complete graph and on a topology (`-graph`); `rule` and
 * `rule-graph` run a user rule (rule-kernel.ts). `binary-blocked` is `binary` with its peer
 * reads grouped by region of the opinion array (majority-blocked.ts), and `bits-blocked` the
 * same for `bits`; each graph kernel but `rule-graph` has such a variant, `<kind>-blocked`
 * (graph-blocked.ts): the same draws and results ({@link KernelOptions}, {@link autoBlocked}).
 */
export type KernelKind =
  | 'binary'
  | 'binary-blocked'
  | 'bits'
  | 'bits-blocked'
  | 'general'
  | 'majority-lossy'
  | 'majority-graph'
  | 'majority-graph-blocked'
  | '3-majority'
  | '3-majority-graph'
  | '3-majority-graph-blocked'
  | '2-choices'
  | '2-choices-graph'
  | '2-choices-graph-blocked'
  | 'push'
  | 'push-graph'
  | 'push-graph-blocked'
  | 'pull'
  | 'pull-graph'
  | 'pull-graph-blocked'
  | 'push-pull'
  | 'push-pull-graph'
  | 'push-pull-graph-blocked'
  | 'rule'
  | 'rule-graph';

/** Networks from this size on use the bits layout when it applies (bytes stop fitting in cache). */
export const BITS_MIN_N = 1 << 19;

/**
 * Networks from this size on run the `binary` kernel blocked unless told otherwise: measured at
 * n = 10^8 (fanout 5) it takes 101 ns an agent-round against 228 unblocked on one thread, and at
 * 3 x 10^7 about the same (95 against 89-129, before the region sweep); at 10^7, where the
 * opinions fit in cache, it loses (77 against 64). Results are identical either way.
 */
export const BLOCKED_MIN_N = 1 << 26;

/**
 * Networks from this size on run the `bits` kernel blocked unless told otherwise: 2^28 agents are
 * 32 MiB of bits, the size of this machine's last-level cache. Measured (fanout 5, one thread):
 * at 10^8 (12.5 MB of bits, in cache) blocked and unblocked break even (68.6 against 66.4 ns an
 * agent-round); at 10^9 (125 MB) the blocked kernel takes 92.0 ns against 241.2.
 */
export const BITS_BLOCKED_MIN_N = 1 << 28;

/**
 * Networks from this size on run a graph kernel blocked unless told otherwise. Measured on one
 * thread on a random 8-regular graph, fanout 5 (npm run graph-wall): at n = 10^7 blocked
 * majority takes 106 ns an agent-round against 137 unblocked, push 67 against 89, 2-choices and
 * pull break even (49 against 47, 69 against 66); at 3 x 10^7 every kernel wins (majority 123
 * against 207, 2-choices 51 against 63). Results are identical either way.
 */
export const GRAPH_BLOCKED_MIN_N = 1 << 24;

/** The blocked variant of each kernel that has one. */
const BLOCKED_VARIANT: Partial<Record<KernelKind, KernelKind>> = {
  binary: 'binary-blocked',
  bits: 'bits-blocked',
  'majority-graph': 'majority-graph-blocked',
  '3-majority-graph': '3-majority-graph-blocked',
  '2-choices-graph': '2-choices-graph-blocked',
  'pull-graph': 'pull-graph-blocked',
  'push-graph': 'push-graph-blocked',
  'push-pull-graph': 'push-pull-graph-blocked',
};

/** The protocol a blocked graph kernel runs (graph-blocked.ts). */
const GRAPH_BLOCKED: Partial<Record<KernelKind, GraphBlockedProtocol>> = {
  'majority-graph-blocked': 'majority',
  '3-majority-graph-blocked': '3-majority',
  '2-choices-graph-blocked': '2-choices',
  'pull-graph-blocked': 'pull',
  'push-graph-blocked': 'push',
  'push-pull-graph-blocked': 'push-pull',
};

/** Whether `kind` is a blocked kernel (the parallel runner asks its workers for the same). */
export function isBlockedKind(kind: KernelKind): boolean {
  return kind === 'binary-blocked' || kind === 'bits-blocked' || GRAPH_BLOCKED[kind] !== undefined;
}

/**
 * Whether a plan on `layout` runs a blocked kernel when none is asked for: the `binary` kernel
 * from {@link BLOCKED_MIN_N}, the `bits` kernel from {@link BITS_BLOCKED_MIN_N}, a graph kernel
 * with a blocked variant from {@link GRAPH_BLOCKED_MIN_N}.
 */
export function autoBlocked(plan: TrialPlan, layout: Layout): boolean {
  const kind = kernelFor(plan, layout);
  if (kind === 'binary') return plan.n >= BLOCKED_MIN_N;
  if (kind === 'bits') return plan.n >= BITS_BLOCKED_MIN_N;
  return BLOCKED_VARIANT[kind] !== undefined && plan.n >= GRAPH_BLOCKED_MIN_N;
}

/** What one thread needs to run blocks of a round: allocated once, nothing per round. */
export interface KernelState {
  readonly plan: TrialPlan;
  readonly key: Int32Array;
  readonly kind: KernelKind;
  /** Sampler and majority scratch of the complete-graph kernels that sample distinct peers (else null). */
  readonly scratch: MajorityScratch | null;
  /** The trial's graph; null on the complete graph. */
  readonly graph: Topology | null;
  /** Scratch of the graph kernels (null on the complete graph). */
  readonly neighbours: NeighbourScratch | null;
  /** The xoshiro128** state of the block being run. */
  readonly state: Int32Array;
  /** The loss stream's state of the block being run (drawn only when `lossCut` > 0). */
  readonly lossState: Int32Array;
  /** Loss threshold of the plan's `lossRate` (see `lossThreshold`); 0 = no loss. */
  readonly lossCut: number;
  /** The user rule's scratch (kinds `rule` and `rule-graph`), else null. */
  readonly rule: RuleScratch | null;
  /** Live agents per opinion, added to by {@link runBlocks}. */
  readonly tally: Float64Array;
  /**
   * Scratch of the `binary-blocked` and `bits-blocked` kernels, allocated by the first
   * {@link runBlocks} that needs it (so a thread that never runs blocks, like the main thread of a
   * parallel trial, never holds it); null until then and for the other kernels.
   */
  blocked: BlockedScratch | null;
  /** Scratch of the blocked graph kernels, allocated as `blocked` is; null until then and for the other kernels. */
  graphBlocked: GraphBlockedScratch | null;
  /** log2 region size and batch of the blocked kernels' scratch (see {@link KernelOptions}). */
  readonly blockedShape: { readonly shift: number; readonly batch: number | undefined };
}

/** Options of {@link createKernelState}. */
export interface KernelOptions {
  /**
   * Run the `binary`, `bits` or graph kernel blocked (majority-blocked.ts, graph-blocked.ts):
   * identical results, reads grouped by region. Default: {@link autoBlocked}. `true` throws RangeError when the plan's kernel has no blocked variant
   * (the complete graph off the binary kernels, `rule-graph`); `false` keeps it unblocked.
   */
  blocked?: boolean;
  /** log2 of the blocked kernel's region in agents (default `REGION_SHIFT`, + 3 on bits: the same bytes; small values for tests). */
  regionShift?: number;
  /** Random-stream blocks per batch of the blocked kernel (default `BATCH_BLOCKS`). */
  batchBlocks?: number;
}

/** Whether the binary kernels apply: seed's majority, complete graph, no loss, two opinions, k <= 8, rejection sampler. */
function binaryApplies(plan: TrialPlan): boolean {
  return (
    plan.protocol === 'majority' &&
    plan.rule == null &&
    plan.topology === 'complete' &&
    plan.lossRate === 0 &&
    plan.initialCounts.length === 2 &&
    samplerFor(plan.n, plan.k) === 'rejection' &&
    plan.k <= BINARY_MAX_K
  );
}

/** Whether the bits layout can hold a plan: the binary kernel's case without crashes or stubborn agents. */
export function bitsApply(plan: TrialPlan): boolean {
  return binaryApplies(plan) && plan.crashCount === 0 && plan.stubbornCount === 0;
}

/** The layout a plan runs on when none is asked for: bits for large binary networks, else bytes. */
export function autoLayout(plan: TrialPlan): Layout {
  return bitsApply(plan) && plan.n >= BITS_MIN_N ? 'bits' : 'bytes';
}

/** The kernel a plan runs on `layout` (see {@link KernelKind}). */
export function kernelFor(plan: TrialPlan, layout: Layout): KernelKind {
  if (layout === 'bits') return 'bits';
  const graph = plan.topology !== 'complete';
  if (plan.rule != null) return graph ? 'rule-graph' : 'rule';
  switch (plan.protocol) {
    case 'majority':
      if (graph) return 'majority-graph';
      if (plan.lossRate > 0) return 'majority-lossy';
      return binaryApplies(plan) ? 'binary' : 'general';
    case '3-majority':
      return graph ? '3-majority-graph' : '3-majority';
    case '2-choices':
      return graph ? '2-choices-graph' : '2-choices';
    case 'push':
      return graph ? 'push-graph' : 'push';
    case 'pull':
      return graph ? 'pull-graph' : 'pull';
    case 'push-pull':
      return graph ? 'push-pull-graph' : 'push-pull';
    case 'rumor-mongering':
    case 'memberlist':
      throw new RangeError(`protocol '${plan.protocol}' runs in dissemination.ts, not on the round kernels`);
  }
}

/**
 * The kernel state of one thread for `plan` on `layout`. The graph is generated here from the
 * trial's topology stream unless the caller passes the one it already has (each worker thread of
 * a multi-threaded trial generates its own copy: the same graph, since it is a pure function of
 * plan and key). Throws RangeError for the bits layout when {@link bitsApply} is false.
 */
export function createKernelState(plan: TrialPlan, key: Int32Array, layout: Layout, topology?: Topology | null, options: KernelOptions = {}): KernelState {
  if (layout === 'bits' && !bitsApply(plan)) {
    throw new RangeError('the bits layout needs the binary majority kernel without crashes or stubborn agents');
  }
  let kind = kernelFor(plan, layout);
  if (options.blocked ?? autoBlocked(plan, layout)) {
    const blocked = BLOCKED_VARIANT[kind];
    if (blocked === undefined) {
      throw new RangeError(`a blocked kernel runs only where the binary, bits or a graph kernel other than rule-graph would (this plan runs on '${kind}')`);
    }
    kind = blocked;
  }
  const graph = plan.topology === 'complete' ? null : (topology ?? buildTopology(plan, key));
  return {
    plan,
    key,
    kind,
    scratch: graph === null && kind !== '3-majority' && kind !== '2-choices' && kind !== 'rule' ? majorityScratch(plan.n, plan.k) : null,
    graph,
    neighbours: graph === null ? null : neighbourScratch(plan.k, maxDegree(graph.offsets)),
    state: new Int32Array(4),
    lossState: new Int32Array(4),
    lossCut: lossThreshold(plan.lossRate),
    rule: plan.rule == null ? null : ruleScratch(plan.rule, plan.n, plan.k, graph === null),
    tally: new Float64Array(256),
    blocked: null,
    graphBlocked: null,
    blockedShape: { shift: options.regionShift ?? REGION_SHIFT + (kind === 'bits-blocked' ? 3 : 0), batch: options.batchBlocks },
  };
}

/**
 * Runs blocks [firstBlock, endBlock) of round `round` from `cur` into `next` (the population's
 * buffers, in its layout) and adds the new opinions of their live agents to `ks.tally` (the two
 * binary kernels add only to `tally[1]`, and the rumor kernels add nothing; {@link finishRound}
 * completes the tally). Each block draws from its own streams (`Purpose.round`, and
 * `Purpose.loss` when contacts can be lost), so any split of the blocks over threads gives the
 * same result. The rumor kernels write into other blocks' agents, but only ever the value 1 into
 * a `next` that `beginRound` made a copy of `cur`, so they too are split-independent.
 */
export function runBlocks(ks: KernelState, round: number, cur: Uint8Array | Int32Array, next: Uint8Array | Int32Array, firstBlock: number, endBlock: number): void {
  const { n, k } = ks.plan;
  const { key, state, lossState, lossCut, tally, kind } = ks;
  // Each scratch is non-null for every kind that reads it (createKernelState allocates by kind).
  const scratch = ks.scratch!;
  const nb = ks.neighbours!;
  const rs = ks.rule;
  const offsets = ks.graph?.offsets ?? EMPTY;
  const targets = ks.graph?.targets ?? EMPTY;
  const c = cur as Uint8Array;
  const x = next as Uint8Array;
  // The blocked kernel draws a batch of blocks before it reads: it runs the range itself.
  if (kind === 'binary-blocked' || kind === 'bits-blocked') {
    const bs = (ks.blocked ??= blockedScratch(n, k, ks.blockedShape.shift, ks.blockedShape.batch));
    tally[1]! +=
      kind === 'binary-blocked'
        ? majorityBlockedRange(c, x, firstBlock, endBlock, n, k, key, round, state, bs)
        : majorityBlockedBitsRange(cur as Int32Array, next as Int32Array, firstBlock, endBlock, n, k, key, round, state, bs);
    return;
  }
  const graphProtocol = GRAPH_BLOCKED[kind];
  if (graphProtocol !== undefined) {
    const polls = graphProtocol === '3-majority' || graphProtocol === '2-choices';
    const gs = (ks.graphBlocked ??= graphBlockedScratch(offsets, k, polls, ks.blockedShape.shift, ks.blockedShape.batch));
    graphBlockedRange(graphProtocol, c, x, firstBlock, endBlock, offsets, targets, k, key, round, state, lossState, lossCut, nb, gs, tally);
    return;
  }
  let ones = 0;
  for (let block = firstBlock; block < endBlock; block++) {
    const lo = block * BLOCK_SIZE;
    const hi = Math.min(n, lo + BLOCK_SIZE);
    streamState(key, Purpose.round, round, block, state);
    if (lossCut !== 0) streamState(key, Purpose.loss, round, block, lossState);
    if (rs !== null) streamState(key, Purpose.rule, round, block, rs.state);
    switch (kind) {
      case 'bits':
        ones += majorityBitsBlock(cur as Int32Array, next as Int32Array, lo, hi, n, k, state);
        break;
      case 'binary':
        ones += majorityBinaryBlock(c, x, lo, hi, n, k, state);
        break;
      case 'general':
        majorityGeneralBlock(c, x, lo, hi, n, k, state, scratch, tally);
        break;
      case 'majority-lossy':
        majorityLossyBlock(c, x, lo, hi, n, k, state, lossState, lossCut, scratch, tally);
        break;
      case 'majority-graph':
        majorityGraphBlock(c, x, lo, hi, offsets, targets, k, state, lossState, lossCut, nb, tally);
        break;
      case '3-majority':
        threeMajorityBlock(c, x, lo, hi, n, state, lossState, lossCut, tally);
        break;
      case '3-majority-graph':
        threeMajorityGraphBlock(c, x, lo, hi, offsets, targets, state, lossState, lossCut, tally);
        break;
      case '2-choices':
        twoChoicesBlock(c, x, lo, hi, n, state, lossState, lossCut, tally);
        break;
      case '2-choices-graph':
        twoChoicesGraphBlock(c, x, lo, hi, offsets, targets, state, lossState, lossCut, tally);
        break;
      case 'push':
        pushBlock(c, x, lo, hi, n, k, state, lossState, lossCut, scratch.sampling);
        break;
      case 'push-graph':
        pushGraphBlock(c, x, lo, hi, offsets, targets, k, state, lossState, lossCut, nb);
        break;
      case 'pull':
        pullBlock(c, x, lo, hi, n, k, state, lossState, lossCut, scratch.sampling);
        break;
      case 'pull-graph':
        pullGraphBlock(c, x, lo, hi, offsets, targets, k, state, lossState, lossCut, nb);
        break;
      case 'push-pull':
        pushPullBlock(c, x, lo, hi, n, k, state, lossState, lossCut, scratch.sampling);
        break;
      case 'push-pull-graph':
        pushPullGraphBlock(c, x, lo, hi, offsets, targets, k, state, lossState, lossCut, nb);
        break;
      case 'rule':
        ruleBlock(c, x, lo, hi, n, k, round, state, lossState, lossCut, rs!, tally);
        break;
      case 'rule-graph':
        ruleGraphBlock(c, x, lo, hi, offsets, targets, k, round, state, lossState, lossCut, nb, rs!, tally);
        break;
    }
  }
  if (kind === 'bits' || kind === 'binary') tally[1]! += ones;
}

const EMPTY = new Uint32Array(0);
