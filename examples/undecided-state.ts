// Undecided-state dynamics (Angluin, Aspnes and Eisenstat 2008, "A simple population protocol
// for fast robust approximate majority"), in rounds of pulls: an agent asks one random peer; a
// decided agent that hears the other opinion becomes undecided (state 2), an undecided agent
// adopts any opinion it hears. From a clear majority the majority wins in O(log n) rounds.
//   gossip-bench bench --suite-file undecided-state.ts
import { defineRule, defineSuite } from 'gossip-bench';

const UNDECIDED = 2;

export const undecidedState = defineRule({
  name: 'undecided-state',
  description: 'pull one peer: clash -> undecided, undecided -> adopt',
  opinions: 3,
  contacts: { kind: 'distinct', fanout: 1 },
  update(own, answers, count) {
    if (count === 0) return own;
    const heard = answers[0];
    if (heard === UNDECIDED) return own;
    if (own === UNDECIDED) return heard;
    return heard === own ? own : UNDECIDED;
  },
});

export default defineSuite({
  name: 'undecided-state',
  description: 'Undecided-state dynamics from a 0.7 split, n = 1e3 .. 1e5.',
  grid: { n: [1000, 10_000, 100_000], fanout: 1, split: 0.7, threshold: 0.99, rule: undecidedState },
  trials: 30,
  claims: [
    { kind: 'bound', id: 'usd-majority-wins', description: 'the initial majority wins (Angluin et al. 2008)', metric: 'winner0', comparator: '>=', value: 1, at: { n: 100_000 } },
    { kind: 'complexity', id: 'usd-log-n', description: 'rounds grow as log n (Angluin et al. 2008)', metric: 'rounds', claimed: 'log n' },
  ],
});
