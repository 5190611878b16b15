// User rules: the seed's majority written as a rule gives the very trials of the built-in kernels
// (complete graph and topologies, every fault, 1 and 2 pool threads); bad rules fail at once,
// naming the rule, the agent's inputs and (through the pool) the seed.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineRule,
  planTrial,
  registerRule,
  RuleError,
  RuleUpdateError,
  runPlan,
  runTrial,
  unregisterRule,
  type RuleDeclaration,
  type TrialParams,
} from '../../src/engine/index.ts';
import { matches } from '../../src/claims/check.ts';
import { validateClaim } from '../../src/claims/claim.ts';
import { resolvePoint } from '../../src/harness/grid.ts';
import { SuiteError } from '../../src/harness/suite.ts';
import { planThroughput } from '../../src/harness/throughput-plan.ts';
import { ROW_WIDTH } from '../../src/harness/messages.ts';
import { runPool, TrialFailedError } from '../../src/harness/pool.ts';
import { majorityRule, threeMajorityRule, throwingRule } from '../fixtures/majority-rule.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/majority-rule.ts', import.meta.url));

/** The cases: complete graph and topologies, with every fault. */
const CASES: [string, TrialParams][] = [
  ['complete, two opinions (binary kernel)', { n: 3000, fanout: 3 }],
  ['complete, fanout 5, near-balanced', { n: 3000, fanout: 5, start: 'near-balanced', threshold: 0.99 }],
  ['complete, three opinions (general kernel)', { n: 2000, fanout: 4, counts: [900, 700, 400] }],
  ['complete, shuffle sampler (fanout > 16)', { n: 200, fanout: 20 }],
  ['complete, lost contacts', { n: 3000, fanout: 3, lossRate: 0.3 }],
  ['complete, crashes', { n: 3000, fanout: 3, crashFraction: 0.2, crashRound: 1 }],
  ['complete, crashes with recovery', { n: 3000, fanout: 3, crashFraction: 0.3, crashRound: 1, crashRecovery: 2 }],
  ['complete, lost contacts and crashes', { n: 3000, fanout: 4, lossRate: 0.2, crashFraction: 0.3, crashRound: 1, maxRounds: 40 }],
  ['complete, stubborn agents', { n: 3000, fanout: 3, stubbornFraction: 0.05, maxRounds: 30 }],
  ['random regular graph', { n: 3000, fanout: 3, topology: 'regular', degree: 6 }],
  ['random regular graph, loss, crashes and stubborn agents', { n: 3000, fanout: 4, topology: 'regular', degree: 8, lossRate: 0.2, crashFraction: 0.1, crashRound: 2, stubbornFraction: 0.02, maxRounds: 40 }],
  ['ring', { n: 1000, fanout: 2, topology: 'ring', degree: 4, maxRounds: 30 }],
  ['Erdos-Renyi graph, fanout above some degrees', { n: 2000, fanout: 6, topology: 'er', degree: 5 }],
  ['Watts-Strogatz graph, crashes', { n: 2000, fanout: 3, topology: 'ws', degree: 6, crashFraction: 0.1 }],
];

describe('the seed majority as a rule', () => {
  for (const [name, params] of CASES) {
    it(`gives the built-in kernel's trials: ${name}`, () => {
      for (const seed of [1, 2, 3]) {
        const built = runTrial({ ...params, recordAgreement: true }, seed);
        const asRule = runTrial({ ...params, recordAgreement: true, rule: majorityRule }, seed);
        expect(asRule).toEqual(built);
      }
    });
  }

  it('3-majority as a rule (contacts with replacement) gives the built-in 3-majority trials', () => {
    for (const params of [{ n: 3000, fanout: 1 }, { n: 3000, fanout: 1, lossRate: 0.2, crashFraction: 0.1 }, { n: 2000, fanout: 1, topology: 'regular', degree: 4 }] as TrialParams[]) {
      for (const seed of [1, 2]) {
        const built = runTrial({ ...params, protocol: '3-majority', recordAgreement: true }, seed);
        expect(runTrial({ ...params, recordAgreement: true, rule: threeMajorityRule }, seed)).toEqual(built);
      }
    }
  });
});

