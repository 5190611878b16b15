// Tests for the seed's API: the decision rule, determinism, message counts, vote formats,
// many-valued opinions, typed errors on bad options, and the seed's two examples.
import { describe, expect, it } from 'vitest';
import { runTrial } from '../../src/engine/index.ts';
import { GossipProtocol, ParameterError, type Proposal, type ProposalResult } from '../../src/api/index.ts';

/** Votes of agents `agent-0..`, in the order given: `[['for', 7], ['against', 3]]` -> 7 then 3. */
function votes(groups: ReadonlyArray<readonly [string, number]>): Record<string, string> {
  const v: Record<string, string> = {};
  let i = 0;
  for (const [opinion, count] of groups) for (let j = 0; j < count; j++) v[`agent-${i++}`] = opinion;
  return v;
}

/** Calls `fn` and returns the ParameterError it throws (failing the test if it throws nothing else). */
function parameterErrorOf(fn: () => unknown): ParameterError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    return e as ParameterError;
  }
  throw new Error('expected a ParameterError');
}

const seedExample1 = {
  options: { fanout: 3, rounds: 5, convergenceThreshold: 0.95 },
  proposal: { proposalId: 'deploy-v2', votes: votes([['for', 7], ['against', 3]]), threshold: 0.66 },
};
const seedExample2 = {
  options: { fanout: 5, rounds: 10, convergenceThreshold: 0.95 },
  proposal: { proposalId: 'scale-test', votes: votes([['for', 70], ['against', 30]]) },
};

describe('decision rule', () => {
  const gossip = new GossipProtocol({ fanout: 3, rounds: 5 });

  it('approves a unanimous "for" vote in one round', () => {
    const r = gossip.propose({ proposalId: 'p', votes: votes([['for', 20]]) });
    expect(r.decision).toBe('approved');
    expect(r.value).toBe('for');
    expect(r.metadata.converged).toBe(true);
    expect(r.metadata.roundsExecuted).toBe(1);
    expect(r.metadata.agreement).toBe(1);
  });

  it('rejects a unanimous "against" vote', () => {
    const r = gossip.propose({ proposalId: 'p', votes: votes([['against', 20]]) });
    expect(r.decision).toBe('rejected');
    expect(r.value).toBe('against');
    expect(r.metadata.converged).toBe(true);
  });

  it('rejects convergence on "for" below the proposal threshold', () => {
    // Convergence at 60% after one round, but the proposal asks for unanimity.
    const loose = new GossipProtocol({ fanout: 3, rounds: 1, convergenceThreshold: 0.6, seed: 7 });
    const r = loose.propose({ proposalId: 'p', votes: votes([['for', 70], ['against', 30]]), threshold: 1 });
    expect(r.metadata.converged).toBe(true);
    expect(r.value).toBe('for');
    expect(r.metadata.agreement).toBeLessThan(1);
    expect(r.decision).toBe('rejected');
    // The same run with the default proposal threshold (0): convergence alone decides.
    const lenient = loose.propose({ proposalId: 'p', votes: votes([['for', 70], ['against', 30]]) });
    expect(lenient.metadata).toEqual(r.metadata);
    expect(lenient.decision).toBe('approved');
  });

  it('gives no-consensus when the round limit comes first', () => {
    const strict = new GossipProtocol({ fanout: 3, rounds: 1, convergenceThreshold: 1, seed: 42 });
    const r = strict.propose({ proposalId: 'p', votes: votes([['for', 50], ['against', 50]]) });
    expect(r.decision).toBe('no-consensus');
    expect(r.value).toBeNull();
    expect(r.metadata.converged).toBe(false);
    expect(r.metadata.roundsExecuted).toBe(1);
    expect(r.metadata.agreement).toBeLessThan(1);
  });

  it('approves on a custom approveValue', () => {
    const yes = new GossipProtocol({ fanout: 3, rounds: 5, approveValue: 'yes' });
    expect(yes.propose({ proposalId: 'p', votes: votes([['yes', 10]]) }).decision).toBe('approved');
    expect(yes.propose({ proposalId: 'p', votes: votes([['for', 10]]) }).decision).toBe('rejected');
  });
});

