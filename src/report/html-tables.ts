// The tables of the HTML report: the run's context, the suites, the claim verdicts (coloured by
// verdict, with the detail) and a compact summary per suite. All text from files is escaped.
import type { RunContext } from '../io/run-folder.ts';
import type { ClaimRow, SummaryRow } from '../io/schemas.ts';
import { formatN, startText } from './series.ts';
import { escapeHtml as esc, fmtGiB, fmtNum, fmtPct, NONE } from './text.ts';

/** The verdicts claims.csv may hold, in the order the report counts them. */
export const VERDICTS = ['holds', 'tight', 'upper-bound', 'fails'] as const;

/** A `<tr>` of header cells. */
function headRow(cells: readonly string[]): string {
  return `<tr>${cells.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr>`;
}

/** One row of the context table: a label and a value (escaped here). */
function contextRow(label: string, value: unknown, extraHtml = ''): string {
  const text = value === null || value === undefined || value === '' ? NONE : String(value);
  return `<tr><th scope="row">${esc(label)}</th><td>${esc(text)}${extraHtml}</td></tr>`;
}

/** Duration between two ISO times, as `9 min 27 s`, or null when either is missing. */
function duration(from: string | null, to: string | null): string | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return null;
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The run's context from run.json: id, commit, branch, dates, machine, threads, seed, argv. */
export function contextTable(info: RunContext): string {
  const dirty = info.git.dirty === true ? ' <span class="badge dirty">dirty</span>' : info.git.dirty === false ? ' <span class="badge clean">clean</span>' : '';
  const status = info.status === null ? '' : ` <span class="badge status-${esc(info.status)}">${esc(info.status)}</span>`;
  const rows = [
    contextRow('Run id', info.runId, status),
    contextRow('Commit', info.git.commit ?? info.git.shortCommit, dirty),
    contextRow('Branch', info.git.branch),
    contextRow('Started', info.startedAt),
    contextRow('Ended', info.endedAt, info.startedAt && info.endedAt ? ` (${esc(duration(info.startedAt, info.endedAt) ?? NONE)})` : ''),
    contextRow('Node / V8', [info.machine.node, info.machine.v8].filter(Boolean).join(' / ')),
    contextRow('OS', info.machine.os),
    contextRow('CPU', info.machine.cpuModel),
    contextRow('Cores / memory', `${info.machine.cores ?? NONE} cores, ${fmtGiB(info.machine.totalMemoryBytes)}`),
    contextRow('Worker threads', info.threads),
    contextRow('Master seed', info.masterSeed),
    contextRow('Package version', info.packageVersion),
    contextRow('Arguments', info.argv.join(' ')),
  ];
  if (info.error !== null) rows.push(contextRow('Error', info.error));
  return `<table class="context">${rows.join('')}</table>`;
}

/** The suites of the run with their mode, trials per point, points and description. */
export function suitesTable(info: RunContext): string {
  if (info.suites.length === 0) return '<p class="muted">run.json lists no suites.</p>';
  const body = info.suites
    .map((s) => `<tr><td><code>${esc(s.name)}</code></td><td>${esc(s.mode || NONE)}</td><td class="num">${esc(fmtNum(s.trials))}</td><td class="num">${esc(fmtNum(s.points))}</td><td>${esc(s.description)}</td></tr>`)
    .join('');
  return `<table><thead>${headRow(['suite', 'mode', 'trials / point', 'points', 'description'])}</thead><tbody>${body}</tbody></table>`;
}

/** Where a claim applies: the parameters claims.csv fills, e.g. `n 10, fanout 3, split 0.7`. */
function claimAt(c: ClaimRow): string {
  const parts: string[] = [];
  if (c.n !== null) parts.push(`n ${Number.isFinite(Number(c.n)) ? formatN(Number(c.n)) : c.n}`);
  if (c.fanout !== null) parts.push(`fanout ${c.fanout}`);
  if (c.start !== null) parts.push(startText(c.start, c.split));
  if (c.threshold !== null) parts.push(`threshold ${c.threshold}`);
  if (c.crash_fraction !== null && Number(c.crash_fraction) !== 0) parts.push(`crash ${c.crash_fraction}`);
  return parts.join(', ') || NONE;
}

/** The CSS class of a verdict (unknown verdicts get a neutral colour). */
function verdictClass(v: string): string {
  return (VERDICTS as readonly string[]).includes(v) ? `v-${v}` : 'v-other';
}

