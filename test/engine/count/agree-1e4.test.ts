// Whole trials at n = 1e4: the agent and count engines agree (see agree.ts). Three points by
// default (the agent engine's trials cost ~100x those at 1e3); every protocol and fault with
// GOSSIP_RELIABILITY_FULL=1.
import { describe, it } from 'vitest';
import { AGREE_CASES, expectEnginesAgree, FULL } from './agree.ts';

const DEFAULT = new Set(['majority k = 3, 70/30 to unanimity', '2-choices', 'majority, crash 0.5 for 2 rounds']);

describe('agent and count engines agree at n = 1e4', () => {
  for (const { name, params, trials } of AGREE_CASES) {
    if (!FULL && !DEFAULT.has(name)) continue;
    it(name, () => expectEnginesAgree({ n: 10_000, ...params }, trials[1]), 600_000);
  }
});
