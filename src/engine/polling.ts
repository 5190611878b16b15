// Round kernels of the polling protocols: 3-majority (Becchetti et al., 2014) and 2-choices.
// Each live agent polls a fixed number of peers drawn uniformly WITH replacement (never itself)
// and decides from their answers alone; crashed and lost peers give no answer.
import { CRASHED } from './constants.ts';
import { lost } from './contacts.ts';
import { below } from './rng.ts';

/**
 * 3-majority rule on the answers a0, a1, a2 in poll order (-1 = no answer, len answers packed
 * first): the most frequent, ties (all differ) to the first; no answer keeps `own`. So with
 * three answers: a0 unless a1 = a2 != a0; with one or two: a0.
 */
export function threeMajority(own: number, len: number, a0: number, a1: number, a2: number): number {
  if (len === 0) return own;
  return len === 3 && a0 !== a1 && a0 !== a2 && a1 === a2 ? a1 : a0;
}

/**
 * One round of 3-majority on the complete graph over agents [lo, hi): each live agent draws 3
 * peers with replacement among the n - 1 others (`below(n - 1)` shifted past itself, from `st`),
 * then one loss draw per contact when `lossCut` > 0, and adopts the most frequent answer (ties,
 * i.e. three different answers, to the first drawn; fewer answers: the most frequent of those,
 * the first on ties; none: keeps its own). Adds the new opinions to `tally`.
 */
export function threeMajorityBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  tally: Float64Array,
): void {
  const crashed = CRASHED;
  const others = n - 1;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    let a0 = -1;
    let a1 = -1;
    let a2 = -1;
    let len = 0;
    for (let j = 0; j < 3; j++) {
      let p = below(st, others);
      p += (i - p - 1) >>> 31;
      const o = cur[p]!;
      if (lost(lossSt, lossCut) || o === crashed) continue;
      if (len === 0) a0 = o;
      else if (len === 1) a1 = o;
      else a2 = o;
      len++;
    }
    const v = threeMajority(own, len, a0, a1, a2);
    next[i] = v;
    tally[v]!++;
  }
}

/**
 * 3-majority on a CSR graph: the 3 polls are uniform neighbours with replacement
 * (`targets[off + below(d)]`); an agent without neighbours keeps its opinion and draws nothing.
 * Otherwise as {@link threeMajorityBlock}.
 */
export function threeMajorityGraphBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  tally: Float64Array,
): void {
  const crashed = CRASHED;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    const off = offsets[i]!;
    const d = offsets[i + 1]! - off;
    let a0 = -1;
    let a1 = -1;
    let a2 = -1;
    let len = 0;
    if (d > 0) {
      for (let j = 0; j < 3; j++) {
        const o = cur[targets[off + below(st, d)]!]!;
        if (lost(lossSt, lossCut) || o === crashed) continue;
        if (len === 0) a0 = o;
        else if (len === 1) a1 = o;
        else a2 = o;
        len++;
      }
    }
    const v = threeMajority(own, len, a0, a1, a2);
    next[i] = v;
    tally[v]!++;
  }
}

/**
 * One round of 2-choices on the complete graph over agents [lo, hi): each live agent draws 2
 * peers with replacement among the n - 1 others (then a loss draw per contact when `lossCut` >
 * 0) and adopts their opinion when both answered alike, else keeps its own. Adds the new
 * opinions to `tally`.
 */
export function twoChoicesBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  n: number,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  tally: Float64Array,
): void {
  const crashed = CRASHED;
  const others = n - 1;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    let p = below(st, others);
    p += (i - p - 1) >>> 31;
    let a = cur[p]!;
    if (lost(lossSt, lossCut)) a = crashed;
    p = below(st, others);
    p += (i - p - 1) >>> 31;
    let b = cur[p]!;
    if (lost(lossSt, lossCut)) b = crashed;
    const v = a === b && a !== crashed ? a : own;
    next[i] = v;
    tally[v]!++;
  }
}

/**
 * 2-choices on a CSR graph: the 2 polls are uniform neighbours with replacement; an agent
 * without neighbours keeps its opinion and draws nothing. Otherwise as {@link twoChoicesBlock}.
 */
export function twoChoicesGraphBlock(
  cur: Uint8Array,
  next: Uint8Array,
  lo: number,
  hi: number,
  offsets: Uint32Array,
  targets: Uint32Array,
  st: Int32Array,
  lossSt: Int32Array,
  lossCut: number,
  tally: Float64Array,
): void {
  const crashed = CRASHED;
  for (let i = lo; i < hi; i++) {
    const own = cur[i]!;
    if (own === crashed) continue;
    const off = offsets[i]!;
    const d = offsets[i + 1]! - off;
    let v = own;
    if (d > 0) {
      let a = cur[targets[off + below(st, d)]!]!;
      if (lost(lossSt, lossCut)) a = crashed;
      let b = cur[targets[off + below(st, d)]!]!;
      if (lost(lossSt, lossCut)) b = crashed;
      if (a === b && a !== crashed) v = a;
    }
    next[i] = v;
    tally[v]!++;
  }
}
