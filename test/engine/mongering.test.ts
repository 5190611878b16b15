// Rumor mongering's four variants and memberlist's broadcast: one round against exact per-agent
// transition probabilities (state and counter or budget) on a tiny network, with and without loss.
import { describe, expect, it } from 'vitest';
import {
  blindCoinBlock,
  blindCounterBlock,
  CRASHED,
  feedbackCoinBlock,
  feedbackCounterBlock,
  INFECTIVE,
  lossThreshold,
  memberlistBlock,
  peerScratch,
  Purpose,
  REMOVED,
  spreadState,
  streamState,
  SUSCEPTIBLE,
  trialKey,
  type MongerBlock,
  type MongerRound,
} from '../../src/engine/index.ts';
import { chiSquare, chiSquareCritical001, lossPatterns, orderedSamplesOf, othersOf } from './reference.ts';

type Variant = 'feedback-coin' | 'feedback-counter' | 'blind-coin' | 'blind-counter' | 'memberlist';

const KERNELS: Record<Variant, MongerBlock> = {
  'feedback-coin': feedbackCoinBlock,
  'feedback-counter': feedbackCounterBlock,
  'blind-coin': blindCoinBlock,
  'blind-counter': blindCounterBlock,
  memberlist: memberlistBlock,
};

/** An agent's outcome after the round: state x 1000 + its counter (rumor mongering) or budget (memberlist) while infective. */
const code = (state: number, extra: number): number => state * 1000 + (state === INFECTIVE ? extra : 0);

interface Setup {
  cur: number[];
  /** Counters (rumor mongering) or budgets (memberlist) of the infective agents at the start. */
  extra: number[];
  k: number;
  removalK: number;
  limit: number;
  q: number;
}

function add(dist: Map<number, number>, o: number, p: number): void {
  if (p > 0) dist.set(o, (dist.get(o) ?? 0) + p);
}

/** The exact distribution of agent i's outcome code after one round of `variant`. */
function exact(variant: Variant, s: Setup, i: number): Map<number, number> {
  const { cur, extra, k, removalK: K, limit, q } = s;
  const n = cur.length;
  const dist = new Map<number, number>();
  const own = cur[i]!;
  const contacts = (a: number): number => (variant === 'memberlist' ? Math.min(k, extra[a]!) : k);
  if (own === REMOVED || own === CRASHED) return new Map([[code(own, 0), 1]]);
  if (own === SUSCEPTIBLE) {
    let stay = 1;
    cur.forEach((o, a) => {
      if (o === INFECTIVE) stay *= 1 - (contacts(a) / (n - 1)) * (1 - q);
    });
    add(dist, code(SUSCEPTIBLE, 0), stay);
    add(dist, code(INFECTIVE, variant === 'memberlist' ? limit : 0), 1 - stay);
    return dist;
  }
  const samples = orderedSamplesOf(othersOf(n, i), contacts(i));
  for (const sample of samples) {
    for (const [lost, pl] of lossPatterns(sample.length, q)) {
      const p = pl / samples.length;
      const answered = sample.filter((_, j) => !lost[j]).map((x) => cur[x]!);
      switch (variant) {
        case 'feedback-coin': {
          const unnecessary = answered.filter((o) => o === INFECTIVE || o === REMOVED).length;
          const stay = (1 - 1 / K) ** unnecessary;
          add(dist, code(INFECTIVE, 0), p * stay);
          add(dist, code(REMOVED, 0), p * (1 - stay));
          break;
        }
        case 'feedback-counter': {
          let c = extra[i]!;
          let out = false;
          for (const o of answered) {
            if (o === SUSCEPTIBLE) {
              if (!out) c = 0;
            } else if (o !== CRASHED && !out && ++c >= K) out = true;
          }
          add(dist, out ? code(REMOVED, 0) : code(INFECTIVE, c), p);
          break;
        }
        case 'blind-coin': {
          const stay = (1 - 1 / K) ** sample.length;
          add(dist, code(INFECTIVE, 0), p * stay);
          add(dist, code(REMOVED, 0), p * (1 - stay));
          break;
        }
        case 'blind-counter': {
          const c = extra[i]! + sample.length;
          add(dist, c >= K ? code(REMOVED, 0) : code(INFECTIVE, c), p);
          break;
        }
        case 'memberlist': {
          const left = extra[i]! - sample.length;
          add(dist, left === 0 ? code(REMOVED, 0) : code(INFECTIVE, left), p);
          break;
        }
      }
    }
  }
  return dist;
}

