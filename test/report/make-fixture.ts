// Writes the fixture run folder test/fixtures/run-sample/ and test/fixtures/history-sample.csv:
// small, plausible, deterministic data covering every chart. Rounds are drawn around the
// mean-field prediction (flat for a 0.7 split, ~log n from the near-balanced start).
// Usage: node --import tsx test/report/make-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeToString } from '@fast-csv/format';
import seedrandom from 'seedrandom';
import { fitSeries } from '../../src/claims/complexity.ts';
import { meanFieldAgreement, meanFieldRounds } from '../../src/claims/theory.ts';
import { summarize } from '../../src/stats/summary.ts';

const RUN_ID = '20261124T233200Z-ab12cd3';
const out = fileURLToPath(new URL('../fixtures/run-sample/', import.meta.url));
const historyFile = fileURLToPath(new URL('../fixtures/history-sample.csv', import.meta.url));
const rng = seedrandom('run-sample');

/** A standard normal draw (Box-Muller) from the seeded generator. */
function normal(): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** CSV text with a header and a final newline, as the harness writes it (numbers to 12 digits). */
async function csv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): Promise<string> {
  const cell = (v: string | number | boolean | null): string => (v === null ? '' : typeof v === 'number' ? String(+v.toPrecision(12)) : String(v));
  return `${await writeToString([[...header], ...rows.map((r) => r.map(cell))])}\n`;
}

interface Point {
  suite: string;
  point: number;
  n: number;
  fanout: number;
  threshold: number;
  start: 'split' | 'near-balanced';
  split: number;
  maxRounds: number;
  trials: number;
}

/** Share holding opinion 0 at the start, as the engine sets it up. */
function p0(p: Point): number {
  return p.start === 'split' ? p.split : Math.ceil((p.n + Math.sqrt(p.n)) / 2) / p.n;
}

function theoryRounds(p: Point): number | null {
  return meanFieldRounds(p0(p), p.fanout, p.threshold, p.maxRounds);
}

const points: Point[] = [];
const add = (suite: string, trials: number, list: Omit<Point, 'suite' | 'point' | 'trials'>[]): void =>
  list.forEach((q, i) => points.push({ suite, point: i, trials, ...q }));
const scaling: Omit<Point, 'suite' | 'point' | 'trials'>[] = [];
for (const n of [10, 100, 1e3, 1e4, 1e5]) {
  for (const fanout of [3, 5]) {
    for (const start of ['split', 'near-balanced'] as const) scaling.push({ n, fanout, start, split: 0.7, threshold: 0.95, maxRounds: 200 });
  }
}
add('scaling', 10, scaling);
add('seed-claims', 100, [
  { n: 10, fanout: 3, start: 'split', split: 0.7, threshold: 0.95, maxRounds: 50 },
  { n: 50, fanout: 5, start: 'split', split: 0.7, threshold: 0.95, maxRounds: 50 },
  { n: 100, fanout: 5, start: 'split', split: 0.7, threshold: 0.95, maxRounds: 50 },
]);
add('fanout', 10, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((fanout) => ({ n: 1e4, fanout, start: 'split' as const, split: 0.7, threshold: 0.95, maxRounds: 200 })));
add('thresholds', 10, [0.8, 0.85, 0.9, 0.95, 0.99, 1].map((threshold) => ({ n: 1e4, fanout: 5, start: 'split' as const, split: 0.7, threshold, maxRounds: 200 })));

const TRIAL_COLUMNS = ['suite', 'point', 'protocol', 'n', 'fanout', 'threshold', 'start', 'split', 'crash_fraction', 'crash_round', 'max_rounds', 'trial', 'seed', 'rounds', 'converged', 'winner', 'messages', 'final_agreement', 'live'];
const EXTRA_COLUMNS = ['opinions', 'bias', 'loss_rate', 'crash_recovery', 'stubborn_fraction', 'stubborn_opinion', 'topology', 'degree', 'rewire'];
// The dissemination columns (issue 13): empty except in the rows of suite deployed.
const SPREAD_COLUMNS = [
  'feedback', 'removal', 'k', 'retransmit_mult', 'timing', 'interval', 'residue_mean', 'mean_informed_round_mean', 'last_informed_round_mean',
  'seconds_to_99_mean', 'seconds_to_9999_mean', 'seconds_to_all_mean', 'reached_all_rate', 'theory_residue_from_traffic', 'theory_residue_mean_field', 'theory_seconds_to_9999',
];
const SUMMARY_COLUMNS = ['suite', 'point', 'protocol', 'n', 'fanout', 'threshold', 'start', 'split', 'crash_fraction', 'crash_round', 'max_rounds', 'trials', 'converged_rate', 'winner0_rate', 'leader0_rate', 'rounds_mean', 'rounds_sd', 'rounds_ci95_low', 'rounds_ci95_high', 'rounds_p50', 'rounds_p95', 'rounds_max', 'messages_mean', 'messages_per_agent', 'final_agreement_mean', 'theory_rounds', ...EXTRA_COLUMNS, ...SPREAD_COLUMNS];

