// The voter model: each agent asks one random peer and adopts its opinion. Opinion 0 wins with
// probability equal to its initial share (the count of 0s is a martingale), slowly: consensus
// takes on the order of n rounds on the complete graph.
//   gossip-bench bench --suite-file voter.ts
import { defineRule, defineSuite } from 'gossip-bench';

export const voter = defineRule({
  name: 'voter',
  description: 'adopt the opinion of one random peer',
  opinions: 2,
  contacts: { kind: 'distinct', fanout: 1 },
  update: (own, answers, count) => (count > 0 ? answers[0] : own),
});

export default defineSuite({
  name: 'voter',
  description: 'The voter model from a 0.7 split, n = 50 .. 200, to unanimity.',
  grid: { n: [50, 100, 200], fanout: 1, split: 0.7, threshold: 1, maxRounds: 20_000, rule: voter },
  trials: 200,
  claims: [
    {
      kind: 'bound',
      id: 'voter-martingale',
      description: 'opinion 0 wins with probability its initial share, 0.7 (voter model martingale)',
      metric: 'winner0',
      comparator: '~',
      value: 0.7,
      tolerance: 0.15,
      at: { n: 100 },
    },
    { kind: 'complexity', id: 'voter-linear', description: 'rounds to unanimity grow linearly in n', metric: 'rounds', claimed: 'n' },
  ],
});
