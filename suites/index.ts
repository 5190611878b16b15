// The suite registry: every suite in listing order, and the default set `npm run bench` runs.
import type { RunEntry, Suite } from '../src/harness/suite.ts';
import extreme from './extreme.ts';
import deployed from './deployed.ts';
import fanout from './fanout.ts';
import faults from './faults.ts';
import plurality from './plurality.ts';
import rumor from './rumor.ts';
import scaling from './scaling.ts';
import seedClaims from './seed-claims.ts';
import smoke from './smoke.ts';
import thresholds from './thresholds.ts';
import throughput from './throughput.ts';
import topology from './topology.ts';

/** Every suite, in the order `--list` shows them. Validated by the CLI when loaded. */
export const suites: readonly Suite[] = [smoke, seedClaims, scaling, fanout, thresholds, throughput, rumor, plurality, faults, topology, extreme, deployed];

/**
 * What `npm run bench` runs with no --suite, about a minute on 2 cores: the seed's claims in
 * full, smoke, fanout and thresholds, the scaling grid up to n = 1e6 with 30 trials a point
 * (its n = 1e6 trials take most of the time), the count engine's extreme suite (n to 1e15, about
 * 10 s), and the quick throughput suite. `--quick` / `--full` replace every entry's variant
 * and trials; `--trials` replaces every entry's trials.
 */
export const defaultRun: readonly RunEntry[] = [
  { suite: 'seed-claims', mode: 'default' },
  { suite: 'smoke', mode: 'default' },
  { suite: 'fanout', mode: 'default' },
  { suite: 'thresholds', mode: 'default' },
  { suite: 'scaling', mode: 'default', trials: 30 },
  { suite: 'extreme', mode: 'default' },
  { suite: 'throughput', mode: 'quick' },
];
