// Whole trials at n = 1e3: the agent and count engines give the same distribution of rounds,
// messages, convergence and early agreement, for every protocol and fault the count engine runs.
import { describe, it } from 'vitest';
import { AGREE_CASES, expectEnginesAgree } from './agree.ts';

describe('agent and count engines agree at n = 1e3', () => {
  for (const { name, params, trials } of AGREE_CASES) {
    it(name, () => expectEnginesAgree({ n: 1000, ...params }, trials[0]), 120_000);
  }
});
