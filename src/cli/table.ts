// The summary table printed at the end of a run: one line per point with its convergence rate,
// mean rounds and 95% interval, p95 rounds and mean messages.
import { extraLabel } from '../engine/label.ts';
import type { SweepPoint } from '../harness/sweep.ts';
import type { ThroughputEntry } from '../harness/output.ts';
import { parallelSpeedup } from '../harness/throughput-table.ts';
import type { PointSummary } from '../harness/tables.ts';

const HEADERS = ['suite', 'n', 'fanout', 'start', 'threshold', 'trials', 'converged', 'rounds mean [95% ci]', 'rounds p95', 'messages mean'];
/** Columns aligned left (the rest are numbers, aligned right). */
const LEFT = new Set([0, 3]);

/** A number with up to `digits` decimals, without trailing zeros. */
function fixed(x: number, digits: number): string {
  return String(Number(x.toFixed(digits)));
}

/** The start of a point as a cell: `split 0.7` or `near-balanced`. */
function startCell(p: SweepPoint): string {
  return p.plan.start === 'split' ? `split ${fixed(p.plan.split, 4)}` : p.plan.start;
}

/**
 * Renders the table as text, one line per point, columns padded to their widest cell; a last
 * column `params` (protocol, opinions, faults, topology: see `extraLabel`) when any point has one.
 */
export function summaryTable(points: readonly SweepPoint[], summaries: readonly PointSummary[]): string {
  const extras = points.map((p) => extraLabel(p.plan));
  const withExtras = extras.some((e) => e !== '');
  const headers = withExtras ? [...HEADERS, 'params'] : HEADERS;
  const rows = points.map((p, i) => {
    const s = summaries[i] as PointSummary;
    const row = [
      p.suite,
      String(p.plan.n),
      String(p.plan.fanout),
      startCell(p),
      String(p.plan.threshold),
      String(s.trials),
      s.convergedRate.toFixed(3),
      `${s.rounds.mean.toFixed(2)} [${s.rounds.ci95Low.toFixed(2)}, ${s.rounds.ci95High.toFixed(2)}]`,
      fixed(s.rounds.p95, 2),
      s.messagesMean >= 1000 ? Math.round(s.messagesMean).toLocaleString('en-US') : fixed(s.messagesMean, 1),
    ];
    return withExtras ? [...row, extras[i] as string] : row;
  });
  const all = [headers, ...rows];
  const widths = headers.map((_, c) => Math.max(...all.map((r) => (r[c] as string).length)));
  return all
    .map((r) => r.map((cell, c) => (LEFT.has(c) || c === HEADERS.length ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ').trimEnd())
    .join('\n');
}

/** The throughput table: one line per timed point, with the yardstick ratio and the speed-up. */
export function throughputTable(entries: readonly ThroughputEntry[]): string {
  const head = ['suite', 'n', 'fanout', 'threads', 'ns/agent-round', 'mad', 'samples', 'yardstick ns', 'ratio', 'speed-up'];
  const rows = entries.map(({ suite, row: r }) => {
    const speedup = parallelSpeedup(
      r,
      entries.filter((e) => e.suite === suite).map((e) => e.row),
    );
    return [
      suite,
      String(r.n),
      String(r.fanout),
      String(r.threads),
      r.nsPerAgentRound.toFixed(2),
      r.madNs.toFixed(2),
      String(r.samples),
      r.yardstickNs === null ? '-' : r.yardstickNs.toFixed(2),
      r.yardstickNs === null ? '-' : `x${(r.nsPerAgentRound / r.yardstickNs).toFixed(2)}`,
      speedup === null ? '-' : `${speedup.toFixed(2)}x`,
    ];
  });
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((row) => (row[c] as string).length)));
  return all.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ')).join('\n');
}
