// Trial-by-trial comparison of one point between two runs with the same master seed: trials are
// matched by index and seed, and any difference in rounds, convergence, winner or messages is a
// behaviour change.
import type { CompareTrialRow } from './schemas.ts';

/** The outcome fields compared, in the order differences are listed. */
export const TRIAL_FIELDS = ['seed', 'rounds', 'converged', 'winner', 'messages'] as const;

/** One field of one trial that differs: its value in each run, as written in trials.csv. */
export interface TrialChange {
  field: (typeof TRIAL_FIELDS)[number];
  base: string;
  head: string;
}

/** A trial whose outcome differs between the runs. */
export interface TrialDiff {
  trial: number;
  /** The seed of BASE's trial. */
  seed: string;
  changes: TrialChange[];
}

/** The trial-by-trial comparison of one point. */
export interface ExactComparison {
  /** Trials present in both runs (by index). */
  trialsCompared: number;
  /** Trials among those whose seed or outcome differs. */
  trialsChanged: number;
  /** Trial indices found in one run only (e.g. another --trials): counted, not compared. */
  trialsOnlyInBase: number;
  trialsOnlyInHead: number;
  /** The first few changed trials, in trial order. */
  firstDiffs: TrialDiff[];
}

/** A field of a trial row as text, the way trials.csv writes it (`''` for an empty winner). */
function fieldText(row: CompareTrialRow, field: TrialChange['field']): string {
  const v = row[field];
  return v === null ? '' : String(v);
}

/** Indexes rows by trial; the first row of a repeated index wins. */
function byTrial(rows: readonly CompareTrialRow[]): Map<number, CompareTrialRow> {
  const out = new Map<number, CompareTrialRow>();
  for (const r of rows) if (!out.has(r.trial)) out.set(r.trial, r);
  return out;
}

/**
 * Compares the trials of one point in two runs, matched by trial index: a trial changed when its
 * seed differs (the seeds of the two runs no longer line up) or any of rounds, converged, winner
 * and messages differs. Keeps the first `maxDiffs` changed trials as a sample.
 */
export function compareTrials(
  base: readonly CompareTrialRow[],
  head: readonly CompareTrialRow[],
  maxDiffs: number,
): ExactComparison {
  const b = byTrial(base);
  const h = byTrial(head);
  const result: ExactComparison = { trialsCompared: 0, trialsChanged: 0, trialsOnlyInBase: 0, trialsOnlyInHead: 0, firstDiffs: [] };
  const trials = [...b.keys()].sort((x, y) => x - y);
  for (const t of trials) {
    const rb = b.get(t) as CompareTrialRow;
    const rh = h.get(t);
    if (rh === undefined) {
      result.trialsOnlyInBase++;
      continue;
    }
    result.trialsCompared++;
    const changes: TrialChange[] = [];
    for (const field of TRIAL_FIELDS) {
      const vb = fieldText(rb, field);
      const vh = fieldText(rh, field);
      if (vb !== vh) changes.push({ field, base: vb, head: vh });
    }
    if (changes.length === 0) continue;
    result.trialsChanged++;
    if (result.firstDiffs.length < maxDiffs) result.firstDiffs.push({ trial: t, seed: rb.seed, changes });
  }
  for (const t of h.keys()) if (!b.has(t)) result.trialsOnlyInHead++;
  return result;
}
