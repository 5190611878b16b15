// The dissemination table printed after a run with rumor-mongering or memberlist points: per point
// the residue and traffic beside e^-m (and the mean-field residue of feedback + coin), and the
// seconds to 99% / 99.99% / all beside Serf's formula.
import { extraLabel } from '../engine/label.ts';
import type { SweepPoint } from '../harness/sweep.ts';
import type { PointSummary } from '../harness/tables.ts';

const HEADERS = ['suite', 'n', 'fanout', 'trials', 'residue', 'e^-m', 'mean-field', 'traffic', 's to 99%', 's to 99.99%', 'Serf 99.99%', 's to all', 'all informed', 'params'];

/** A number to `digits` significant digits, or `-` when there is none. */
function cell(x: number | null, digits = 4): string {
  return x === null ? '-' : String(Number(x.toPrecision(digits)));
}

/**
 * Renders the table, one line per dissemination point ('' when the run has none): measured
 * residue, traffic (messages per agent) and seconds (means over the trials that got there), the
 * theory beside them, and the share of trials that informed every live agent.
 */
export function spreadTable(points: readonly SweepPoint[], summaries: readonly PointSummary[]): string {
  const rows: string[][] = [];
  points.forEach((p, i) => {
    const s = (summaries[i] as PointSummary).spread;
    if (s === null) return;
    rows.push([
      p.suite,
      String(p.plan.n),
      String(p.plan.fanout),
      String(p.trials),
      cell(s.residueMean),
      cell(s.theoryResidueFromTraffic),
      cell(s.theoryResidueMeanField),
      cell((summaries[i] as PointSummary).messagesMean / p.plan.n),
      cell(s.secondsTo99Mean),
      cell(s.secondsTo9999Mean),
      cell(s.theorySecondsTo9999),
      cell(s.secondsToAllMean),
      s.reachedAllRate.toFixed(3),
      extraLabel(p.plan),
    ]);
  });
  if (rows.length === 0) return '';
  const all = [HEADERS, ...rows];
  const widths = HEADERS.map((_, c) => Math.max(...all.map((r) => (r[c] as string).length)));
  const last = HEADERS.length - 1;
  return all.map((r) => r.map((x, c) => (c === 0 || c === last ? x.padEnd(widths[c] as number) : x.padStart(widths[c] as number))).join('  ').trimEnd()).join('\n');
}
