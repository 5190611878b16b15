// The seed's majority written as a rule against the public API: each agent looks at its own
// opinion and those of `fanout` distinct peers and adopts the most frequent, ties to the first
// in [own, ...answers]. Through the generic kernel it gives the very trials of the built-in
// `protocol: 'majority'` (same seeds, same rounds, messages and winners).
import { defineRule } from 'gossip-bench';

const tally = new Int32Array(256);

export const seedMajority = defineRule({
  name: 'seed-majority',
  description: "the seed's majority: own opinion plus fanout distinct peers, most frequent wins",
  opinions: 255,
  contacts: { kind: 'distinct' },
  update(own, answers, count) {
    tally[own]++;
    for (let j = 0; j < count; j++) tally[answers[j]]++;
    let best = own;
    for (let j = 0; j < count; j++) if (tally[answers[j]] > tally[best]) best = answers[j];
    tally[own] = 0;
    for (let j = 0; j < count; j++) tally[answers[j]] = 0;
    return best;
  },
});
