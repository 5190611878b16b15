// One round of the count engine against exact enumeration on tiny networks, per protocol and
// fault: (1) one agent's outcome law equals the enumeration of its samples (reference.ts, the
// same the agent kernels are tested against); (2) the sampled next counts of a whole round, crash
// included, follow the exact law of the counts (the per-agent enumerations convolved), by chi-square.
import { describe, expect, it } from 'vitest';
import { createCountSimulation, CRASHED, outcomeLaw, outcomeModel, planTrial, stepCountRound, type OutcomeRule, type TrialParams } from '../../../src/engine/index.ts';
import { chiSquareCritical001, exactMajority, exactPoll, orderedSamplesOf, othersOf } from '../reference.ts';

/** Exact law of agent i's next state under pull (1 = informed): informed unless no contact brings it. */
function exactPull(cur: readonly number[], i: number, k: number, q: number): Map<number, number> {
  if (cur[i] === 1) return new Map([[1, 1]]);
  const samples = orderedSamplesOf(othersOf(cur.length, i), Math.min(k, cur.length - 1));
  let stay = 0;
  for (const s of samples) stay += s.reduce((f, p) => (cur[p] === 1 ? f * q : f), 1) / samples.length;
  return new Map([
    [0, stay],
    [1, 1 - stay],
  ]);
}

/** The reference law of agent i's next opinion under `rule`. */
function exactLaw(rule: OutcomeRule, cur: readonly number[], i: number, k: number, q: number): Map<number, number> {
  const others = othersOf(cur.length, i);
  if (rule === 'majority') return exactMajority(cur, i, k, others, q);
  if (rule === 'pull') return exactPull(cur, i, k, q);
  return exactPoll(cur, i, rule === '3-majority' ? 3 : 2, others, q);
}

const CASES: { name: string; rule: OutcomeRule; cur: number[]; k: number; q: number; m: number }[] = [
  { name: 'majority, two opinions, k = 3', rule: 'majority', cur: [0, 1, 1, 0, 1, 0, 0], k: 3, q: 0, m: 2 },
  { name: 'majority, three opinions, k = 4 (ties among peers to the first answered)', rule: 'majority', cur: [0, 1, 2, 1, 2, 0], k: 4, q: 0, m: 3 },
  { name: 'majority, four opinions, k = n - 1', rule: 'majority', cur: [3, 1, 2, 1, 2], k: 4, q: 0, m: 4 },
  { name: 'majority with crashed peers', rule: 'majority', cur: [0, 1, CRASHED, 1, 0, CRASHED, 1], k: 3, q: 0, m: 2 },
  { name: 'majority with lost contacts (q = 0.3)', rule: 'majority', cur: [0, 1, 1, 0, 2], k: 3, q: 0.3, m: 3 },
  { name: 'majority, crashes and loss', rule: 'majority', cur: [0, 1, CRASHED, 0, 1, 1], k: 2, q: 0.5, m: 2 },
  { name: '3-majority, three opinions', rule: '3-majority', cur: [0, 1, 2, 1, 2, 0], k: 3, q: 0, m: 3 },
  { name: '3-majority with crashed peers', rule: '3-majority', cur: [0, 1, CRASHED, 1, CRASHED, 2], k: 3, q: 0, m: 3 },
  { name: '3-majority with lost contacts', rule: '3-majority', cur: [0, 1, 1, 0, 2], k: 3, q: 0.3, m: 3 },
  { name: '2-choices with a crashed agent', rule: '2-choices', cur: [0, 1, 1, 0, CRASHED, 1], k: 2, q: 0, m: 2 },
  { name: '2-choices with lost contacts', rule: '2-choices', cur: [0, 1, 1, 0, 1], k: 2, q: 0.5, m: 2 },
  { name: 'pull, k = 2', rule: 'pull', cur: [1, 0, 0, 1, CRASHED, 0], k: 2, q: 0, m: 2 },
  { name: 'pull with lost contacts', rule: 'pull', cur: [1, 0, 0, 1, CRASHED, 0], k: 3, q: 0.3, m: 2 },
];

describe('one agent: the count engine outcome law equals exact enumeration', () => {
  for (const { name, rule, cur, k, q, m } of CASES) {
    it(name, () => {
      const n = cur.length;
      const model = outcomeModel(rule, m, k, n, q);
      const answering = new Float64Array(m);
      let silent = 0;
      for (const o of cur) if (o === CRASHED) silent++;
      else answering[o]!++;
      const out = new Float64Array(m);
      for (let i = 0; i < n; i++) {
        if (cur[i] === CRASHED) continue;
        outcomeLaw(model, answering, silent, cur[i]!, out);
        const exact = exactLaw(rule, cur, i, k, q);
        // The count engine loses contacts with the agent kernels' probability round(q 2^32) / 2^32.
        const tol = q === 0 ? 1e-14 : 1e-9;
        for (let o = 0; o < m; o++) expect(Math.abs(out[o]! - (exact.get(o) ?? 0)), `agent ${i} -> ${o}`).toBeLessThan(tol);
      }
    });
  }
});

/** Every subset of size c of 0..n-1. */
function subsets(n: number, c: number): number[][] {
  if (c === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first < n; first++) for (const rest of subsets(n, c - 1)) if (rest.every((x) => x > first)) out.push([first, ...rest]);
  return out;
}

/**
 * Exact law of the live tally after one round (key `c0,c1,...`): the crash (every subset of the
 * planned size equally likely, none when `crash` is 0), then every live agent independently by
 * its enumerated law; the `stubborn` agents keep their opinion.
 */
