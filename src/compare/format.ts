// Number and text formatting shared by the compare table, Markdown and CSV: figures, p-values,
// ratios, intervals, the headline, and the text of a changed trial.
import type { TrialDiff } from './exact.ts';
import type { CompareResult } from './compare.ts';
import type { Estimate } from './means.ts';
import type { SpeedRow } from './speed.ts';

/** A figure for people: thousands grouped from 1,000, else 4 significant digits (no trailing zeros). */
export function figure(x: number | null): string {
  if (x === null || Number.isNaN(x)) return '-';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(4)));
}

/** A p-value: `<0.001`, else three decimals; `-` when there is none. */
export function pText(p: number | null): string {
  if (p === null) return '-';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** A ratio HEAD/BASE with three decimals. */
export function ratioText(r: number): string {
  return r.toFixed(3);
}

/** A ratio as a signed relative change, e.g. `+20.0%`, `-3.1%`. */
export function changeText(r: number): string {
  const pct = (r - 1) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** An interval `[low, high]`, or `-`. */
export function intervalText(low: number | null, high: number | null): string {
  return low === null || high === null ? '-' : `[${figure(low)}, ${figure(high)}]`;
}

/** An estimate as `mean [low, high]`. */
export function estimateText(e: Estimate): string {
  const ci = intervalText(e.ci95Low, e.ci95High);
  return ci === '-' ? figure(e.value) : `${figure(e.value)} ${ci}`;
}

/** The 95% interval of a speed row's ratio, or `-`. */
export function ratioCiText(r: SpeedRow): string {
  return r.ratioCi95 === null ? '-' : `[${ratioText(r.ratioCi95.low)}, ${ratioText(r.ratioCi95.high)}]`;
}

/** A changed trial in words: `trial 3 (seed 123): rounds BASE 3, HEAD 4; messages BASE 90, HEAD 120`. */
export function trialDiffText(d: TrialDiff): string {
  const changes = d.changes.map((c) => `${c.field} BASE ${c.base === '' ? '(empty)' : c.base}, HEAD ${c.head === '' ? '(empty)' : c.head}`);
  return `trial ${d.trial} (seed ${d.seed}): ${changes.join('; ')}`;
}

/** `1 point` / `3 points`. */
export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

/**
 * The headline: `No behaviour change` or `Behaviour changed in K points`; when no point is in
 * both runs, `Behaviour not compared` rather than a hollow all-clear.
 */
export function behaviourHeadline(result: CompareResult): string {
  const b = result.behaviour;
  if (b.points.length === 0) return 'Behaviour not compared';
  return b.changed === 0 ? 'No behaviour change' : `Behaviour changed in ${plural(b.changed, 'point')}`;
}

/** The speed headline: `No speed regression`, or how many rows regressed and improved. */
export function speedHeadline(result: CompareResult): string {
  const { speed } = result;
  if (speed.rows.length === 0) return 'No throughput rows to compare';
  const parts: string[] = [];
  if (speed.regressed > 0) parts.push(`${plural(speed.regressed, 'throughput row')} regressed`);
  if (speed.improved > 0) parts.push(`${plural(speed.improved, 'throughput row')} improved`);
  return parts.length === 0 ? 'No speed regression' : parts.join(', ');
}

/** One sentence on how behaviour was compared, with the counts. */
export function behaviourMethodText(result: CompareResult): string {
  const b = result.behaviour;
  const exact = b.points.filter((p) => p.method === 'exact');
  const means = b.points.filter((p) => p.method === 'means');
  const parts: string[] = [];
  if (exact.length > 0) {
    const trials = exact.reduce((s, p) => s + (p.method === 'exact' ? p.exact.trialsCompared : 0), 0);
    parts.push(
      `${plural(exact.length, 'point')} compared trial by trial (same master seed ${String(b.baseSeed)}, ${plural(trials, 'trial')})`,
    );
  }
  if (means.length > 0) {
    const why = b.sameSeed ? 'trials missing' : `master seeds differ: ${String(b.baseSeed)} vs ${String(b.headSeed)}`;
    parts.push(
      `${plural(means.length, 'point')} compared by their means (${why}; Welch's t-test for rounds and messages, ` +
        `Fisher's exact test for the converged rate, Holm-corrected over ${plural(b.tests, 'test')} at ${result.options.alpha})`,
    );
  }
  if (parts.length === 0) {
    const b1 = b.onlyInBase.length;
    const h1 = b.onlyInHead.length;
    parts.push(b1 + h1 === 0 ? 'neither run has points (no rows in summary.csv or trials.csv)' : `no point is in both runs (${b1} only in BASE, ${h1} only in HEAD)`);
  }
  return parts.join('; ');
}

/**
 * A note when trials were found in one run only at points compared trial by trial (another
 * --trials): they are counted, not compared. Null when there are none.
 */
export function unmatchedTrialsText(result: CompareResult): string | null {
  let base = 0;
  let head = 0;
  for (const p of result.behaviour.points) {
    if (p.method !== 'exact') continue;
    base += p.exact.trialsOnlyInBase;
    head += p.exact.trialsOnlyInHead;
  }
  if (base + head === 0) return null;
  return `${plural(base, 'trial')} only in BASE and ${plural(head, 'trial')} only in HEAD (the runs ran different trial counts) were not compared`;
}

/** `text` with its first letter in upper case. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The speed method in one sentence. */
export function speedMethodText(result: CompareResult): string {
  const s = result.speed;
  return (
    `ns per agent-round, HEAD/BASE of throughput.csv's medians; significant when a two-sided Mann-Whitney U test on the ` +
    `timed rounds gives p < ${s.alpha}; regressed / improved only beyond the noise threshold of ${(s.threshold * 100).toFixed(1)}%; ` +
    `95% interval: percentile bootstrap of the ratio of medians (${result.options.resamples} resamples, seeded)`
  );
}
