// What a chart is to the rest of the report: a named builder that turns the loaded run into a
// vega-lite spec, or says in one line why it was skipped; plus the spec building blocks they share.
import type { TopLevelSpec } from 'vega-lite';
import type { HistoryTable, RunData } from '../io/run-folder.ts';
import type { SummaryRow } from '../io/schemas.ts';
import { CHART_HEIGHT, CHART_WIDTH, LINE_KINDS, type LineKind } from './theme.ts';

/** Everything a chart may draw from: the run and, when found, the results history. */
export interface ChartInputs {
  run: RunData;
  history: HistoryTable | null;
  /** Where the history was looked for (for the skip message). */
  historyPath: string;
}

/** A chart's spec and a caption for the report (what is drawn, and fitted classes). */
export interface ChartSpec {
  ok: true;
  spec: TopLevelSpec;
  caption: string;
}

/** A chart that was not drawn, and why (one line). */
export interface ChartSkip {
  ok: false;
  reason: string;
}

/** The outcome of building one chart. */
export type ChartBuild = ChartSpec | ChartSkip;

/** A chart: its file name (without extension), its title, and its builder. */
export interface ChartDef {
  name: string;
  title: string;
  build: (inputs: ChartInputs) => ChartBuild;
}

/** A skip with its reason. */
export function skip(reason: string): ChartSkip {
  return { ok: false, reason };
}

/** A drawn chart. */
export function drawn(spec: TopLevelSpec, caption: string): ChartSpec {
  return { ok: true, spec, caption };
}

/** The `$schema` every spec names (vega-lite 6); never fetched. */
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A chart title with a subtitle (several lines when given a list). */
export function title(text: string, subtitle?: string | readonly string[]): { text: string; subtitle?: string | readonly string[] } {
  return subtitle === undefined ? { text } : { text, subtitle };
}

/** Default size of a single-view chart. */
export const SIZE = { width: CHART_WIDTH, height: CHART_HEIGHT } as const;

/** Options of {@link quant}. */
export interface QuantOptions {
  /** Log scale, fitted to the data (not rounded out to decades) with a few pixels of padding. */
  log?: boolean;
  /** Include zero in a linear scale (default false). */
  zero?: boolean;
  /** d3 number format of the axis labels. */
  format?: string;
  /** Explicit tick values (see {@link logTicks}). */
  ticks?: readonly number[];
}

/** A quantitative channel with a title (axis or legend), an optional log scale and format. */
export function quant(field: string, axisTitle: string, opts: QuantOptions = {}) {
  const scale: Record<string, unknown> = opts.log ? { type: 'log', nice: false, padding: 10 } : { zero: opts.zero ?? false };
  const axis: Record<string, unknown> = {};
  if (opts.format) axis.format = opts.format;
  if (opts.ticks) axis.values = [...opts.ticks];
  return { field, type: 'quantitative' as const, title: axisTitle, scale, axis };
}

/**
 * Tick values for a log axis over the data: powers of ten when the data spans three decades or
 * more, else the 1-2-5 sequence, restricted to [min, max] (vega would draw every 1..9 multiple).
 */
export function logTicks(values: readonly number[]): number[] {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return [];
  const lo = Math.min(...pos);
  const hi = Math.max(...pos);
  const steps = hi / lo >= 1000 ? [1] : hi / lo >= 20 ? [1, 2, 5] : [1, 1.5, 2, 3, 5, 7];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of steps) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out.length >= 2 ? out : [lo, hi];
}

/** The colour channel for series labels, with the legend titled and the order fixed. */
export function seriesColor(field: string, legendTitle: string, domain: readonly string[]) {
  return {
    field,
    type: 'nominal' as const,
    title: legendTitle,
    scale: { domain: [...domain] },
    legend: { orient: 'right' as const },
  };
}

/** A dash channel on `field`: one dash pattern per name of `domain`, legend symbols drawn as grey strokes. */
export function dashLegend(field: string, legendTitle: string, domain: readonly string[], dashes: readonly (readonly number[])[]) {
  return {
    field,
    type: 'nominal' as const,
    title: legendTitle,
    scale: { domain: [...domain], range: dashes.map((d) => [...d]) },
    legend: { orient: 'right' as const, symbolStrokeColor: '#333333', symbolType: 'stroke' },
  };
}

/** The dash channel for line kinds (measured / best fit / theory), limited to those drawn. */
export function kindDash(kinds: readonly LineKind[]) {
  return dashLegend('kind', 'line', kinds, kinds.map((k) => LINE_KINDS[k]));
}

/** The rows of one suite in summary.csv (a fresh array), or a skip saying what is missing. */
export function suiteRows(inputs: ChartInputs, suite: string): SummaryRow[] | ChartSkip {
  const summary = inputs.run.summary;
  if (!summary) return skip('no summary.csv in the run folder');
  const rows = summary.rows.filter((r) => r.suite === suite);
  return rows.length > 0 ? rows : skip(`summary.csv has no rows of suite ${suite}`);
}

/** Convergence status of a point: every trial reached the threshold, or some stopped at max_rounds. */
export const ALL_CONVERGED = 'all trials converged';
/** See {@link ALL_CONVERGED}. */
export const SOME_CAPPED = 'some trials hit max_rounds';

/** The convergence status of a summary row (see {@link ALL_CONVERGED}). */
export function convergence(r: SummaryRow): typeof ALL_CONVERGED | typeof SOME_CAPPED {
  return r.converged_rate < 1 ? SOME_CAPPED : ALL_CONVERGED;
}

/** The statuses that occur in `values` (field `status`), in legend order. */
export function statusesIn(values: readonly { status: string }[]): string[] {
  return [ALL_CONVERGED, SOME_CAPPED].filter((st) => values.some((v) => v.status === st));
}

/** The shape channel of the convergence status (field `status`): circles, triangles where some trials were capped. */
export function convergenceShape(statuses: readonly string[]) {
  return {
    field: 'status',
    type: 'nominal' as const,
    title: 'convergence',
    scale: { domain: [...statuses], range: statuses.map((st) => (st === SOME_CAPPED ? 'triangle-up' : 'circle')) },
  };
}

/** Axis format for n on a log axis: 10, 100, 1k, 10k ... (SI prefixes, no trailing zeros). */
export const N_FORMAT = '~s';

/** A number with up to `digits` significant digits, for captions. */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  return Number(x.toPrecision(digits)).toString();
}

/**
 * Types a spec assembled from dynamic layers. vega-lite's types cannot follow layers built in a
 * loop; the compile step checks the spec, and its warnings fail the tests.
 */
export function asSpec(spec: Record<string, unknown>): TopLevelSpec {
  return spec as unknown as TopLevelSpec;
}
