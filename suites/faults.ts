// Suite `faults`: majority consensus at n = 1e4 from a 0.7 split under one fault at a time: lost
// contacts, crashes (for good or for 3 rounds) and stubborn minority agents. A list of records,
// one per fault, so the faults are swept apart rather than as a product.
import type { Suite } from '../src/harness/suite.ts';

const common = { n: 1e4, fanout: 5, split: 0.7, threshold: 0.95, maxRounds: 100 } as const;

export default {
  name: 'faults',
  description:
    'n = 1e4, fanout 5, split 0.7, one fault at a time: loss 0 .. 0.8; crash 0.1 .. 0.5 after round 1, for good or for 3 rounds; ' +
    'stubborn agents 0.05 .. 0.3 holding the minority opinion 1 (at 0.1 and 0.2 the network stalls short of 95% until max_rounds; at 0.3, every minority agent, the minority wins).',
  grid: [
    { ...common, lossRate: [0, 0.2, 0.4, 0.6, 0.8] },
    { ...common, crashFraction: [0, 0.1, 0.3, 0.5], crashRound: 1, crashRecovery: [0, 3] },
    { ...common, stubbornFraction: [0, 0.05, 0.1, 0.2, 0.3] },
  ],
  trials: 100,
  quick: { trials: 20 },
  claims: [],
} satisfies Suite;