const trialRows: (string | number | boolean | null)[][] = [];
const summaryRows: (string | number | boolean | null)[][] = [];
const roundsByPoint = new Map<Point, number[]>();
for (const p of points) {
  const theory = theoryRounds(p);
  const t = theory ?? p.maxRounds;
  const spread = 0.45 + 2.5 / Math.sqrt(p.n) + 0.08 * t;
  const rounds: number[] = [];
  let converged = 0;
  let winner0 = 0;
  let messages = 0;
  let agreement = 0;
  for (let i = 0; i < p.trials; i++) {
    // Without a mean-field fixed point to reach (fanout 1 from a split never moves), trials hit max_rounds.
    const r = theory === null ? p.maxRounds : Math.min(p.maxRounds, Math.max(1, Math.round(t + spread * normal())));
    const ok = theory !== null;
    const winner = p.start === 'split' || rng() < 0.8 ? 0 : 1;
    const fin = ok ? p.threshold + (1 - p.threshold) * rng() : p.split + 0.02 * normal();
    rounds.push(r);
    converged += ok ? 1 : 0;
    winner0 += winner === 0 ? 1 : 0;
    messages += r * p.n * p.fanout;
    agreement += fin;
    const seed = Math.floor(rng() * 2 ** 53);
    trialRows.push([p.suite, p.point, 'majority', p.n, p.fanout, p.threshold, p.start, p.split, 0, 0, p.maxRounds, i, seed, r, ok, winner, r * p.n * p.fanout, fin, p.n]);
  }
  roundsByPoint.set(p, rounds);
  const s = summarize(Float64Array.from(rounds));
  const k = p.trials;
  summaryRows.push([
    p.suite, p.point, 'majority', p.n, p.fanout, p.threshold, p.start, p.split, 0, 0, p.maxRounds, k,
    converged / k, winner0 / k, winner0 / k, s.mean, s.sd, s.ci95Low, s.ci95High, s.p50, s.p95, s.max,
    messages / k, messages / k / p.n, agreement / k, theoryRounds(p), ...EXTRA_COLUMNS.map(() => null),
  ]);
}