/**
 * Runs one round of `variant` `reps` times from the same states (independent round, loss and
 * removal streams) and checks each agent's outcome against {@link exact}: no impossible outcome,
 * chi-square below its 0.001 critical value; newly informed agents get `informedAt` = the round.
 */
function expectExact(variant: Variant, s: Setup, reps = 40_000): void {
  const n = s.cur.length;
  const cur = Uint8Array.from(s.cur);
  const next = new Uint8Array(n);
  const spread = spreadState(n);
  const memberlist = variant === 'memberlist';
  const a: MongerRound = {
    n,
    k: s.k,
    removalK: s.removalK,
    coinCut: lossThreshold(1 / s.removalK),
    lossCut: lossThreshold(s.q),
    limit: s.limit,
    round: 7,
    spread,
    sampling: peerScratch(n, s.k),
  };
  const key = trialKey('mongering-check');
  const [st, lossSt, coinSt] = [new Int32Array(4), new Int32Array(4), new Int32Array(4)];
  const seen = s.cur.map(() => new Map<number, number>());
  let wrongTimes = 0;
  for (let r = 0; r < reps; r++) {
    next.set(cur);
    spread.informedAt.fill(Infinity);
    for (let i = 0; i < n; i++) {
      spread.counter[i] = memberlist ? 0 : s.extra[i]!;
      spread.budget[i] = memberlist ? s.extra[i]! : 0;
    }
    streamState(key, Purpose.round, r + 1, 0, st);
    streamState(key, Purpose.loss, r + 1, 0, lossSt);
    streamState(key, Purpose.removal, r + 1, 0, coinSt);
    KERNELS[variant](cur, next, 0, n, a, st, lossSt, coinSt);
    for (let i = 0; i < n; i++) {
      const state = next[i]!;
      const extra = memberlist ? spread.budget[i]! : spread.counter[i]!;
      if (cur[i] === SUSCEPTIBLE && spread.informedAt[i] !== (state === INFECTIVE ? 7 : Infinity)) wrongTimes++;
      const c = code(state, extra);
      seen[i]!.set(c, (seen[i]!.get(c) ?? 0) + 1);
    }
  }
  expect(wrongTimes, 'newly informed agents get informedAt = the round, the others none').toBe(0);
  for (let i = 0; i < n; i++) {
    const dist = exact(variant, s, i);
    const obs = seen[i]!;
    for (const o of obs.keys()) expect(dist.has(o), `${variant}: agent ${i} reached impossible outcome ${o}`).toBe(true);
    if (dist.size > 1) {
      const { stat, df } = chiSquare(obs, dist, reps);
      expect(stat, `${variant}: agent ${i}: chi2 ${stat.toFixed(2)} on ${df} df`).toBeLessThan(chiSquareCritical001(df));
    }
  }
}

describe('one round against exact transition probabilities', () => {
  // Two infective agents (0 and 3), a removed one (2), a failed one (4), two susceptible (1, 5).
  const cur = [INFECTIVE, SUSCEPTIBLE, REMOVED, INFECTIVE, CRASHED, SUSCEPTIBLE];
  for (const q of [0, 0.3]) {
    for (const k of [1, 2]) {
      it(`rumor mongering, fanout ${k}, loss ${q}`, () => {
        expectExact('feedback-coin', { cur, extra: [0, 0, 0, 0, 0, 0], k, removalK: 2, limit: 0, q });
        expectExact('feedback-counter', { cur, extra: [1, 0, 0, 0, 0, 0], k, removalK: 2, limit: 0, q });
        expectExact('blind-coin', { cur, extra: [0, 0, 0, 0, 0, 0], k, removalK: 3, limit: 0, q });
        expectExact('blind-counter', { cur, extra: [1, 0, 0, 0, 0, 0], k, removalK: 3, limit: 0, q });
      });
    }
    it(`memberlist, fanout 3, budgets 2 and 5 of 6, loss ${q}`, () => {
      expectExact('memberlist', { cur, extra: [2, 0, 0, 5, 0, 0], k: 3, removalK: 1, limit: 6, q });
    });
  }
});