function exactTally(rule: OutcomeRule, start: number[], stubborn: readonly number[], crash: number, k: number, q: number, m: number): Map<string, number> {
  const law = new Map<string, number>();
  const crashes = subsets(start.length, crash);
  for (const down of crashes) {
    const cur = start.map((o, i) => (down.includes(i) ? CRASHED : o));
    let dist = new Map<string, number>([[Array(m).fill(0).join(','), 1]]);
    cur.forEach((o, i) => {
      if (o === CRASHED) return;
      const agent = stubborn.includes(i) ? new Map([[o, 1]]) : exactLaw(rule, cur, i, k, q);
      const next = new Map<string, number>();
      for (const [key, p] of dist) {
        for (const [to, pa] of agent) {
          const t = key.split(',').map(Number);
          t[to]!++;
          const nk = t.join(',');
          next.set(nk, (next.get(nk) ?? 0) + p * pa);
        }
      }
      dist = next;
    });
    for (const [key, p] of dist) law.set(key, (law.get(key) ?? 0) + p / crashes.length);
  }
  return law;
}

/** Pearson's test of observed tallies against an exact law, cells under 5 expected lumped. */
function expectTallyFits(observed: Map<string, number>, exact: Map<string, number>, total: number): void {
  let stat = 0;
  let cells = 0;
  let lumpE = 0;
  let lumpO = 0;
  for (const [key, p] of exact) {
    const e = p * total;
    const o = observed.get(key) ?? 0;
    if (e < 5) {
      lumpE += e;
      lumpO += o;
      continue;
    }
    stat += (o - e) ** 2 / e;
    cells++;
  }
  for (const key of observed.keys()) expect(exact.has(key), `impossible tally ${key}`).toBe(true);
  if (lumpE > 0) {
    stat += (lumpO - lumpE) ** 2 / lumpE;
    cells++;
  }
  expect(cells).toBeGreaterThan(2);
  expect(stat, `chi2 ${stat.toFixed(1)} on ${cells - 1} df`).toBeLessThan(chiSquareCritical001(cells - 1));
}

describe('one round: the sampled next counts follow the exact law', () => {
  const ROUNDS = 20_000;
  const ROUND_CASES: { name: string; params: TrialParams; stubborn: number[]; crash: number }[] = [
    { name: 'majority, k = 3', params: { n: 7, fanout: 3, counts: [4, 3] }, stubborn: [], crash: 0 },
    { name: 'majority, three opinions, k = 4', params: { n: 7, fanout: 4, counts: [3, 2, 2] }, stubborn: [], crash: 0 },
    { name: 'majority, lost contacts', params: { n: 6, fanout: 3, counts: [3, 3], lossRate: 0.3 }, stubborn: [], crash: 0 },
    { name: 'majority, stubborn agents', params: { n: 8, fanout: 3, counts: [5, 3], stubbornFraction: 0.25 }, stubborn: [5, 6], crash: 0 },
    { name: 'majority, crash before round 1', params: { n: 7, fanout: 3, counts: [4, 3], crashFraction: 2 / 7 }, stubborn: [], crash: 2 },
    { name: 'majority, crash and stubborn', params: { n: 7, fanout: 2, counts: [4, 3], crashFraction: 2 / 7, stubbornFraction: 1 / 7 }, stubborn: [4], crash: 2 },
    { name: '3-majority', params: { n: 6, fanout: 1, counts: [2, 2, 2], protocol: '3-majority' }, stubborn: [], crash: 0 },
    { name: '3-majority, crash', params: { n: 6, fanout: 1, counts: [3, 3], protocol: '3-majority', crashFraction: 1 / 3 }, stubborn: [], crash: 2 },
    { name: '2-choices, lost contacts', params: { n: 6, fanout: 1, counts: [3, 3], protocol: '2-choices', lossRate: 0.5 }, stubborn: [], crash: 0 },
    { name: 'pull', params: { n: 6, fanout: 2, protocol: 'pull' }, stubborn: [], crash: 0 },
    { name: 'pull, lost contacts and a crash', params: { n: 6, fanout: 2, protocol: 'pull', lossRate: 0.3, crashFraction: 1 / 6 }, stubborn: [], crash: 1 },
  ];
  for (const { name, params, stubborn, crash } of ROUND_CASES) {
    it(name, () => {
      const plan = planTrial({ ...params, engine: 'count', maxRounds: 1, threshold: 1 });
      expect(plan.crashCount).toBe(crash);
      expect(plan.stubbornCount).toBe(stubborn.length);
      const m = plan.initialCounts.length;
      // Agents by opinion in id order; the stubborn ones are the given ids (holders of stubbornOpinion).
      const start = plan.initialCounts.flatMap((c, o) => Array<number>(c).fill(o));
      for (const i of stubborn) expect(start[i]).toBe(plan.stubbornOpinion);
      const exact = exactTally(plan.protocol as OutcomeRule, start, stubborn, crash, plan.k, plan.lossRate, m);
      const observed = new Map<string, number>();
      for (let r = 0; r < ROUNDS; r++) {
        const sim = createCountSimulation(plan, `one-round-${r}`);
        stepCountRound(sim);
        const key = [...sim.tally].join(',');
        observed.set(key, (observed.get(key) ?? 0) + 1);
      }
      expectTallyFits(observed, exact, ROUNDS);
    });
  }
});
