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
import { summarize } from '../../src/harness/stats.ts';

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
const SUMMARY_COLUMNS = ['suite', 'point', 'protocol', 'n', 'fanout', 'threshold', 'start', 'split', 'crash_fraction', 'crash_round', 'max_rounds', 'trials', 'converged_rate', 'winner0_rate', 'rounds_mean', 'rounds_sd', 'rounds_ci95_low', 'rounds_ci95_high', 'rounds_p50', 'rounds_p95', 'rounds_max', 'messages_mean', 'messages_per_agent', 'final_agreement_mean', 'theory_rounds'];

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
    converged / k, winner0 / k, s.mean, s.sd, s.ci95Low, s.ci95High, s.p50, s.p95, s.max,
    messages / k, messages / k / p.n, agreement / k, theoryRounds(p),
  ]);
}

// agreement.csv: the seed-claims points, rounds 1-6; measured lags the mean-field map a little.
const agreementRows: (string | number | null)[][] = [];
for (const p of points.filter((q) => q.suite === 'seed-claims')) {
  const theory = meanFieldAgreement(p0(p), p.fanout, 6);
  theory.forEach((a, r) => {
    const lag = (0.06 * (1 + 3 / Math.sqrt(p.n))) / (r + 1);
    agreementRows.push([p.suite, p.point, p.n, p.fanout, p.start, p.split, p.threshold, r + 1, p.trials, Math.min(1, Math.max(0.5, a - lag)), a]);
  });
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
  const fit = fitSeries(series.map((q) => {
    const s = summarize(Float64Array.from(roundsByPoint.get(q)!));
    return { n: q.n, mean: s.mean, se: s.sd / Math.sqrt(s.count) };
  }));
  const best = fit.fits.find((f) => f.cls === fit.best)!;
  const verdict = best.cls === claimed ? 'tight' : 'upper-bound';
  const detail = `best class ${best.cls} (a ${best.a.toFixed(2)}, b ${best.b.toFixed(3)}, R² ${best.r2.toFixed(3)}); claimed O(${claimed})`;
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
  ],
  masterSeed: 1,
  argv: ['--suite', 'scaling,seed-claims,fanout,thresholds', '--quick', '--throughput'],
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