// The rumor, plurality, faults and topology suites: rows of real quick runs (`bench --quick`,
// plurality at n 1e3 and 1e4), 6 significant digits, a few points of each. Written as they are,
// they draw nothing from the generator, so the rows above stay the same. Rumor has two n only,
// so that the scaling charts (series with >= 3 n) keep their four series.
// Columns: SUMMARY_COLUMNS without point and messages_per_agent (derived below).
const MEASURED_ROWS: (string | number | null)[][] = [
['rumor', 'push', 100, 1, 1, 'source', 0.99, 0, 0, 100, 30, 1, 0, 0, 12.5333, 1.35782, 12.0263, 13.0404, 12, 14.55, 16, 588.233, 1, null, null, null, null, null, null, null, null, null, null],
  ['rumor', 'pull', 100, 1, 1, 'source', 0.99, 0, 0, 100, 30, 1, 0, 0, 9.76667, 1.22287, 9.31004, 10.2233, 10, 12, 12, 662.467, 1, null, null, null, null, null, null, null, null, null, null],
  ['rumor', 'push-pull', 100, 1, 1, 'source', 0.99, 0, 0, 100, 30, 1, 0, 0, 6.46667, 0.507416, 6.27719, 6.65614, 6, 7, 7, 646.667, 1, null, null, null, null, null, null, null, null, null, null],
  ['rumor', 'push', 10000, 1, 1, 'source', 0.9999, 0, 0, 100, 30, 1, 0, 0, 23.8333, 1.53316, 23.2608, 24.4058, 23, 26.55, 28, 104489, 1, null, null, null, null, null, null, null, null, null, null],
  ['rumor', 'pull', 10000, 1, 1, 'source', 0.9999, 0, 0, 100, 30, 1, 0, 0, 17.6333, 1.12903, 17.2117, 18.0549, 18, 19, 21, 135226, 1, null, null, null, null, null, null, null, null, null, null],
  ['rumor', 'push-pull', 10000, 1, 1, 'source', 0.9999, 0, 0, 100, 30, 1, 0, 0, 11.5333, 0.507416, 11.3439, 11.7228, 12, 12, 12, 115333, 1, null, null, null, null, null, null, null, null, null, null],
  ['plurality', 'majority', 1000, 5, 0.95, 'plurality', 0.524, 0, 0, 200, 100, 1, 1, 1, 5.89, 0.617833, 5.76741, 6.01259, 6, 7, 9, 29450, 0.98459, 6, 2, 0.1, null, null, null, null, null, null, null],
  ['plurality', 'majority', 1000, 5, 0.95, 'plurality', 0.109, 0, 0, 200, 100, 1, 0.52, 0.52, 9.68, 2.0245, 9.2783, 10.0817, 9, 14.05, 16, 48400, 0.98682, null, 10, 0.1, null, null, null, null, null, null, null],
  ['plurality', '3-majority', 1000, 5, 0.95, 'plurality', 0.524, 0, 0, 200, 100, 1, 0.97, 0.97, 9.61, 2.26923, 9.15974, 10.0603, 9, 15.05, 18, 28830, 0.97673, 9, 2, 0.1, null, null, null, null, null, null, null],
  ['plurality', '3-majority', 1000, 5, 0.95, 'plurality', 0.109, 0, 0, 200, 100, 1, 0.19, 0.19, 22.76, 4.0405, 21.9583, 23.5617, 22.5, 30, 34, 68280, 0.97701, 31, 10, 0.1, null, null, null, null, null, null, null],
  ['plurality', '2-choices', 1000, 5, 0.95, 'plurality', 0.524, 0, 0, 200, 100, 1, 0.98, 0.98, 9.04, 1.98947, 8.64525, 9.43475, 9, 12, 20, 18080, 0.97605, 9, 2, 0.1, null, null, null, null, null, null, null],
  ['plurality', '2-choices', 1000, 5, 0.95, 'plurality', 0.109, 0, 0, 200, 100, 1, 0.3, 0.3, 29.66, 5.08557, 28.6509, 30.6691, 28.5, 39, 43, 59320, 0.97597, 31, 10, 0.1, null, null, null, null, null, null, null],
  ['plurality', 'majority', 10000, 5, 0.95, 'plurality', 0.5238, 0, 0, 200, 100, 1, 1, 1, 5.95, 0.219043, 5.90654, 5.99346, 6, 6, 6, 297500, 0.991295, 6, 2, 0.1, null, null, null, null, null, null, null],
  ['plurality', 'majority', 10000, 5, 0.95, 'plurality', 0.1089, 0, 0, 200, 100, 1, 1, 1, 9.08, 0.774336, 8.92635, 9.23365, 9, 10, 11, 454000, 0.985921, null, 10, 0.1, null, null, null, null, null, null, null],
  ['faults', 'majority', 10000, 5, 0.95, 'split', 0.7, 0, 0, 100, 20, 1, 1, 1, 2, 0, 2, 2, 2, 2, 2, 100000, 0.9684, 2, null, null, null, null, null, null, null, null, null],
  ['faults', 'majority', 10000, 5, 0.95, 'split', 0.7, 0, 0, 100, 20, 1, 1, 1, 3, 0, 3, 3, 3, 3, 3, 150000, 0.97142, null, null, null, 0.4, null, null, null, null, null, null],
  ['faults', 'majority', 10000, 5, 0.95, 'split', 0.7, 0, 0, 100, 20, 1, 1, 1, 11.9, 0.307794, 11.7559, 12.0441, 12, 12, 12, 595000, 0.956815, null, null, null, 0.8, null, null, null, null, null, null],
  ['faults', 'majority', 10000, 5, 0.95, 'split', 0.7, 0.3, 1, 100, 20, 1, 1, 1, 2.95, 0.223607, 2.84535, 3.05465, 3, 3, 3, 118250, 0.992007, null, null, null, null, null, null, null, null, null, null],
  ['faults', 'majority', 10000, 5, 0.95, 'split', 0.7, 0.3, 1, 100, 20, 1, 1, 1, 2.65, 0.48936, 2.42097, 2.87903, 3, 3, 3, 107750, 0.978757, null, null, null, null, 3, null, null, null, null, null],
  ['faults', 'majority', 10000, 5, 0.95, 'split', 0.7, 0, 0, 100, 20, 1, 1, 1, 5.05, 1.19097, 4.49261, 5.60739, 5, 8, 8, 252500, 0.95, null, null, null, null, null, 0.05, 1, null, null, null],
  ['faults', 'majority', 10000, 5, 0.95, 'split', 0.7, 0, 0, 100, 20, 0, 0, 1, 100, 0, 100, 100, 100, 100, 100, 5e+06, 0.89965, null, null, null, null, null, 0.1, 1, null, null, null],
  ['faults', 'majority', 10000, 5, 0.95, 'split', 0.7, 0, 0, 100, 20, 1, 0, 0, 14.9, 0.447214, 14.6907, 15.1093, 15, 15.05, 16, 745000, 0.9822, null, null, null, null, null, 0.3, 1, null, null, null],
  ['topology', 'majority', 10000, 3, 0.95, 'split', 0.7, 0, 0, 200, 20, 1, 1, 1, 3, 0, 3, 3, 3, 3, 3, 90000, 0.96067, 3, null, null, null, null, null, null, null, null, null],
  ['topology', 'majority', 10000, 3, 0.95, 'split', 0.7, 0, 0, 200, 20, 0, 0, 1, 200, 0, 200, 200, 200, 200, 200, 6e+06, 0.85272, null, null, null, null, null, null, null, 'ring', 4, null],
  ['topology', 'majority', 10000, 3, 0.95, 'split', 0.7, 0, 0, 200, 20, 0, 0, 1, 200, 0, 200, 200, 200, 200, 200, 6e+06, 0.91355, null, null, null, null, null, null, null, 'torus', null, null],
  ['topology', 'majority', 10000, 3, 0.95, 'split', 0.7, 0, 0, 200, 20, 1, 1, 1, 5.1, 0.307794, 4.95595, 5.24405, 5, 6, 6, 152125, 0.956585, null, null, null, null, null, null, null, 'er', 8, null],
  ['topology', 'majority', 10000, 3, 0.95, 'split', 0.7, 0, 0, 200, 20, 1, 1, 1, 10.1, 1.74416, 9.28371, 10.9163, 10, 12.2, 16, 303000, 0.95157, null, null, null, null, null, null, null, 'ws', 8, 0.1],
];
// Suite deployed: rows of a real run (`bench --suite deployed`, 6 significant digits): memberlist at n 100 and
// 1,000 under both timings, rumor mongering with feedback (coin and counter, k 1 .. 5, rounds).
const DEPLOYED_COLUMNS = ['protocol', 'n', 'fanout', 'threshold', 'start', 'split', 'crash_fraction', 'crash_round', 'max_rounds', 'trials', 'converged_rate', 'winner0_rate', 'leader0_rate', 'rounds_mean', 'rounds_sd', 'rounds_ci95_low', 'rounds_ci95_high', 'rounds_p50', 'rounds_p95', 'rounds_max', 'messages_mean', 'final_agreement_mean', 'loss_rate', 'feedback', 'removal', 'k', 'retransmit_mult', 'timing', 'interval', 'residue_mean', 'mean_informed_round_mean', 'last_informed_round_mean', 'seconds_to_99_mean', 'seconds_to_9999_mean', 'seconds_to_all_mean', 'reached_all_rate', 'theory_residue_from_traffic', 'theory_residue_mean_field', 'theory_seconds_to_9999'];
const DEPLOYED_ROWS: (string | number | null)[][] = [
  ['memberlist', 100, 3, 1, 'source', 0.99, 0, 0, 200, 100, 1, 0, 0, 9.64, 0.559942, 9.5289, 9.7511, 10, 10, 11, 1200, 1, null, null, null, null, 4, 'rounds', 0.2, 0, 3.4764, 5.64, 1.048, 1.128, 1.128, 1, 6.14421e-06, null, 0.921691],
  ['memberlist', 100, 3, 1, 'source', 0.99, 0, 0, 200, 100, 1, 0, 0, 7.43, 0.685418, 7.294, 7.566, 7, 8.05, 9, 1200, 1, null, null, null, null, 4, 'timers', 0.2, 0, 1.6613, 3.41199, 0.604713, 0.682398, 0.682398, 1, 6.14421e-06, null, 0.921691],
  ['memberlist', 1000, 3, 1, 'source', 0.999, 0, 0, 200, 100, 1, 0, 0, 14.14, 0.449916, 14.0507, 14.2293, 14, 15, 16, 16000, 1, null, null, null, null, 4, 'rounds', 0.2, 0, 5.16498, 8.14, 1.4, 1.628, 1.628, 1, 1.12535e-07, null, 1.0746],
  ['memberlist', 1000, 3, 1, 'source', 0.999, 0, 0, 200, 100, 1, 0, 0, 11.07, 0.685418, 10.934, 11.206, 11, 12, 14, 16000, 1, null, null, null, null, 4, 'timers', 0.2, 0, 2.45397, 4.96533, 0.795249, 0.993066, 0.993066, 1, 1.12535e-07, null, 1.0746],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0, 0, 0, 17.94, 1.23763, 17.6944, 18.1856, 18, 21, 24, 1745.52, 0.82547, null, 'feedback', 'coin', 1, null, 'rounds', 0.2, 0.17453, 9.77779, 16.94, null, null, null, 0, 0.174554, 0.203188, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0, 0, 0, 25.08, 2.66545, 24.5511, 25.6089, 25, 30.1, 34, 2977.92, 0.9493, null, 'feedback', 'coin', 2, null, 'rounds', 0.2, 0.0507, 10.1466, 21.02, null, null, null, 0, 0.0508986, 0.0595202, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0, 0, 0, 31.59, 3.01878, 30.991, 32.189, 31, 37, 41, 4099.1, 0.98352, null, 'feedback', 'coin', 3, null, 'rounds', 0.2, 0.01648, 10.2006, 24.16, 4.475, null, null, 0, 0.0165876, 0.0198274, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0.01, 0, 0, 39.24, 3.70127, 38.5056, 39.9744, 39, 46, 49, 5158.51, 0.99425, null, 'feedback', 'coin', 4, null, 'rounds', 0.2, 0.00575, 10.213, 25.79, 3.88172, 4.8, 4.8, 0.01, 0.00575026, 0.00697715, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0.13, 0, 0, 46.32, 6.30837, 45.0683, 47.5717, 45, 56.05, 78, 6196.42, 0.99769, null, 'feedback', 'coin', 5, null, 'rounds', 0.2, 0.00231, 10.1864, 26.05, 3.458, 5.33846, 5.33846, 0.13, 0.00203671, 0.00251646, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0, 0, 0, 17.62, 1.17877, 17.3861, 17.8539, 17, 20, 22, 1745.7, 0.82597, null, 'feedback', 'counter', 1, null, 'rounds', 0.2, 0.17403, 9.78181, 16.62, null, null, null, 0, 0.174523, null, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0, 0, 0, 19.0, 1.11916, 18.7779, 19.2221, 19, 21, 23, 3295.35, 0.96352, null, 'feedback', 'counter', 2, null, 'rounds', 0.2, 0.03648, 9.94515, 17, null, null, null, 0, 0.0370551, null, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0, 0, 0, 20.22, 1.00081, 20.0214, 20.4186, 20, 22, 25, 4535.74, 0.98835, null, 'feedback', 'counter', 3, null, 'rounds', 0.2, 0.01165, 10.0341, 17.22, 3.26842, null, null, 0, 0.010719, null, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0.04, 0, 0, 21.54, 1.15837, 21.3102, 21.7698, 21, 24, 25, 5639.96, 0.99627, null, 'feedback', 'counter', 4, null, 'rounds', 0.2, 0.00373, 10.0473, 17.54, 3.086, 3.45, 3.45, 0.04, 0.00355301, null, null],
  ['rumor-mongering', 1000, 1, 1, 'source', 0.999, 0, 0, 2000, 100, 0.23, 0, 0, 22.81, 1.26886, 22.5582, 23.0618, 22.5, 25.05, 27, 6680.65, 0.99865, null, 'feedback', 'counter', 5, null, 'rounds', 0.2, 0.00135, 10.057, 17.81, 3.032, 3.57391, 3.57391, 0.23, 0.00125496, null, null],
];
// agreement.csv of the memberlist rows: [index in DEPLOYED_ROWS, round, trials, mean informed share].
const DEPLOYED_AGREEMENT: number[][] = [
  [0, 1, 100, 0.04],
  [0, 2, 100, 0.1498],
  [0, 3, 100, 0.4635],
  [0, 4, 100, 0.8698],
  [0, 5, 100, 0.9909],
  [0, 6, 100, 0.9996],
  [0, 7, 100, 1],
  [0, 8, 100, 1],
  [0, 9, 100, 1],
  [0, 10, 60, 1],
  [0, 11, 4, 1],
  [1, 1, 100, 0.1494],
  [1, 2, 100, 0.7058],
  [1, 3, 100, 0.9741],
  [1, 4, 100, 0.9985],
  [1, 5, 100, 1],
  [1, 6, 100, 1],
  [1, 7, 94, 1],
  [1, 8, 44, 1],
  [1, 9, 5, 1],
  [2, 1, 100, 0.004],
  [2, 2, 100, 0.01592],
  [2, 3, 100, 0.0621],
  [2, 4, 100, 0.22153],
  [2, 5, 100, 0.60065],
  [2, 6, 100, 0.93403],
  [2, 7, 100, 0.99598],
  [2, 8, 100, 0.99983],
  [2, 9, 100, 0.99998],
  [2, 10, 100, 1],
  [2, 11, 100, 1],
  [2, 12, 100, 1],
  [2, 13, 100, 1],
  [2, 14, 98, 1],
  [2, 15, 14, 1],
  [2, 16, 2, 1],
  [3, 1, 100, 0.02174],
  [3, 2, 100, 0.25243],
  [3, 3, 100, 0.78912],
  [3, 4, 100, 0.98354],
  [3, 5, 100, 0.99927],
  [3, 6, 100, 0.99996],
  [3, 7, 100, 0.99999],
  [3, 8, 100, 1],
  [3, 9, 100, 1],
  [3, 10, 100, 1],
  [3, 11, 85, 1],
  [3, 12, 18, 1],
  [3, 13, 3, 1],
  [3, 14, 1, 1],
];

