// Suite `seed-claims`: the seed's performance table (n = 10, 50, 100 from a 70/30 split), three
// points that are not a cartesian product, so the grid is a list of records.
import type { Suite } from '../src/harness/suite.ts';

const common = { split: 0.7, threshold: 0.95, maxRounds: 50 } as const;

export default {
  name: 'seed-claims',
  description: "The seed's table: (n 10, fanout 3), (n 50, fanout 5), (n 100, fanout 5); split 0.7, threshold 0.95.",
  grid: [
    { n: 10, fanout: 3, ...common },
    { n: 50, fanout: 5, ...common },
    { n: 100, fanout: 5, ...common },
  ],
  trials: 2000,
  quick: { trials: 200 },
  // The seed's table, as bound claims: rounds with `<` (held by >= 95% of trials), messages
  // with `~` (mean within +-25%).
  claims: [
    { kind: 'bound', id: 'seed-rounds-n10', description: 'n = 10, fanout 3: < 3 rounds (seed table)', metric: 'rounds', comparator: '<', value: 3, at: { n: 10, fanout: 3 } },
    { kind: 'bound', id: 'seed-messages-n10', description: 'n = 10, fanout 3: ~90 messages (seed table)', metric: 'messages', comparator: '~', value: 90, at: { n: 10, fanout: 3 } },
    { kind: 'bound', id: 'seed-rounds-n50', description: 'n = 50, fanout 5: < 5 rounds (seed table)', metric: 'rounds', comparator: '<', value: 5, at: { n: 50, fanout: 5 } },
    { kind: 'bound', id: 'seed-messages-n50', description: 'n = 50, fanout 5: ~1,250 messages (seed table)', metric: 'messages', comparator: '~', value: 1250, at: { n: 50, fanout: 5 } },
    { kind: 'bound', id: 'seed-rounds-n100', description: 'n = 100, fanout 5: < 7 rounds (seed table)', metric: 'rounds', comparator: '<', value: 7, at: { n: 100, fanout: 5 } },
    { kind: 'bound', id: 'seed-messages-n100', description: 'n = 100, fanout 5: ~3,500 messages (seed table)', metric: 'messages', comparator: '~', value: 3500, at: { n: 100, fanout: 5 } },
  ],
} satisfies Suite;
