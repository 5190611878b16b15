// The exact law of one agent's next opinion on the complete graph, given the counts of the other
// agents by what they answer: a multivariate hypergeometric sample of k distinct peers (majority,
// pull) or polls with replacement (3-majority, 2-choices), thinned by lost contacts, through the
// same rule and tie-break as the agent kernels.
import { lossThreshold } from '../contacts.ts';

/** 2^-32: the agent kernels lose a contact when a uint32 is below round(q 2^32). */
const TWO_POW_M32 = 2.3283064365386963e-10;

/** Which rule maps a sample to the next opinion. */
export type OutcomeRule = 'majority' | '3-majority' | '2-choices' | 'pull';

/** What {@link outcomeLaw} needs, fixed for a trial; scratch included, nothing allocated per round. */
export interface OutcomeModel {
  readonly rule: OutcomeRule;
  /** Number of opinions m. */
  readonly m: number;
  /** Contacts per agent: min(fanout, n - 1), or 3 and 2 polls. */
  readonly k: number;
  /** n - 1: the others an agent samples among. */
  readonly others: number;
  /**
   * The agent kernels' loss probability: round(lossRate 2^32) / 2^32 (at least 2^-32 when
   * lossRate > 0), not lossRate itself, so that both engines lose contacts equally often.
   */
  readonly loss: number;
  /** 1 - loss, exactly. */
  readonly kept: number;
  /** P(l of the k contacts are lost) = C(k, l) loss^l kept^(k - l), l = 0..k. */
  readonly lossWeights: Float64Array;
  /** Binomial coefficients C(a, b) at a * (k + 1) + b, for 0 <= b <= a <= k. */
  readonly choose: Float64Array;
  /** Scratch: answer counts of the sample being enumerated (m opinions, then silence). */
  readonly counts: Int32Array;
  /** Scratch: the populations of the others by answer (m opinions, then silence). */
  readonly pops: Float64Array;
  /** Scratch: the probability that one poll answers each opinion, then nothing (polling rules). */
  readonly answer: Float64Array;
}

/** The model of a trial: rule, m, contacts, n and the lost-contact rate (see {@link OutcomeModel}). */
export function outcomeModel(rule: OutcomeRule, m: number, k: number, n: number, lossRate: number): OutcomeModel {
  const cut = lossThreshold(lossRate);
  const loss = cut * TWO_POW_M32;
  const kept = (4294967296 - cut) * TWO_POW_M32;
  const choose = new Float64Array((k + 1) * (k + 1));
  for (let a = 0; a <= k; a++) {
    choose[a * (k + 1)] = 1;
    for (let b = 1; b <= a; b++) choose[a * (k + 1) + b] = choose[(a - 1) * (k + 1) + b - 1]! + (b < a ? choose[(a - 1) * (k + 1) + b]! : 0);
  }
  const lossWeights = new Float64Array(k + 1);
  for (let l = 0; l <= k; l++) lossWeights[l] = cut === 0 ? (l === 0 ? 1 : 0) : choose[k * (k + 1) + l]! * loss ** l * kept ** (k - l);
  return { rule, m, k, others: n - 1, loss, kept, lossWeights, choose, counts: new Int32Array(m + 1), pops: new Float64Array(m + 1), answer: new Float64Array(m + 1) };
}

/**
 * How many sample outcomes {@link outcomeLaw} enumerates for one class: compositions of j
 * distinct peers over `parts` answer kinds (C(j + parts - 1, parts - 1), summed over j = k - l
 * for every count l of lost contacts when contacts can be lost) for majority, (m + 1)^polls
 * ordered polls for the polling rules, k + 1 products for pull.
 */
export function outcomeTerms(rule: OutcomeRule, m: number, k: number, parts: number, lossy: boolean): number {
  if (rule === 'pull') return k + 1;
  if (rule !== 'majority') return (m + 1) ** (rule === '3-majority' ? 3 : 2);
  const compositions = (j: number): number => {
    let c = 1;
    for (let i = 1; i < parts; i++) c = (c * (j + i)) / i;
    return Math.round(c);
  };
  if (!lossy) return compositions(k);
  let sum = 0;
  for (let j = 0; j <= k; j++) sum += compositions(j);
  return sum;
}

/**
 * Writes into `out[0..m)` the probability that a live, free agent holding `own` holds each
 * opinion after the round, given `answering[j]`, the live agents (itself included) that answer j
 * when contacted, and `silent`, the crashed agents (contacted, never answering). Every
 * probability is a sum of positive terms (no 1 - p anywhere), each a product of ratios of
 * integers below 2^53, so a probability of 1e-12 keeps its 15 digits at n = 10^12.
 */
export function outcomeLaw(model: OutcomeModel, answering: Float64Array, silent: number, own: number, out: Float64Array): void {
  const { m, pops } = model;
  for (let j = 0; j < m; j++) pops[j] = answering[j]! - (j === own ? 1 : 0);
  pops[m] = silent;
  out.fill(0, 0, m);
  switch (model.rule) {
    case 'majority':
      for (let l = 0; l <= model.k; l++) {
        const w = model.lossWeights[l]!;
        if (w > 0) compositions(model, 0, model.k - l, 0, w, own, out);
      }
      return;
    case '3-majority':
    case '2-choices':
      polls(model, own, out);
      return;
    case 'pull':
      pull(model, own, out);
  }
}