const perSuite = new Map<string, number>();
for (const [suite, protocol, n, ...rest] of MEASURED_ROWS) {
  const point = perSuite.get(suite as string) ?? 0;
  perSuite.set(suite as string, point + 1);
  const messagesMean = rest[18] as number;
  summaryRows.push([suite!, point, protocol!, n!, ...rest.slice(0, 19), messagesMean / (n as number), ...rest.slice(19)]);
}

// Every row so far lacks the dissemination columns; then the deployed rows, by column name.
for (const r of summaryRows) while (r.length < SUMMARY_COLUMNS.length) r.push(null);
DEPLOYED_ROWS.forEach((d, point) => {
  const at = (c: string): string | number | null => d[DEPLOYED_COLUMNS.indexOf(c)] ?? null;
  summaryRows.push(
    SUMMARY_COLUMNS.map((c) => {
      if (c === 'suite') return 'deployed';
      if (c === 'point') return point;
      if (c === 'messages_per_agent') return (at('messages_mean') as number) / (at('n') as number);
      return DEPLOYED_COLUMNS.includes(c) ? at(c) : null;
    }),
  );
});

// agreement.csv: the seed-claims points, rounds 1-6; measured lags the mean-field map a little.
const agreementRows: (string | number | null)[][] = [];
for (const p of points.filter((q) => q.suite === 'seed-claims')) {
  const theory = meanFieldAgreement(p0(p), p.fanout, 6);
  theory.forEach((a, r) => {
    const lag = (0.06 * (1 + 3 / Math.sqrt(p.n))) / (r + 1);
    agreementRows.push([p.suite, p.point, p.n, p.fanout, p.start, p.split, p.threshold, r + 1, p.trials, Math.min(1, Math.max(0.5, a - lag)), a]);
  });
}

