// Naming points and throughput rows so they match between two runs: by their parameters, never
// by the `point` index (which depends on what else ran), with numbers in one canonical spelling.
import type { CompareSampleRow, CompareSummaryRow, CompareThroughputRow, CompareTrialRow } from './schemas.ts';

/** The parameters that identify a point across runs: the suite and the engine parameters. */
export interface PointParams {
  suite: string;
  protocol: string;
  n: number;
  fanout: number;
  threshold: number;
  start: string;
  /** The split actually used (as written in the CSVs); null when the file leaves it empty. */
  split: number | null;
  crashFraction: number | null;
  crashRound: number | null;
  maxRounds: number;
  /**
   * The parameters added after the seed's, in CSV column order (opinions, bias, loss_rate,
   * crash_recovery, stubborn_fraction, stubborn_opinion, topology, degree, rewire, engine); null where
   * a row leaves them empty or its file predates them.
   */
  extra: readonly (string | number | null)[];
}

/** The parameters that identify a throughput row across runs. */
export interface ThroughputParams {
  suite: string;
  protocol: string;
  n: number;
  fanout: number;
  threads: number;
}

/** A point of one run: its parameters and its index within its suite in that run. */
export interface PointRef {
  key: string;
  params: PointParams;
  /** The `point` column of that run. */
  point: number;
}

/** The parameters of a trials.csv or summary.csv row. */
export function pointParams(row: CompareTrialRow | CompareSummaryRow): PointParams {
  return {
    suite: row.suite,
    protocol: row.protocol,
    n: row.n,
    fanout: row.fanout,
    threshold: row.threshold,
    start: row.start,
    split: row.split,
    crashFraction: row.crash_fraction,
    crashRound: row.crash_round,
    maxRounds: row.max_rounds,
    extra: [
      row.opinions,
      row.bias,
      row.loss_rate,
      row.crash_recovery,
      row.stubborn_fraction,
      row.stubborn_opinion,
      row.topology,
      row.degree,
      row.rewire,
      row.engine,
    ],
  };
}

/** A cell of a key: numbers as `String(number)` prints them, null as empty. */
function cell(v: string | number | null): string {
  return v === null ? '' : String(v);
}

/**
 * The key of a point: `suite|protocol|n|fanout|threshold|start|split|crash_fraction|crash_round|max_rounds`,
 * e.g. `smoke|majority|10|3|0.95|split|0.7|0|0|100`, followed by `|opinions|...|rewire` only when
 * one of those is set (so points without them keep the keys of older runs). Two rows name the
 * same point exactly when their keys are equal (numbers compare by value: `0.70` and `0.7` agree).
 */
export function pointKey(p: PointParams): string {
  const base = [p.suite, p.protocol, p.n, p.fanout, p.threshold, p.start, p.split, p.crashFraction, p.crashRound, p.maxRounds];
  const extra = p.extra.some((v) => v !== null) ? p.extra : [];
  return [...base, ...extra].map(cell).join('|');
}

/** The parameters of a throughput.csv or throughput-samples.csv row. */
export function throughputParams(row: CompareThroughputRow | CompareSampleRow): ThroughputParams {
  return { suite: row.suite, protocol: row.protocol, n: row.n, fanout: row.fanout, threads: row.threads };
}

/** The key of a throughput row: `suite|protocol|n|fanout|threads`. */
export function throughputKey(p: ThroughputParams): string {
  return [p.suite, p.protocol, p.n, p.fanout, p.threads].map(cell).join('|');
}

/** A short human label of a point, e.g. `smoke n=10 fanout=3 split 0.7 threshold 0.95`. */
export function pointLabel(p: PointParams): string {
  const parts = [p.suite, `n=${p.n}`, `fanout=${p.fanout}`];
  parts.push(p.start === 'split' && p.split !== null ? `split ${p.split}` : p.start);
  parts.push(`threshold ${p.threshold}`, `max_rounds ${p.maxRounds}`);
  if (p.crashFraction !== null && p.crashFraction > 0) parts.push(`crash ${p.crashFraction}@${p.crashRound ?? 0}`);
  if (p.protocol !== 'majority') parts.push(p.protocol);
  const [opinions, bias, loss, recovery, stubborn, stubbornOpinion, topology, degree, rewire, engine] = p.extra;
  if (opinions != null) parts.push(`${opinions} opinions bias ${bias ?? ''}`);
  if (loss != null) parts.push(`loss ${loss}`);
  if (recovery != null) parts.push(`recovery ${recovery}`);
  if (stubborn != null) parts.push(`stubborn ${stubborn} of ${stubbornOpinion ?? ''}`);
  if (topology != null) parts.push([topology, degree, rewire].filter((v) => v != null).join(' '));
  if (engine != null) parts.push(`${engine} engine`);
  return parts.join(' ');
}

/** A short human label of a throughput row, e.g. `throughput majority n=1000 fanout=3 threads=1`. */
export function throughputLabel(p: ThroughputParams): string {
  return `${p.suite} ${p.protocol} n=${p.n} fanout=${p.fanout} threads=${p.threads}`;
}

/**
 * Splits the keys of two collections into those in both (in `base` order) and those found on
 * one side only (each in its own side's order).
 */
export function matchKeys<A, B>(
  base: ReadonlyMap<string, A>,
  head: ReadonlyMap<string, B>,
): { both: string[]; onlyInBase: string[]; onlyInHead: string[] } {
  const both: string[] = [];
  const onlyInBase: string[] = [];
  const onlyInHead: string[] = [];
  for (const k of base.keys()) (head.has(k) ? both : onlyInBase).push(k);
  for (const k of head.keys()) if (!base.has(k)) onlyInHead.push(k);
  return { both, onlyInBase, onlyInHead };
}