describe('determinism and seeds', () => {
  it('gives the same result for the same proposal', () => {
    const a = new GossipProtocol(seedExample1.options).propose(seedExample1.proposal);
    const b = new GossipProtocol(seedExample1.options).propose(seedExample1.proposal);
    expect(b).toEqual(a);
    expect(a.metadata.seed).toBe('deploy-v2');
  });

  it('is the engine trial on the vote counts, seeded with the proposalId', () => {
    const r = new GossipProtocol(seedExample1.options).propose(seedExample1.proposal);
    const t = runTrial({ n: 10, fanout: 3, threshold: 0.95, maxRounds: 5, start: 'counts', counts: [7, 3] }, 'deploy-v2');
    expect(r.metadata.roundsExecuted).toBe(t.rounds);
    expect(r.metadata.messages).toBe(t.messages);
    expect(r.metadata.agreement).toBe(t.finalAgreement);
    expect(r.metadata.converged).toBe(t.converged);
    expect(r.value).toBe(t.winner === null ? null : ['for', 'against'][t.winner]);
  });

  it('uses the constructor seed when given, and different seeds can differ', () => {
    const results: ProposalResult[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const r = new GossipProtocol({ ...seedExample1.options, seed }).propose(seedExample1.proposal);
      expect(r.metadata.seed).toBe(seed);
      results.push(r);
    }
    const distinct = new Set(results.map((r) => JSON.stringify(r.metadata)));
    expect(distinct.size).toBeGreaterThan(1);
  });
});

describe('metadata', () => {
  it('counts messages as roundsExecuted * agents * min(fanout, agents - 1)', () => {
    const cases = [
      { fanout: 3, agents: 10 },
      { fanout: 5, agents: 100 },
      { fanout: 20, agents: 6 },
      { fanout: 1, agents: 2 },
    ];
    for (const { fanout, agents } of cases) {
      for (let seed = 0; seed < 5; seed++) {
        const g = new GossipProtocol({ fanout, rounds: 10, seed });
        const half = Math.ceil(agents / 2);
        const r = g.propose({ proposalId: 'm', votes: votes([['for', half], ['against', agents - half]]) });
        expect(r.metadata.agents).toBe(agents);
        expect(r.metadata.fanout).toBe(fanout);
        expect(r.metadata.messages).toBe(r.metadata.roundsExecuted * agents * Math.min(fanout, agents - 1));
      }
    }
  });
});

describe('votes', () => {
  it('gives the same result for a Map and a plain object', () => {
    const obj = votes([['for', 30], ['against', 25]]);
    const map = new Map(Object.entries(obj));
    const g = new GossipProtocol({ fanout: 4, rounds: 10 });
    for (const id of ['a', 'b', 'c']) {
      expect(g.propose({ proposalId: id, votes: map })).toEqual(g.propose({ proposalId: id, votes: obj }));
    }
  });

  it('handles three opinion strings', () => {
    const g = new GossipProtocol({ fanout: 5, rounds: 30, approveValue: 'red' });
    const proposal: Proposal = { proposalId: 'colours', votes: votes([['red', 60], ['green', 25], ['blue', 15]]) };
    const seen = new Set<string | null>();
    for (let seed = 0; seed < 10; seed++) {
      const r = new GossipProtocol({ fanout: 5, rounds: 30, approveValue: 'red', seed }).propose(proposal);
      expect(['red', 'green', 'blue', null]).toContain(r.value);
      if (r.value === 'red') expect(r.decision).toBe('approved');
      else if (r.value !== null) expect(r.decision).toBe('rejected');
      seen.add(r.value);
    }
    expect(seen.has('red')).toBe(true);
    const r = g.propose(proposal);
    expect(r.metadata.messages).toBe(r.metadata.roundsExecuted * 100 * 5);
  });

  it('maps opinions in order of first appearance', () => {
    // 'against' first: engine id 0 is 'against', so the trial is the one on counts [3, 7].
    const v = { z: 'against', a: 'for', b: 'for', c: 'against', d: 'for', e: 'for', f: 'for', g: 'for', h: 'for', i: 'against' };
    const r = new GossipProtocol({ fanout: 3, rounds: 5 }).propose({ proposalId: 'order', votes: v });
    const t = runTrial({ n: 10, fanout: 3, threshold: 0.95, maxRounds: 5, counts: [3, 7] }, 'order');
    expect(r.metadata.roundsExecuted).toBe(t.rounds);
    expect(r.value).toBe(t.winner === null ? null : ['against', 'for'][t.winner]);
  });
});