for (const [point, round, trials, share] of DEPLOYED_AGREEMENT) {
  const d = DEPLOYED_ROWS[point!]!;
  const at = (c: string): string | number | null => d[DEPLOYED_COLUMNS.indexOf(c)] ?? null;
  agreementRows.push(['deployed', point!, at('n'), at('fanout'), 'source', at('split'), at('threshold'), round!, trials!, share!, null]);
}

// claims.csv: the seed table as bound claims plus two complexity claims on scaling (each verdict).
const seed = points.filter((q) => q.suite === 'seed-claims');
const claimRows: (string | number | null)[][] = [];
const bounds: [string, string, 'rounds' | 'messages', string, number, number][] = [
  ['seed-rounds-n10', 'n = 10, fanout 3: < 3 rounds (seed table)', 'rounds', '<', 3, 0],
  ['seed-messages-n10', 'n = 10, fanout 3: ~90 messages (seed table)', 'messages', '~', 90, 0],
  ['seed-rounds-n50', 'n = 50, fanout 5: < 5 rounds (seed table)', 'rounds', '<', 5, 1],
  ['seed-messages-n50', 'n = 50, fanout 5: ~1,250 messages (seed table)', 'messages', '~', 1250, 1],
  ['seed-rounds-n100', 'n = 100, fanout 5: < 7 rounds (seed table)', 'rounds', '<', 7, 2],
  ['seed-messages-n100', 'n = 100, fanout 5: ~3,500 messages (seed table)', 'messages', '~', 3500, 2],
];
for (const [id, description, metric, cmp, value, at] of bounds) {
  const p = seed[at]!;
  const rounds = roundsByPoint.get(p)!;
  const s = summarize(Float64Array.from(metric === 'rounds' ? rounds : rounds.map((r) => r * p.n * p.fanout)));
  if (metric === 'rounds') {
    const frac = rounds.filter((r) => r < value).length / rounds.length;
    const verdict = frac >= 0.95 ? 'holds' : 'fails';
    const detail = `${(frac * 100).toFixed(1)}% of ${rounds.length} trials took < ${value} rounds (needs >= 95%)`;
    claimRows.push(['seed-claims', id, 'bound', description, metric, 'fraction', p.n, p.fanout, p.start, p.split, p.threshold, 0, p.maxRounds, `${cmp} ${value}`, s.mean, s.ci95Low, s.ci95High, frac, verdict, null, detail]);
  } else {
    const within = Math.abs(s.mean - value) <= 0.25 * value;
    const detail = `mean ${s.mean.toFixed(1)} is ${within ? 'within' : 'outside'} ±25% of ${value}`;
    claimRows.push(['seed-claims', id, 'bound', description, metric, 'mean', p.n, p.fanout, p.start, p.split, p.threshold, 0, p.maxRounds, `${cmp} ${value}`, s.mean, s.ci95Low, s.ci95High, null, within ? 'holds' : 'fails', null, detail]);
  }
}
for (const [start, claimed] of [['split', '1'], ['near-balanced', 'n']] as const) {
  const series = points.filter((q) => q.suite === 'scaling' && q.fanout === 5 && q.start === start);
  const pts = series.map((q) => {
    const s = summarize(Float64Array.from(roundsByPoint.get(q)!));
    return { n: q.n, mean: s.mean, se: s.sd / Math.sqrt(s.count) };
  });
  const fit = fitSeries(pts);
  const best = fit.fits.find((f) => f.cls === fit.best)!;
  const verdict = best.cls === claimed ? 'tight' : 'upper-bound';
  // The detail as claims/check.ts writes it (its summary, the means, every class's fit and BIC).
  const fmt = (x: number): string => (Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(4)).toString());
  const fits = fit.fits.map((f) => `${f.cls}: a=${fmt(f.a)} b=${fmt(f.b)} R2=${f.r2.toFixed(3)} err=${(100 * f.rmsRelError).toFixed(1)}% BIC=${f.bic.toFixed(1)}`).join('; ');
  const detail = `best ${best.cls} (claimed ${claimed}; lowest BIC); means by n ${pts.map((q) => `${fmt(q.n)}:${fmt(q.mean)}`).join(' ')}; fits ${fits}`;
  claimRows.push(['scaling', `rounds-${start}-f5`, 'complexity', `rounds from ${start} grow as O(${claimed})`, 'rounds', 'mean', null, 5, start, 0.7, 0.95, 0, 200, claimed, null, null, null, null, verdict, best.cls, detail]);
}

