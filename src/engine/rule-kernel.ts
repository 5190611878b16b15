// The generic round kernel of user rules: contacts drawn with the built-in samplers from the same
// streams (distinct peers as the seed's majority, or with replacement as the polling protocols,
// on the complete graph or a topology, lost and crashed contacts giving no answer), then the
// rule's own `update` decides; its result is checked before it is stored.
import { CRASHED } from './constants.ts';
import { lost, sampleNeighbours, type NeighbourScratch } from './contacts.ts';
import { formatValue } from './errors.ts';
import { below, uniform } from './rng.ts';
import { RuleUpdateError, type Rule } from './rule.ts';
import { peerScratch, samplePeers, type PeerScratch } from './sampling.ts';

/** What the rule kernel needs besides the population, allocated once per trial and thread. */
export interface RuleScratch {
  readonly rule: Rule;
  /** Whether contacts are drawn with replacement. */
  readonly replace: boolean;
  /** States the rule may return: 0 .. states - 1. */
  readonly states: number;
  /** The peer sampler's scratch (complete graph, distinct contacts); null otherwise. */
  readonly sampling: PeerScratch | null;
  /** The answers of one agent's contacts, in the order drawn. */
  readonly answers: Uint8Array;
  /** The rule stream's state of the block being run (`Purpose.rule`). */
  readonly state: Int32Array;
  /** `random()` as the rule sees it: uniform in [0, 1) from {@link RuleScratch.state}. */
  readonly random: () => number;
}

/** The rule kernel's scratch for a trial of n agents making k contacts each (complete graph or not). */
export function ruleScratch(rule: Rule, n: number, k: number, complete: boolean): RuleScratch {
  const replace = rule.contacts.kind === 'with-replacement';
  const state = new Int32Array(4);
  return {
    rule,
    replace,
    states: rule.opinions,
    sampling: complete && !replace ? peerScratch(n, k) : null,
    answers: new Uint8Array(Math.max(1, k)),
    state,
    random: () => uniform(state),
  };
}

/** Calls the rule's update and checks its result; throws RuleUpdateError at the first bad call. */
function decide(rs: RuleScratch, own: number, len: number, agent: number, round: number): number {
  const answers = rs.answers;
  let v: number;
  try {
    v = rs.rule.update(own, answers, len, rs.random);
  } catch (error) {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new RuleUpdateError(rs.rule.name, own, Array.from(answers.subarray(0, len)), agent, round, `threw ${what}`, { cause: error });
  }
  if ((v >>> 0) !== v || v >= rs.states) {
    throw new RuleUpdateError(rs.rule.name, own, Array.from(answers.subarray(0, len)), agent, round, `returned ${formatValue(v)}, not a state from 0 to ${rs.states - 1}`);
  }
  return v;
}

/**
 * One round of a rule on the complete graph over agents [lo, hi). Distinct contacts: the `k`
 * peers of {@link samplePeers} from `st`, then one loss draw per contact (the majority-lossy
 * kernel's order); with replacement: for each of the `k` polls, `below(n - 1)` shifted past the
 * agent, then its loss draw (the 3-majority kernel's order). Crashed and lost contacts give no
 * answer. Adds the new states of live agents to `tally`.
 */
export function ruleBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  k: number,
  round: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  rs: RuleScratch,
  tally: Float64Array,
): void {
  const answers = rs.answers;
  const crashed = CRASHED;
  const others = n - 1;
  const sampling = rs.sampling;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    let len = 0;
    if (sampling !== null) {
      samplePeers(i, n, k, st, sampling);
      const peers = sampling.peers;
      for (let j = 0; j < k; j++) {
        const o = cur[peers[j]!]!;
        if (!lost(lossSt, lossCut) && o !== crashed) answers[len++] = o;
      }
    } else {
      for (let j = 0; j < k; j++) {
        let p = below(st, others);
        p += (i - p - 1) >>> 31;
        const o = cur[p]!;
        if (lost(lossSt, lossCut) || o === crashed) continue;
        answers[len++] = o;
      }
    }
    const v = decide(rs, own, len, i, round);
    next[i] = v;
    tally[v]!++;
  }
}

/**
 * One round of a rule on a CSR graph over agents [lo, hi): distinct contacts are `min(k, d)`
 * neighbours of {@link sampleNeighbours} then their loss draws (the majority-graph kernel's
 * order); with replacement, `k` uniform neighbours each followed by its loss draw (the
 * 3-majority-graph kernel's order). An agent without neighbours draws nothing and updates on no
 * answers. Adds the new states of live agents to `tally`.
 */
export function ruleGraphBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  k: number,
  round: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  nb: NeighbourScratch,
  rs: RuleScratch,
  tally: Float64Array,
): void {
  const answers = rs.answers;
  const crashed = CRASHED;
  const replace = rs.replace;
  const peers = nb.peers;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    const off = offsets[i]!;
    const d = offsets[i + 1]! - off;
    let len = 0;
    if (d > 0) {
      if (replace) {
        for (let j = 0; j < k; j++) {
          const o = cur[targets[off + below(st, d)]!]!;
          if (lost(lossSt, lossCut) || o === crashed) continue;
          answers[len++] = o;
        }
      } else {
        const c = d < k ? d : k;
        sampleNeighbours(targets, off, d, c, st, nb);
        for (let j = 0; j < c; j++) {
          const o = cur[peers[j]!]!;
          if (!lost(lossSt, lossCut) && o !== crashed) answers[len++] = o;
        }
      }
    }
    const v = decide(rs, own, len, i, round);
    next[i] = v;
    tally[v]!++;
  }
}
