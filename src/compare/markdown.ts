// The comparison as Markdown for a pull-request comment: headline, the two runs, context warnings,
// changed points, points in one run only, and the speed table (marks in words, no arrows or emoji).
import type { CompareResult, RunSide } from './compare.ts';
import type { PointResult } from './behaviour.ts';
import {
  behaviourHeadline,
  behaviourMethodText,
  capitalised,
  changeText,
  estimateText,
  figure,
  plural,
  pText,
  ratioCiText,
  ratioText,
  speedHeadline,
  speedMethodText,
  trialDiffText,
  unmatchedTrialsText,
} from './format.ts';
import { pointLabel, throughputLabel } from './points.ts';

/** Escapes the characters that would break a Markdown table cell. */
function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown table. */
function table(head: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const align = head.map((_, i) => (right.has(i) ? '---:' : '---'));
  return [`| ${head.map(md).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)];
}

function commitText(s: RunSide): string {
  const flags = [s.branch, s.dirty === true ? 'dirty' : null].filter((x): x is string => x !== null);
  return `\`${s.shortCommit ?? 'no git'}\`${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`;
}

/** The lines of the changed points (exact: trials changed and first diffs; means: the tests). */
function pointRows(points: readonly PointResult[]): string[] {
  const exact = points.filter((p) => p.method === 'exact');
  const means = points.filter((p) => p.method === 'means');
  const out: string[] = [];
  if (exact.length > 0) {
    out.push(
      ...table(
        ['point', 'trials compared', 'trials changed', 'first differences'],
        exact.map((p) => [
          pointLabel(p.params),
          String(p.exact.trialsCompared),
          String(p.exact.trialsChanged),
          p.exact.firstDiffs.map(trialDiffText).join('<br>'),
        ]),
        new Set([1, 2]),
      ),
      '',
    );
  }
  if (means.length > 0) {
    const rows = means.flatMap((p) =>
      p.metrics.map((m) => [
        pointLabel(p.params),
        m.metric,
        estimateText(m.base),
        estimateText(m.head),
        pText(m.pAdjusted),
        m.significant ? 'changed' : 'same',
      ]),
    );
    out.push(...table(['point', 'metric', 'BASE mean [95% CI]', 'HEAD mean [95% CI]', 'p (Holm)', 'result'], rows), '');
  }
  return out;
}

/** Items listed openly beyond which the list is folded in a details block. */
const MAX_OPEN = 10;

/** The list of items found in one run only (folded when long), or nothing. */
function onlyIn(what: string, base: readonly string[], head: readonly string[]): string[] {
  const total = base.length + head.length;
  if (total === 0) return [];
  const items = [...base.map((l) => `- only in BASE: ${l}`), ...head.map((l) => `- only in HEAD: ${l}`)];
  const title = `${what} in one run only, not compared (${base.length} only in BASE, ${head.length} only in HEAD)`;
  if (total <= MAX_OPEN) return [`${title}:`, '', ...items, ''];
  return [`<details><summary>${title}</summary>`, '', ...items, '', '</details>', ''];
}

/**
 * The comparison as Markdown, ready to paste into a pull-request comment. Opens with the headline
 * (`No behaviour change` or `Behaviour changed in K points`) and the speed verdict, then the two
 * runs, the context warnings, the changed points (every point's tests folded in a details block
 * when means were compared), points and throughput rows found in one run only, and the speed
 * table with its marks in words.
 */
export function compareMarkdown(result: CompareResult): string {
  const { base, head, behaviour, speed } = result;
  const lines: string[] = [];
  lines.push(`## gossip-bench compare: HEAD \`${head.runId}\` vs BASE \`${base.runId}\``, '');
  lines.push(`**${behaviourHeadline(result)}.** **${speedHeadline(result)}.**`, '');
  lines.push(
    ...table(
      ['', 'BASE', 'HEAD'],
      [
        ['run', `\`${base.runId}\``, `\`${head.runId}\``],
        ['commit', commitText(base), commitText(head)],
        ['master seed', String(base.masterSeed ?? '?'), String(head.masterSeed ?? '?')],
        ['started', base.startedAt ?? '?', head.startedAt ?? '?'],
      ],
    ),
    '',
  );
  if (result.warnings.length > 0) {
    lines.push('### Context warnings', '');
    for (const w of result.warnings) lines.push(`- ${w.message}.`);
    lines.push('');
  }
  lines.push('### Behaviour', '', `${capitalised(behaviourMethodText(result))}.`, '');
  const unmatched = unmatchedTrialsText(result);
  if (unmatched !== null) lines.push(`Note: ${unmatched}.`, '');
  const changed = behaviour.points.filter((p) => p.changed);
  if (changed.length > 0) {
    lines.push(`Changed (${plural(changed.length, 'point')}):`, '', ...pointRows(changed));
  } else if (behaviour.points.length > 0) {
    lines.push(`Every one of the ${plural(behaviour.points.length, 'matched point')} behaves the same.`, '');
  }
  if (behaviour.points.some((p) => p.method === 'means')) {
    lines.push('<details><summary>Every point compared by its means</summary>', '');
    lines.push(...pointRows(behaviour.points.filter((p) => p.method === 'means')), '</details>', '');
  }
  lines.push(
    ...onlyIn(
      'Points',
      behaviour.onlyInBase.map((p) => pointLabel(p.params)),
      behaviour.onlyInHead.map((p) => pointLabel(p.params)),
    ),
  );
  lines.push('### Speed', '');
  if (speed.rows.length > 0) {
    lines.push(`${speedMethodText(result)}.`, '');
    lines.push(
      ...table(
        ['suite', 'protocol', 'n', 'fanout', 'threads', 'BASE ns', 'HEAD ns', 'HEAD/BASE', 'change', '95% CI', 'p', 'result'],
        speed.rows.map((r) => [
          r.params.suite,
          r.params.protocol,
          figure(r.params.n),
          String(r.params.fanout),
          String(r.params.threads),
          figure(r.baseNs),
          figure(r.headNs),
          ratioText(r.ratio),
          changeText(r.ratio),
          ratioCiText(r),
          pText(r.test?.p ?? null),
          r.mark,
        ]),
        new Set([2, 3, 4, 5, 6, 7, 8, 10]),
      ),
      '',
    );
  } else {
    lines.push('No throughput row in both runs.', '');
  }
  lines.push(...onlyIn('Throughput rows', speed.onlyInBase.map(throughputLabel), speed.onlyInHead.map(throughputLabel)));
  return `${lines.join('\n').trimEnd()}\n`;
}