describe('bad options and proposals throw ParameterError', () => {
  const ok = { fanout: 3, rounds: 5 };
  const good = votes([['for', 5], ['against', 5]]);

  it.each([
    ['fanout', { ...ok, fanout: 0 }],
    ['fanout', { ...ok, fanout: 2.5 }],
    ['rounds', { ...ok, rounds: 0 }],
    ['convergenceThreshold', { ...ok, convergenceThreshold: 1.5 }],
    ['convergenceThreshold', { ...ok, convergenceThreshold: 0 }],
    ['convergenceThreshold', { ...ok, convergenceThreshold: Number.NaN }],
    ['seed', { ...ok, seed: Number.POSITIVE_INFINITY }],
  ])('rejects a bad %s', (parameter, options) => {
    expect(parameterErrorOf(() => new GossipProtocol(options)).parameter).toBe(parameter);
  });

  const g = new GossipProtocol(ok);

  it('rejects fewer than 2 agents', () => {
    expect(parameterErrorOf(() => g.propose({ proposalId: 'p', votes: { solo: 'for' } })).parameter).toBe('votes');
    expect(parameterErrorOf(() => g.propose({ proposalId: 'p', votes: new Map() })).parameter).toBe('votes');
  });

  it('rejects 256 distinct opinions and accepts 255', () => {
    const many = (k: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: k }, (_, i) => [`agent-${i}`, `opinion-${i}`]));
    expect(parameterErrorOf(() => g.propose({ proposalId: 'p', votes: many(256) })).parameter).toBe('votes');
    expect(g.propose({ proposalId: 'p', votes: many(255) }).metadata.agents).toBe(255);
  });

  it('rejects a bad proposal threshold, proposalId or opinion', () => {
    expect(parameterErrorOf(() => g.propose({ proposalId: 'p', votes: good, threshold: 0 })).parameter).toBe('threshold');
    expect(parameterErrorOf(() => g.propose({ proposalId: 'p', votes: good, threshold: 1.5 })).parameter).toBe('threshold');
    expect(parameterErrorOf(() => g.propose({ proposalId: '', votes: good })).parameter).toBe('proposalId');
    const bad = { ...good, 'agent-x': 3 } as unknown as Record<string, string>;
    expect(parameterErrorOf(() => g.propose({ proposalId: 'p', votes: bad })).parameter).toBe('votes["agent-x"]');
  });
});

describe("the seed's examples", () => {
  it.each([
    ['10 agents, fanout 3', seedExample1],
    ['100 agents, fanout 5', seedExample2],
  ])('%s runs and decides', (_name, { options, proposal }) => {
    const r = new GossipProtocol(options).propose(proposal);
    expect(['approved', 'rejected', 'no-consensus']).toContain(r.decision);
    expect(r.proposalId).toBe(proposal.proposalId);
    expect(r.metadata.roundsExecuted).toBeGreaterThanOrEqual(1);
    expect(r.metadata.roundsExecuted).toBeLessThanOrEqual(options.rounds);
  });
});