// throughput.csv: ns per agent-round grows with n as the working set leaves the caches.
// The C yardstick (single-threaded) sits beside the one-thread rows, as the harness writes it.
const throughputRows: (string | number | null)[][] = [];
for (const [fanout, threads] of [[3, 1], [5, 1], [5, 4]] as const) {
  for (const n of [1e3, 1e4, 1e5, 1e6]) {
    const ns = (4 + 2.2 * fanout) * (1 + 0.18 * Math.log10(n / 1e3)) * (threads === 1 ? 1 : 0.3) * (1 + 0.03 * normal());
    const yard = threads === 1 ? 0.55 * ns * (1 + 0.03 * normal()) : null;
    throughputRows.push(['throughput', 'majority', n, fanout, threads, ns, ns * 0.02, 1.5, 30, 1e9 / ns, yard, yard === null ? null : ns / yard, RUN_ID, 'ab12cd3f00d5e1b2c3a4958677aabbccddeeff00', 'v20.20.2', 'AMD EPYC 7B13']);
  }
}

const runJson = {
  runId: RUN_ID,
  schemaVersion: 1,
  suites: [
    { name: 'scaling', description: 'n = 10 .. 1e5 by decades x fanout 3, 5 x split 0.7 / near-balanced (fixture).', mode: 'quick', trials: 10, points: 20 },
    { name: 'seed-claims', description: "The seed's table: (n 10, fanout 3), (n 50, fanout 5), (n 100, fanout 5); split 0.7, threshold 0.95.", mode: 'quick', trials: 100, points: 3 },
    { name: 'fanout', description: 'n = 1e4, fanout 1 .. 10, split 0.7.', mode: 'quick', trials: 10, points: 10 },
    { name: 'thresholds', description: 'n = 1e4, fanout 5, split 0.7, threshold 0.8 .. 1.0.', mode: 'quick', trials: 10, points: 6 },
    { name: 'rumor', description: 'Rumor spreading from one source, push / pull / push-pull, fanout 1, n = 1e2, 1e4 (fixture).', mode: 'quick', trials: 30, points: 6 },
    { name: 'plurality', description: 'Plurality start, m = 2, 10 opinions, n = 1e3 (and 1e4 for majority), fanout 5 (fixture).', mode: 'quick', trials: 100, points: 8 },
    { name: 'faults', description: 'n = 1e4, fanout 5, split 0.7, one fault at a time: loss, crash (for good or for 3 rounds), stubborn agents (fixture).', mode: 'quick', trials: 20, points: 8 },
    { name: 'topology', description: 'n = 1e4, fanout 3, split 0.7: complete, ring (degree 4), torus, er (degree 8), ws (degree 8, rewire 0.1) (fixture).', mode: 'quick', trials: 20, points: 5 },
    { name: 'deployed', description: 'memberlist at n = 100, 1e3 (rounds, timers); rumor mongering with feedback, coin and counter, k = 1 .. 5 (fixture).', mode: 'default', trials: 100, points: 14 },
  ],
  masterSeed: 1,
  argv: ['--suite', 'scaling,seed-claims,fanout,thresholds,rumor,plurality,faults,topology,deployed', '--quick', '--throughput'],
  packageVersion: '0.1.0',
  git: { commit: 'ab12cd3f00d5e1b2c3a4958677aabbccddeeff00', shortCommit: 'ab12cd3', dirty: false, branch: 'main' },
  machine: { node: 'v20.20.2', v8: '11.3.244.8-node.38', os: 'Linux 6.1.0 x64', cpuModel: 'AMD EPYC 7B13', cores: 8, totalMemoryBytes: 34359738368 },
  threads: 4,
  startedAt: '2026-11-24T23:32:00.000Z',
  endedAt: '2026-11-24T23:41:27.512Z',
  status: 'complete',
};

