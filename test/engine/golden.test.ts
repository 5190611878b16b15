// Pinned outputs for fixed seeds: any change to the random streams, the sampler, the kernels or
// the layout of opinions shows here. Update the pins only for a deliberate, documented change.
import { describe, expect, it } from 'vitest';
import { runTrial, type TrialParams } from '../../src/engine/index.ts';

/** A compact fingerprint of a trial: rounds, messages, winner and the agreement history. */
function fingerprint(params: TrialParams, seed: number): string {
  const r = runTrial({ ...params, recordAgreement: true }, seed);
  return `${r.rounds}/${r.messages}/${r.winner ?? '-'}/${r.live}/${[...r.agreement!].map((a) => a.toFixed(6)).join(',')}`;
}

const CASES: [string, TrialParams, number][] = [
  ['seed table n=10', { n: 10, fanout: 3, split: 0.7, maxRounds: 50 }, 1],
  ['seed table n=100', { n: 100, fanout: 5, split: 0.7, maxRounds: 50 }, 2],
  ['near-balanced 1e4', { n: 10_000, fanout: 3, start: 'near-balanced', maxRounds: 200 }, 3],
  ['two blocks, unanimity', { n: 100_000, fanout: 5, split: 0.6, threshold: 1 }, 4],
  ['crashes', { n: 5000, fanout: 4, split: 0.65, crashFraction: 0.2, crashRound: 1, threshold: 0.99 }, 5],
  ['three opinions', { n: 3000, fanout: 5, counts: [1200, 1000, 800] }, 6],
  ['shuffle sampler', { n: 30, fanout: 20, split: 0.6 }, 7],
  ['fanout 12 (general kernel)', { n: 2000, fanout: 12, split: 0.55 }, 8],
];

describe('golden trials', () => {
  it('match their pinned fingerprints', () => {
    const got = Object.fromEntries(CASES.map(([name, p, seed]) => [name, fingerprint(p, seed)]));
    expect(got).toMatchInlineSnapshot(`
      {
        "crashes": "4/68000/0/4000/0.764600,0.881500,0.972750,0.997750",
        "fanout 12 (general kernel)": "3/72000/0/2000/0.642000,0.854000,0.999000",
        "near-balanced 1e4": "12/360000/0/10000/0.511500,0.518900,0.523200,0.534600,0.558400,0.590000,0.628000,0.686100,0.768900,0.863000,0.948300,0.992200",
        "seed table n=10": "3/90/0/10/0.700000,0.900000,1.000000",
        "seed table n=100": "2/1000/0/100/0.820000,0.960000",
        "shuffle sampler": "2/1200/0/30/0.866667,1.000000",
        "three opinions": "5/75000/0/3000/0.460333,0.567667,0.730333,0.911667,0.994667",
        "two blocks, unanimity": "5/2500000/0/100000/0.682700,0.813000,0.951590,0.998930,1.000000",
      }
    `);
  });
});
