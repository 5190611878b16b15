// Pinned outputs: each generator's arrays for a fixed seed, as an FNV-1a hash. A change here
// means the graphs (and so every result computed on them) changed: bump it only on purpose.
import { describe, expect, it } from 'vitest';
import { trialKey } from '../../../src/engine/rng.ts';
import {
  barabasiAlbert,
  erdosRenyi,
  randomRegular,
  ring,
  topologyState,
  torus,
  wattsStrogatz,
  type Topology,
} from '../../../src/engine/topology/index.ts';

/** FNV-1a over the 32-bit words of offsets then targets. */
function fnv(t: Topology): string {
  let h = 0x811c9dc5;
  for (const a of [t.offsets, t.targets]) {
    for (let i = 0; i < a.length; i++) {
      h ^= a[i]!;
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const stream = (): Int32Array => topologyState(trialKey('pin'));

describe('pinned topologies (seed "pin")', () => {
  it('ring(1000, 3) and torus(1024)', () => {
    expect(fnv(ring(1000, 3))).toBe('7287dd6f');
    expect(fnv(torus(1024))).toBe('d05a5d1f');
  });

  it('randomRegular(8, 3) exactly, and (1000, 5) by hash', () => {
    expect(Array.from(randomRegular(8, 3, stream()).targets).join(',')).toBe('4,7,5,3,6,5,7,3,4,1,6,2,2,0,6,0,1,7,1,3,4,5,2,0');
    expect(fnv(randomRegular(1000, 5, stream()))).toBe('07d69b4f');
  });

  it('erdosRenyi(1000, 7.5), wattsStrogatz(1000, 3, 0.25), barabasiAlbert(1000, 3)', () => {
    expect(fnv(erdosRenyi(1000, 7.5, stream()))).toBe('9a7bd2af');
    expect(fnv(wattsStrogatz(1000, 3, 0.25, stream()))).toBe('8804bc8f');
    expect(fnv(barabasiAlbert(1000, 3, stream()))).toBe('eb36185d');
  });
});