/** Counts of each verdict, as `3 holds, 1 fails`. */
export function verdictCounts(claims: readonly ClaimRow[]): string {
  const counts = new Map<string, number>();
  for (const c of claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  const order = [...VERDICTS, ...[...counts.keys()].filter((v) => !(VERDICTS as readonly string[]).includes(v))];
  return order.filter((v) => counts.has(v)).map((v) => `${counts.get(v)} ${v}`).join(', ');
}

/** The verdict table: one row per claim, coloured by verdict, with the detail text. */
export function verdictTable(claims: readonly ClaimRow[]): string {
  if (claims.length === 0) return '<p class="muted">claims.csv has no rows.</p>';
  const body = claims
    .map((c) => {
      const ci = c.ci95_low !== null && c.ci95_high !== null ? ` <span class="muted">[${esc(fmtNum(c.ci95_low))}, ${esc(fmtNum(c.ci95_high))}]</span>` : '';
      const claimed = [c.metric, c.statistic ? `(${c.statistic})` : '', c.claimed ?? ''].filter(Boolean).join(' ');
      return (
        `<tr class="${verdictClass(c.verdict)}">` +
        `<td><span class="verdict">${esc(c.verdict)}</span></td>` +
        `<td><code>${esc(c.claim_id)}</code><br><span class="desc">${esc(c.description ?? '')}</span></td>` +
        `<td><code>${esc(c.suite)}</code> <span class="muted">${esc(c.kind)}</span></td>` +
        `<td>${esc(claimAt(c))}</td>` +
        `<td>${esc(claimed || NONE)}</td>` +
        `<td class="num">${esc(fmtNum(c.measured))}${ci}</td>` +
        `<td class="num">${esc(fmtPct(c.fraction_satisfied))}</td>` +
        `<td>${esc(c.best_class ?? NONE)}</td>` +
        `<td class="detail">${esc(c.detail ?? '')}</td></tr>`
      );
    })
    .join('');
  const head = headRow(['verdict', 'claim', 'suite', 'at', 'claimed', 'measured [95% CI]', 'satisfied', 'best class', 'detail']);
  return `<table class="claims"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** A parameter column of the summary table: shown only when it varies within the suite. */
interface ParamColumn {
  name: string;
  text: (r: SummaryRow) => string;
}

const PARAMS: readonly ParamColumn[] = [
  { name: 'protocol', text: (r) => r.protocol },
  { name: 'n', text: (r) => formatN(r.n) },
  { name: 'fanout', text: (r) => String(r.fanout) },
  { name: 'start', text: (r) => startText(r.start, r.split) },
  { name: 'threshold', text: (r) => String(r.threshold) },
  { name: 'crash', text: (r) => fmtNum(r.crash_fraction) },
  { name: 'max rounds', text: (r) => String(r.max_rounds) },
];

/**
 * A compact summary per suite: the parameters that vary within it as columns (the fixed ones in
 * a line above), then trials, converged share, rounds (mean, 95% CI, p95), messages and theory.
 */
export function summaryTables(rows: readonly SummaryRow[], withTheory: boolean): string {
  const suites = [...new Set(rows.map((r) => r.suite))];
  return suites
    .map((suite) => {
      const rs = rows.filter((r) => r.suite === suite);
      const varying = PARAMS.filter((p) => new Set(rs.map(p.text)).size > 1);
      const fixed = PARAMS.filter((p) => !varying.includes(p)).map((p) => `${p.name} ${p.text(rs[0]!)}`);
      const head = headRow([
        ...varying.map((p) => p.name),
        'trials',
        'converged',
        'rounds mean [95% CI]',
        'rounds p95',
        'messages mean',
        ...(withTheory ? ['theory rounds'] : []),
      ]);
      const body = rs
        .map((r) => {
          const ci = r.rounds_ci95_low !== null && r.rounds_ci95_high !== null ? ` <span class="muted">[${esc(fmtNum(r.rounds_ci95_low))}, ${esc(fmtNum(r.rounds_ci95_high))}]</span>` : '';
          const cells = [
            ...varying.map((p) => `<td class="num">${esc(p.text(r))}</td>`),
            `<td class="num">${esc(fmtNum(r.trials))}</td>`,
            `<td class="num${r.converged_rate < 1 ? ' warn' : ''}">${esc(fmtPct(r.converged_rate))}</td>`,
            `<td class="num">${esc(fmtNum(r.rounds_mean))}${ci}</td>`,
            `<td class="num">${esc(fmtNum(r.rounds_p95))}</td>`,
            `<td class="num">${esc(fmtNum(r.messages_mean))}</td>`,
            ...(withTheory ? [`<td class="num">${esc(fmtNum(r.theory_rounds))}</td>`] : []),
          ];
          return `<tr>${cells.join('')}</tr>`;
        })
        .join('');
      return (
        `<h3><code>${esc(suite)}</code> <span class="muted">${rs.length} point${rs.length === 1 ? '' : 's'}</span></h3>` +
        `<p class="muted">${esc(fixed.join(', '))}</p>` +
        `<table class="summary"><thead>${head}</thead><tbody>${body}</tbody></table>`
      );
    })
    .join('');
}