describe('rules on the worker pool', () => {
  it('gives the built-in trials on 1 and 2 threads, the rule imported by each worker from its file', async () => {
    const cases: TrialParams[] = [
      { n: 2000, fanout: 3 },
      { n: 2000, fanout: 3, topology: 'regular', degree: 6 },
      { n: 2000, fanout: 3, lossRate: 0.2 },
      { n: 2000, fanout: 3, crashFraction: 0.2, crashRound: 1 },
      { n: 2000, fanout: 3, stubbornFraction: 0.05, maxRounds: 30 },
    ];
    registerRule(majorityRule);
    const jobs = (rule: boolean) =>
      cases.map((c) => {
        const point = resolvePoint(rule ? { ...c, rule: 'majority-rule' } : c);
        return { params: point.params, seedBase: `test|rule|${JSON.stringify(c)}`, trials: 6 };
      });
    const built = await runPool(jobs(false), { threads: 1 });
    const userFiles = [{ kind: 'rule' as const, path: FIXTURE, sha256: '' }];
    for (const threads of [1, 2]) {
      const asRule = await runPool(jobs(true), { threads, batchNs: 1, workerData: { userFiles } });
      expect(asRule).toEqual(built);
    }
    expect(built[0]!.rows.length).toBe(6 * ROW_WIDTH);
  });
});