// history-sample.csv: four earlier runs; throughput and a few rounds points per run.
const historyRows: (string | number | null)[][] = [];
const commits = ['9f1e2d3', '4c5b6a7', '7d8e9f0', 'ab12cd3'];
commits.forEach((c, i) => {
  const date = `2026-11-${String(10 + 4 * i).padStart(2, '0')}T12:00:00.000Z`;
  const runId = `202611${String(10 + 4 * i).padStart(2, '0')}T120000Z-${c}`;
  const speed = 1 - 0.12 * i + (i === 2 ? 0.15 : 0);
  for (const [n, fanout] of [[1e5, 3], [1e6, 5]] as const) {
    historyRows.push([`${c}${'0'.repeat(33)}`, date, runId, 'throughput', null, n, fanout, null, null, null, null, null, (fanout === 3 ? 12 : 18) * speed * (n === 1e6 ? 1.2 : 1)]);
  }
  for (const p of points.filter((q) => q.suite === 'seed-claims' || (q.suite === 'scaling' && q.n === 1e4 && q.fanout === 5))) {
    const t = theoryRounds(p) ?? 0;
    historyRows.push([`${c}${'0'.repeat(33)}`, date, runId, p.suite, p.point, p.n, p.fanout, p.start, p.threshold, t + 0.3 + 0.1 * normal(), (t + 0.3) * p.n * p.fanout, 1, null]);
  }
});

