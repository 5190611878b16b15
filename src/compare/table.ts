// The comparison as text for the terminal: headline, context warnings, changed points, points in
// one run only, and the speed table, columns padded to their widest cell.
import type { CompareResult } from './compare.ts';
import {
  behaviourHeadline,
  behaviourMethodText,
  changeText,
  estimateText,
  figure,
  plural,
  pText,
  ratioCiText,
  ratioText,
  speedHeadline,
  trialDiffText,
  unmatchedTrialsText,
} from './format.ts';
import { pointLabel, throughputLabel } from './points.ts';

/** Pads a table: the columns in `right` aligned right, the others left, two spaces between. */
export function alignTable(rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: width }, (_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number)))
      .join('  ')
      .trimEnd(),
  );
}

/** Items listed in text beyond which the rest are counted (compare.csv lists them all). */
const MAX_LISTED = 10;

/** The lines listing items found in one run only: the first few, then a count of the rest. */
function onlyIn(side: string, labels: readonly string[], what: string): string[] {
  if (labels.length === 0) return [];
  const out = labels.slice(0, MAX_LISTED).map((l) => `  only in ${side}: ${l}`);
  if (labels.length > MAX_LISTED) {
    out.push(`  ... ${plural(labels.length - MAX_LISTED, `more ${what}`, `more ${what}s`)} only in ${side} (all listed in compare.csv)`);
  }
  return out;
}

/**
 * The comparison as plain text: the runs, the headlines and how behaviour was compared, each
 * context warning, each changed point (trials changed and the first differences, or the tests of
 * its means), the points and throughput rows in one run only, then one line per throughput row.
 */
export function compareTable(result: CompareResult): string {
  const { base, head, behaviour, speed } = result;
  const lines: string[] = [];
  const who = (label: string, s: typeof base) =>
    `${label} ${s.runId} (commit ${s.shortCommit ?? 'no git'}${s.dirty === true ? ', dirty' : ''}, seed ${String(s.masterSeed ?? '?')})`;
  lines.push(who('BASE', base), who('HEAD', head), '');
  for (const w of result.warnings) lines.push(`warning: ${w.message}`);
  if (result.warnings.length > 0) lines.push('');
  lines.push(`${behaviourHeadline(result)}: ${behaviourMethodText(result)}.`);
  const unmatched = unmatchedTrialsText(result);
  if (unmatched !== null) lines.push(`  note: ${unmatched}.`);
  const changed = behaviour.points.filter((p) => p.changed);
  for (const p of changed) {
    if (p.method === 'exact') {
      lines.push(`  changed: ${pointLabel(p.params)}: ${p.exact.trialsChanged} of ${p.exact.trialsCompared} trials`);
      for (const d of p.exact.firstDiffs) lines.push(`    ${trialDiffText(d)}`);
    } else {
      lines.push(`  changed: ${pointLabel(p.params)}`);
      for (const m of p.metrics) {
        lines.push(`    ${m.metric}: BASE ${estimateText(m.base)}, HEAD ${estimateText(m.head)}, p (Holm) ${pText(m.pAdjusted)}${m.significant ? ' *' : ''}`);
      }
    }
  }
  lines.push(...onlyIn('BASE', behaviour.onlyInBase.map((p) => pointLabel(p.params)), 'point'));
  lines.push(...onlyIn('HEAD', behaviour.onlyInHead.map((p) => pointLabel(p.params)), 'point'));
  lines.push('', `${speedHeadline(result)} (noise threshold ${(speed.threshold * 100).toFixed(1)}%, Mann-Whitney U p < ${speed.alpha}).`);
  if (speed.rows.length > 0) {
    const rows = speed.rows.map((r) => [
      r.params.suite,
      r.params.protocol,
      String(r.params.n),
      String(r.params.fanout),
      String(r.params.threads),
      figure(r.baseNs),
      figure(r.headNs),
      ratioText(r.ratio),
      changeText(r.ratio),
      ratioCiText(r),
      pText(r.test?.p ?? null),
      r.mark,
    ]);
    const head = ['suite', 'protocol', 'n', 'fanout', 'threads', 'base ns', 'head ns', 'head/base', 'change', '95% ci', 'p', 'result'];
    lines.push(...alignTable([head, ...rows], new Set([2, 3, 4, 5, 6, 7, 8, 10])));
  }
  lines.push(...onlyIn('BASE', speed.onlyInBase.map(throughputLabel), 'throughput row'));
  lines.push(...onlyIn('HEAD', speed.onlyInHead.map(throughputLabel), 'throughput row'));
  return `${lines.join('\n').trimEnd()}\n`;
}
