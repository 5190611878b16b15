// The speed half of a comparison: each throughput row matched by (suite, protocol, n, fanout,
// threads), the ratio HEAD/BASE of ns per agent-round, a Mann-Whitney U test on the timed rounds
// and a bootstrap interval of the ratio of medians, marked against a noise threshold.
import { bootstrapRatioOfMedians, type Interval } from './bootstrap.ts';
import type { CompareRun } from './load.ts';
import { mannWhitneyU, type MannWhitneyResult } from './mann-whitney.ts';
import { matchKeys, throughputKey, throughputParams, type ThroughputParams } from './points.ts';
import type { CompareThroughputRow } from './schemas.ts';

/**
 * How a row's speed moved: `regressed` (significant and HEAD/BASE > 1 + threshold), `improved`
 * (significant and < 1 − threshold), `within noise` (anything else), or `untested` when either
 * run has no timed rounds for the row (no throughput-samples.csv).
 */
export type SpeedMark = 'improved' | 'regressed' | 'within noise' | 'untested';

/** Options of {@link compareSpeed}. */
export interface SpeedOptions {
  /** Relative change below which a difference counts as noise, e.g. 0.05. */
  threshold: number;
  /** Significance level of the Mann-Whitney test, e.g. 0.05. */
  alpha: number;
  /** Bootstrap resamples for the interval of the ratio. */
  resamples: number;
  /** Seed of the bootstrap; each row's generator is keyed by this and the row's key. */
  seed: string;
}

/** One throughput row compared. */
export interface SpeedRow {
  key: string;
  params: ThroughputParams;
  /** ns_per_agent_round of throughput.csv (median round time / n) in each run. */
  baseNs: number;
  headNs: number;
  /** headNs / baseNs: above 1 is slower. */
  ratio: number;
  /** 95% bootstrap interval of median(HEAD samples) / median(BASE samples), or null without samples. */
  ratioCi95: Interval | null;
  baseSamples: number;
  headSamples: number;
  /** Mann-Whitney U test of the two runs' timed rounds, or null without samples. */
  test: MannWhitneyResult | null;
  /** test.p < alpha. */
  significant: boolean;
  mark: SpeedMark;
}

/** The speed comparison of two runs. */
export interface SpeedResult {
  threshold: number;
  alpha: number;
  /** Matched rows, in BASE's order. */
  rows: SpeedRow[];
  onlyInBase: ThroughputParams[];
  onlyInHead: ThroughputParams[];
  /** Rows marked regressed / improved. */
  regressed: number;
  improved: number;
}

/** Marks a ratio HEAD/BASE: see {@link SpeedMark}. */
export function speedMark(ratio: number, significant: boolean | null, threshold: number): SpeedMark {
  if (significant === null) return 'untested';
  if (significant && ratio > 1 + threshold) return 'regressed';
  if (significant && ratio < 1 - threshold) return 'improved';
  return 'within noise';
}

/** throughput.csv rows by key (the first of a repeated key wins). */
function rowsByKey(rows: readonly CompareThroughputRow[] | null): Map<string, CompareThroughputRow> {
  const out = new Map<string, CompareThroughputRow>();
  for (const r of rows ?? []) {
    const k = throughputKey(throughputParams(r));
    if (!out.has(k)) out.set(k, r);
  }
  return out;
}

/** The timed rounds of a run by row key, in sample order. */
function samplesByKey(run: CompareRun): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of run.samples ?? []) {
    const k = throughputKey(throughputParams(s));
    let list = out.get(k);
    if (list === undefined) out.set(k, (list = []));
    list.push(s.ns_per_agent_round);
  }
  return out;
}

/**
 * Compares the throughput rows of two runs. Significance comes from a two-sided Mann-Whitney U
 * test on the timed rounds (p < alpha); the ratio is that of throughput.csv's medians, and the
 * bootstrap interval of the ratio of the samples' medians says how precisely it is known.
 */
export function compareSpeed(base: CompareRun, head: CompareRun, options: SpeedOptions): SpeedResult {
  const br = rowsByKey(base.throughput);
  const hr = rowsByKey(head.throughput);
  const bs = samplesByKey(base);
  const hs = samplesByKey(head);
  const { both, onlyInBase, onlyInHead } = matchKeys(br, hr);
  const rows = both.map((key): SpeedRow => {
    const b = br.get(key) as CompareThroughputRow;
    const h = hr.get(key) as CompareThroughputRow;
    const sb = bs.get(key) ?? [];
    const sh = hs.get(key) ?? [];
    const ratio = h.ns_per_agent_round / b.ns_per_agent_round;
    const tested = sb.length > 0 && sh.length > 0;
    const test = tested ? mannWhitneyU(sb, sh) : null;
    const significant = test !== null && test.p < options.alpha;
    const ratioCi95 = tested ? bootstrapRatioOfMedians(sb, sh, { resamples: options.resamples, seed: `${options.seed}|${key}` }) : null;
    return {
      key,
      params: throughputParams(b),
      baseNs: b.ns_per_agent_round,
      headNs: h.ns_per_agent_round,
      ratio,
      ratioCi95,
      baseSamples: sb.length,
      headSamples: sh.length,
      test,
      significant,
      mark: speedMark(ratio, tested ? significant : null, options.threshold),
    };
  });
  return {
    threshold: options.threshold,
    alpha: options.alpha,
    rows,
    onlyInBase: onlyInBase.map((k) => throughputParams(br.get(k) as CompareThroughputRow)),
    onlyInHead: onlyInHead.map((k) => throughputParams(hr.get(k) as CompareThroughputRow)),
    regressed: rows.filter((r) => r.mark === 'regressed').length,
    improved: rows.filter((r) => r.mark === 'improved').length,
  };
}
