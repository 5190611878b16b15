// The few words that name a point's parameters beyond the seed's in the console tables.
import { describe, expect, it } from 'vitest';
import { planTrial } from '../../src/engine/index.ts';
import { extraLabel } from '../../src/engine/label.ts';

describe('extraLabel', () => {
  it('is empty for a seed-style point', () => {
    expect(extraLabel(planTrial({ n: 100, fanout: 3 }))).toBe('');
  });

  it('names every fault, crashes for good included', () => {
    expect(extraLabel(planTrial({ n: 100, fanout: 3, crashFraction: 0.3, crashRound: 1 }))).toBe('crash 0.3@1');
    expect(extraLabel(planTrial({ n: 100, fanout: 3, crashFraction: 0.3, crashRound: 1, crashRecovery: 3 }))).toBe('crash 0.3@1 recovery 3');
    expect(extraLabel(planTrial({ n: 100, fanout: 3, lossRate: 0.2, stubbornFraction: 0.1 }))).toBe('loss 0.2 stubborn 0.1 of 1');
  });

  it('names the protocol, plurality start and topology', () => {
    expect(extraLabel(planTrial({ n: 100, fanout: 3, protocol: '2-choices', start: 'plurality', opinions: 4 }))).toBe('2-choices 4 opinions bias 0.1');
    expect(extraLabel(planTrial({ n: 100, fanout: 3, topology: 'ws', degree: 8, rewire: 0.2 }))).toBe('ws degree 8 rewire 0.2');
    expect(extraLabel(planTrial({ n: 100, fanout: 3, topology: 'torus' }))).toBe('torus');
  });
});
