// compare.csv (one row per compared point metric, throughput row, or item found in one run
// only) and writing it with compare.md into a folder, each file atomically.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { csvString, type CsvCell } from '../io/csv-write.ts';
import type { CompareResult } from './compare.ts';
import { trialDiffText } from './format.ts';
import { compareMarkdown } from './markdown.ts';
import type { PointParams, ThroughputParams } from './points.ts';

/** Columns of compare.csv. */
export const COMPARE_COLUMNS = [
  'kind',
  'suite',
  'protocol',
  'n',
  'fanout',
  'threshold',
  'start',
  'split',
  'crash_fraction',
  'crash_round',
  'max_rounds',
  'threads',
  'base_point',
  'head_point',
  'metric',
  'method',
  'base',
  'head',
  'ratio',
  'base_ci95_low',
  'base_ci95_high',
  'head_ci95_low',
  'head_ci95_high',
  'ratio_ci95_low',
  'ratio_ci95_high',
  'p_value',
  'p_adjusted',
  'trials_compared',
  'trials_changed',
  'result',
  'detail',
] as const;

type Column = (typeof COMPARE_COLUMNS)[number];

/** A row from named cells; the others are empty. */
function row(cells: Partial<Record<Column, CsvCell>>): CsvCell[] {
  return COMPARE_COLUMNS.map((c) => cells[c] ?? null);
}

function pointCells(p: PointParams): Partial<Record<Column, CsvCell>> {
  return {
    kind: 'behaviour',
    suite: p.suite,
    protocol: p.protocol,
    n: p.n,
    fanout: p.fanout,
    threshold: p.threshold,
    start: p.start,
    split: p.split,
    crash_fraction: p.crashFraction,
    crash_round: p.crashRound,
    max_rounds: p.maxRounds,
  };
}

function throughputCells(p: ThroughputParams): Partial<Record<Column, CsvCell>> {
  return { kind: 'speed', suite: p.suite, protocol: p.protocol, n: p.n, fanout: p.fanout, threads: p.threads, metric: 'ns_per_agent_round' };
}

/**
 * The rows of compare.csv:
 * - `behaviour`, method `exact`: one row per point compared trial by trial (`metric` trials,
 *   trials compared and changed, `result` changed / unchanged, the first differences in `detail`);
 * - `behaviour`, method `welch` / `fisher`: one row per point and metric (rounds_mean,
 *   messages_mean, converged_rate) with both means, their 95% intervals, p and Holm's p;
 * - `speed`: one row per throughput row with both ns figures, the ratio and its bootstrap interval,
 *   the Mann-Whitney p (`method` mann-whitney, or none without samples) and the mark;
 * - a point or throughput row in one run only: `result` `only in BASE` / `only in HEAD`.
 */
export function compareCsvRows(result: CompareResult): CsvCell[][] {
  const rows: CsvCell[][] = [];
  for (const p of result.behaviour.points) {
    const common = { ...pointCells(p.params), base_point: p.basePoint, head_point: p.headPoint };
    if (p.method === 'exact') {
      rows.push(
        row({
          ...common,
          metric: 'trials',
          method: 'exact',
          trials_compared: p.exact.trialsCompared,
          trials_changed: p.exact.trialsChanged,
          result: p.changed ? 'changed' : 'unchanged',
          detail: p.exact.firstDiffs.map(trialDiffText).join(' | '),
        }),
      );
      continue;
    }
    for (const m of p.metrics) {
      rows.push(
        row({
          ...common,
          metric: m.metric,
          method: m.test,
          base: m.base.value,
          head: m.head.value,
          ratio: m.base.value === 0 ? null : m.head.value / m.base.value,
          base_ci95_low: m.base.ci95Low,
          base_ci95_high: m.base.ci95High,
          head_ci95_low: m.head.ci95Low,
          head_ci95_high: m.head.ci95High,
          p_value: m.p,
          p_adjusted: m.pAdjusted,
          result: m.significant ? 'changed' : 'unchanged',
          detail: p.reason,
        }),
      );
    }
  }
  for (const p of result.behaviour.onlyInBase) rows.push(row({ ...pointCells(p.params), base_point: p.point, result: 'only in BASE' }));
  for (const p of result.behaviour.onlyInHead) rows.push(row({ ...pointCells(p.params), head_point: p.point, result: 'only in HEAD' }));
  for (const r of result.speed.rows) {
    rows.push(
      row({
        ...throughputCells(r.params),
        method: r.test === null ? 'none' : 'mann-whitney',
        base: r.baseNs,
        head: r.headNs,
        ratio: r.ratio,
        ratio_ci95_low: r.ratioCi95?.low,
        ratio_ci95_high: r.ratioCi95?.high,
        p_value: r.test?.p,
        result: r.mark,
        detail: `samples ${r.baseSamples} (BASE), ${r.headSamples} (HEAD)`,
      }),
    );
  }
  for (const p of result.speed.onlyInBase) rows.push(row({ ...throughputCells(p), result: 'only in BASE' }));
  for (const p of result.speed.onlyInHead) rows.push(row({ ...throughputCells(p), result: 'only in HEAD' }));
  return rows;
}

/** The files {@link writeCompareFiles} wrote. */
export interface CompareFiles {
  csv: string;
  markdown: string;
}

/**
 * Writes compare.csv and compare.md into `dir` (created when missing), each atomically (temp
 * file, fsync, rename): a reader sees the old file or the whole new one.
 */
export async function writeCompareFiles(result: CompareResult, dir: string): Promise<CompareFiles> {
  const csvText = await csvString(COMPARE_COLUMNS, compareCsvRows(result));
  const markdown = compareMarkdown(result);
  await mkdir(dir, { recursive: true });
  const files = { csv: join(dir, 'compare.csv'), markdown: join(dir, 'compare.md') };
  await writeFileAtomic(files.csv, csvText);
  await writeFileAtomic(files.markdown, markdown);
  return files;
}