/**
 * Enumerates the compositions of the `left` remaining distinct peers over answer kinds
 * part..m (m = silence), `drawn` already drawn, with probability `p` so far: choosing c of kind i
 * multiplies by C(left, c) prod_{t < c} (pops_i - t) / (others - drawn - t), so a whole
 * composition carries the multivariate hypergeometric pmf (times the loss weight). At the leaf
 * the seed's rule picks the winner.
 */
function compositions(model: OutcomeModel, part: number, left: number, drawn: number, p: number, own: number, out: Float64Array): void {
  const { m, pops, counts, others, choose, k } = model;
  const pop = pops[part]!;
  if (part === m) {
    // The silent kind takes what is left.
    let f = p;
    for (let t = 0; t < left && f > 0; t++) f *= (pop - t) / (others - drawn - t);
    if (f > 0) majorityLeaf(m, counts, own, f, out);
    return;
  }
  let f = p;
  for (let c = 0; c <= left && f > 0; c++) {
    counts[part] = c;
    compositions(model, part + 1, left - c, drawn + c, f * choose[left * (k + 1) + c]!, own, out);
    f *= (pop - c) / (others - drawn - c);
  }
}

/**
 * The seed's rule on a sample with `counts[j]` answers j: own opinion counted once more, the most
 * frequent wins; a tie involving its own opinion keeps it (it is first in the list), a tie among
 * T other opinions goes to the one answered first, each with probability 1/|T| (every order of
 * the answers is equally likely).
 */
function majorityLeaf(m: number, counts: Int32Array, own: number, p: number, out: Float64Array): void {
  let best = -1;
  let ties = 0;
  for (let j = 0; j < m; j++) {
    if (j === own) continue;
    const c = counts[j]!;
    if (c > best) {
      best = c;
      ties = 1;
    } else if (c === best) ties++;
  }
  if (1 + counts[own]! >= best) {
    out[own]! += p;
    return;
  }
  const share = p / ties;
  for (let j = 0; j < m; j++) if (j !== own && counts[j] === best) out[j]! += share;
}

/**
 * 3-majority and 2-choices: every ordered sequence of polls, each answering j with probability
 * kept pops_j / others and nothing with loss + kept silent / others, through the kernels' rules
 * (3-majority: the most frequent answer, three different ones to the first, none: keep one's
 * own; 2-choices: move only when both answer alike).
 */
function polls(model: OutcomeModel, own: number, out: Float64Array): void {
  const { m, pops, others, kept, loss, answer } = model;
  for (let j = 0; j < m; j++) answer[j] = (kept * pops[j]!) / others;
  answer[m] = loss + (kept * pops[m]!) / others;
  if (model.rule === '2-choices') {
    for (let a = 0; a <= m; a++) {
      const pa = answer[a]!;
      if (pa === 0) continue;
      for (let b = 0; b <= m; b++) {
        const pb = answer[b]!;
        if (pb !== 0) out[a === b && a !== m ? a : own]! += pa * pb;
      }
    }
    return;
  }
  for (let a = 0; a <= m; a++) {
    const pa = answer[a]!;
    if (pa === 0) continue;
    for (let b = 0; b <= m; b++) {
      const pab = pa * answer[b]!;
      if (pab === 0) continue;
      for (let c = 0; c <= m; c++) {
        const pc = answer[c]!;
        if (pc !== 0) out[threeMajority(own, m, a, b, c)]! += pab * pc;
      }
    }
  }
}

/**
 * The 3-majority kernel's rule on polls a, b, c in order (m = no answer): the answers packed in
 * order; none keeps `own`; three answers go to the first unless the other two agree against it;
 * one or two answers to the first (two different answers tie, and the first wins the tie).
 */
function threeMajority(own: number, m: number, a: number, b: number, c: number): number {
  const first = a !== m ? a : b !== m ? b : c;
  if (first === m) return own;
  if (a !== m && b !== m && c !== m && a !== b && a !== c && b === c) return b;
  return first;
}

/**
 * Pull (opinion 1 = informed): an informed agent stays informed; an uninformed one asks k
 * distinct peers and learns the rumor unless every contact that is not lost reaches an
 * uninformed or crashed agent. With l contacts lost, the k - l others are a uniform sample, so
 * P(nothing learnt | l) = prod_{t < k - l} (1 - I / (others - t)), I the informed live agents;
 * both sides are taken from its logarithm (exp and -expm1), so neither is a 1 - p.
 */
function pull(model: OutcomeModel, own: number, out: Float64Array): void {
  if (own === 1) {
    out[1] = 1;
    return;
  }
  const { k, pops, others, lossWeights } = model;
  const informed = pops[1]!;
  for (let l = 0; l <= k; l++) {
    const w = lossWeights[l]!;
    if (w === 0) continue;
    let log = 0;
    for (let t = 0; t < k - l; t++) log += informed >= others - t ? -Infinity : Math.log1p(-informed / (others - t));
    out[0]! += w * Math.exp(log);
    out[1]! += w * -Math.expm1(log);
  }
}
