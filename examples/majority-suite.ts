// The seed's table run on the seed's majority written as a rule (load the rule with --rule):
//   gossip-bench bench --rule majority-rule.ts --suite-file majority-suite.ts
// Claims: two lines of the seed's table, as the built-in suite seed-claims checks them.
import { defineSuite } from 'gossip-bench';

const common = { split: 0.7, threshold: 0.95, maxRounds: 50, rule: 'seed-majority' } as const;

export default defineSuite({
  name: 'majority-as-rule',
  description: "The seed's table, (n 10, fanout 3) and (n 100, fanout 5), on the seed's majority written as a rule.",
  grid: [
    { n: 10, fanout: 3, ...common },
    { n: 100, fanout: 5, ...common },
  ],
  trials: 300,
  claims: [
    { kind: 'bound', id: 'rule-messages-n10', description: 'n = 10, fanout 3: ~90 messages (seed table)', metric: 'messages', comparator: '~', value: 90, at: { n: 10 } },
    { kind: 'bound', id: 'rule-rounds-n100', description: 'n = 100, fanout 5: < 7 rounds (seed table)', metric: 'rounds', comparator: '<', value: 7, at: { n: 100 } },
  ],
});