describe('bad rules', () => {
  const base: RuleDeclaration = { name: 'r', opinions: 2, contacts: { kind: 'distinct' }, update: (own) => own };
  const bad: [string, Record<string, unknown>][] = [
    ['name', { name: 'Bad Name' }],
    ['opinions', { opinions: 1 }],
    ['opinions', { opinions: 256 }],
    ['contacts', { contacts: { kind: 'push' } }],
    ['contacts.fanout', { contacts: { kind: 'distinct', fanout: 0 } }],
    ['contacts.count', { contacts: { kind: 'with-replacement', count: 1.5 } }],
    ['contacts.extra', { contacts: { kind: 'distinct', extra: 1 } }],
    ['update', { update: 3 }],
    ['colour', { colour: 'red' }],
  ];
  for (const [key, change] of bad) {
    it(`rejects a declaration with a bad ${key}`, () => {
      expect(() => defineRule({ ...base, ...change } as unknown as RuleDeclaration)).toThrow(RuleError);
      try {
        defineRule({ ...base, ...change } as unknown as RuleDeclaration);
      } catch (error) {
        expect((error as RuleError).key).toBe(key);
      }
    });
  }

  it('names the rule, the inputs, the agent and the round when update throws', () => {
    const thrower = defineRule({ ...base, name: 'thrower', update: (own, _a, count) => { if (count > 1) throw new Error('boom'); return own; } });
    const error = (() => {
      try {
        runTrial({ n: 100, fanout: 3, rule: thrower }, 7);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(RuleUpdateError);
    const e = error as RuleUpdateError;
    expect(e.rule).toBe('thrower');
    expect(e.agent).toBe(0);
    expect(e.round).toBe(1);
    expect(e.answers.length).toBe(3);
    expect(e.message).toMatch(/^rule "thrower": update\(own=[01], answers=\[[01], [01], [01]\], count=3\) threw Error: boom \(agent 0, round 1\)$/);
  });

  it('rejects a state out of range, or not an integer', () => {
    for (const v of [2, -1, 0.5, Number.NaN]) {
      const rule = defineRule({ ...base, name: 'out-of-range', update: () => v });
      expect(() => runTrial({ n: 50, fanout: 2, rule }, 1)).toThrow(/returned .* not a state from 0 to 1/);
    }
  });

  it('refuses a start with more opinions than the rule has, and a protocol beside a rule', () => {
    expect(() => planTrial({ n: 30, fanout: 2, counts: [10, 10, 10], rule: defineRule(base) })).toThrow(/rule must be a rule with at least the start's 3 opinions/);
    expect(() => planTrial({ n: 30, fanout: 2, protocol: 'majority', rule: defineRule(base) })).toThrow(/protocol must be absent with a rule/);
    expect(() => planTrial({ n: 30, fanout: 2, rule: 'no-such-rule' })).toThrow(/rule must be a rule made by defineRule/);
  });

  it('fails the pool with the seed of the first bad trial', async () => {
    const point = resolvePoint({ n: 50, fanout: 2, rule: throwingRule });
    const run = runPool([{ params: point.params, seedBase: 'x', trials: 2 }], { threads: 1, workerData: { userFiles: [{ kind: 'rule', path: FIXTURE, sha256: '' }] } });
    const error = await run.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TrialFailedError);
    const e = error as TrialFailedError;
    expect(e.seed).not.toBeNull();
    expect(e.trial).toBe(0);
    expect(e.workerMessage).toMatch(/^RuleUpdateError: rule "throwing-rule": update\(own=[01], answers=\[[01], [01]\], count=2\) threw Error: two answers/);
    expect(e.message).toContain(`(seed ${e.seed})`);
  });
});

describe('rule streams', () => {
  const coin = defineRule({ name: 'coin', opinions: 2, contacts: { kind: 'distinct', fanout: 1 }, update: (_own, _a, _c, random) => (random() < 0.5 ? 0 : 1) });
  beforeAll(() => registerRule(coin));
  afterAll(() => unregisterRule('coin'));

  it('draws random() from its own stream: same seed, same trial; another seed, another', () => {
    const plan = planTrial({ n: 500, fanout: 1, rule: 'coin', maxRounds: 5, recordAgreement: true });
    expect(runPlan(plan, 1)).toEqual(runPlan(plan, 1));
    expect(runPlan(plan, 1).agreement).not.toEqual(runPlan(plan, 2).agreement);
  });

  it('names the rule in the point key, in place of the protocol', () => {
    expect(resolvePoint({ n: 100, fanout: 3, rule: 'coin' }).key).toBe('n=100;fanout=1;threshold=0.95;maxRounds=100;start=split;split=0.7;crashFraction=0;rule=coin');
    expect(resolvePoint({ n: 100, fanout: 3 }).key).toBe('n=100;fanout=3;threshold=0.95;maxRounds=100;start=split;split=0.7;crashFraction=0;protocol=majority');
  });
});

describe('rules in claims and throughput suites', () => {
  it('claim filters select the points of a rule, and a rule point matches no protocol', () => {
    const withRule = resolvePoint({ n: 100, fanout: 3, rule: majorityRule }).params;
    const without = resolvePoint({ n: 100, fanout: 3 }).params;
    expect(matches(withRule, { rule: 'majority-rule' })).toBe(true);
    expect(matches(without, { rule: 'majority-rule' })).toBe(false);
    expect(matches(withRule, { protocol: 'majority' })).toBe(false);
    expect(matches(without, { protocol: 'majority' })).toBe(true);
    expect(() => validateClaim({ kind: 'bound', id: 'x', description: 'x', metric: 'rounds', comparator: '<', value: 3, at: { rule: 3 } }, 'claims[0]')).toThrow(/claims\[0\]\.at\.rule/);
  });

  it('a throughput suite refuses a rule (it times the built-in kernels)', () => {
    const suite = { name: 't', kind: 'throughput' as const, description: 'x', grid: { n: 1000, fanout: 3, rule: majorityRule }, trials: 1, claims: [] };
    expect(() => planThroughput([{ suite, mode: 'default' }])).toThrow(SuiteError);
  });
});