mkdirSync(out, { recursive: true });
writeFileSync(`${out}run.json`, `${JSON.stringify(runJson, null, 2)}\n`);
writeFileSync(`${out}trials.csv`, await csv(TRIAL_COLUMNS, trialRows));
writeFileSync(`${out}summary.csv`, await csv(SUMMARY_COLUMNS, summaryRows));
writeFileSync(`${out}agreement.csv`, await csv(['suite', 'point', 'n', 'fanout', 'start', 'split', 'threshold', 'round', 'trials', 'agreement_mean', 'agreement_theory'], agreementRows));
writeFileSync(`${out}claims.csv`, await csv(['suite', 'claim_id', 'kind', 'description', 'metric', 'statistic', 'n', 'fanout', 'start', 'split', 'threshold', 'crash_fraction', 'max_rounds', 'claimed', 'measured', 'ci95_low', 'ci95_high', 'fraction_satisfied', 'verdict', 'best_class', 'detail'], claimRows));
const THROUGHPUT_COLUMNS = ['suite', 'protocol', 'n', 'fanout', 'threads', 'ns_per_agent_round', 'mad_ns', 'rme', 'samples', 'agent_rounds_per_s', 'yardstick_ns_per_agent_round', 'ratio_to_yardstick', 'run_id', 'commit', 'node', 'cpu_model'];
writeFileSync(`${out}throughput.csv`, await csv(THROUGHPUT_COLUMNS, throughputRows));
writeFileSync(historyFile, await csv(['commit', 'date', 'run_id', 'suite', 'point', 'n', 'fanout', 'start', 'threshold', 'rounds_mean', 'messages_mean', 'converged_rate', 'ns_per_agent_round'], historyRows));
console.log(`wrote ${out} and ${historyFile}`);
