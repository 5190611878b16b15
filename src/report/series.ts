// Grouping rows into the lines of a chart and naming them: a series is the rows that share
// everything but the swept parameter, and its label shows only what differs between series.
import { fitSeries, GROWTH, type ClassFit, type SeriesFit } from '../claims/complexity.ts';
import type { SummaryRow } from '../io/schemas.ts';

/** One labelled part of a series' identity, e.g. `fanout` -> `fanout 3`. */
export interface LabelField<T> {
  /** Key of the part, e.g. `fanout`. */
  name: string;
  /** The part as it appears in a label, e.g. `fanout 3`. */
  text: (item: T) => string;
  /** Show the part even when every series has the same value. */
  always?: boolean;
  /** Tell groups apart but show the part only where labels would otherwise collide. */
  hidden?: boolean;
}

/** A group of rows under one label. */
export interface Group<T> {
  key: string;
  label: string;
  rows: T[];
}

/** `n` with thousands separators: 100000 -> `100,000`. */
export function formatN(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/**
 * The start condition in words: `split 0.7`, `near-balanced`, `counts`. The split is the realised
 * round(split n) / n, shown to 4 decimals, so a torus of 316^2 agents at 0.69999799... reads 0.7.
 */
export function startText(start: string, split: number | string | null): string {
  if (start !== 'split' || split === null || split === '') return start;
  const x = Number(split);
  return `split ${Number.isFinite(x) ? Number(x.toFixed(4)) : split}`;
}

/** Items sharing one value of every field, before labelling; `parts` are the fields' texts. */
export interface RawGroup<T> {
  key: string;
  parts: string[];
  rows: T[];
}

/** Groups items by the given fields, in order of first appearance. */
export function groupRows<T>(items: readonly T[], fields: readonly LabelField<T>[]): RawGroup<T>[] {
  const byKey = new Map<string, RawGroup<T>>();
  for (const item of items) {
    const parts = fields.map((f) => f.text(item));
    const key = parts.join('\u0000');
    const g = byKey.get(key);
    if (g) g.rows.push(item);
    else byKey.set(key, { key, parts, rows: [item] });
  }
  return [...byKey.values()];
}

/**
 * Labels groups with the fields whose value differs between them plus the `always` ones (when
 * nothing differs and no field is `always`, the label lists every field). `hidden` fields are
 * appended only to labels that would otherwise be equal. Ordered by label, numbers as numbers.
 */
export function labelGroups<T>(groups: readonly RawGroup<T>[], fields: readonly LabelField<T>[]): Group<T>[] {
  const varies = fields.map((f, i) => f.hidden !== true && new Set(groups.map((g) => g.parts[i])).size > 1);
  const anyVaries = varies.some(Boolean);
  const hasAlways = fields.some((f) => f.always === true);
  const join = (parts: readonly string[]): string => parts.filter((p) => p !== '').join(', ');
  const base = groups.map((g) =>
    join(g.parts.filter((_, i) => fields[i]!.hidden !== true && (varies[i] || fields[i]!.always === true || (!anyVaries && !hasAlways)))),
  );
  const uses = new Map<string, number>();
  for (const b of base) uses.set(b, (uses.get(b) ?? 0) + 1);
  const out = groups.map((g, k) => {
    const label = uses.get(base[k]!)! > 1 ? join([base[k]!, ...g.parts.filter((_, i) => fields[i]!.hidden === true)]) : base[k]!;
    return { key: g.key, label, rows: g.rows };
  });
  // Compare with thousands separators removed so that `n 100,000` sorts before `n 1,000,000`.
  const collator = new Intl.Collator('en', { numeric: true });
  const key = (label: string): string => label.replace(/(\d),(?=\d{3}\b)/g, '$1');
  return out.sort((a, b) => collator.compare(key(a.label), key(b.label)));
}

/** {@link groupRows} then {@link labelGroups}. */
export function groupBy<T>(items: readonly T[], fields: readonly LabelField<T>[]): Group<T>[] {
  return labelGroups(groupRows(items, fields), fields);
}

/** Groups reordered by where their first item stands in `items` (a suite's own order), not by label. */
export function inItemOrder<T>(groups: readonly Group<T>[], items: readonly T[]): Group<T>[] {
  const at = new Map(items.map((item, i) => [item, i] as const));
  const first = (g: Group<T>): number => Math.min(...g.rows.map((r) => at.get(r) ?? Infinity));
  return [...groups].sort((a, b) => first(a) - first(b));
}

/**
 * The parameters added after the seed's, as label fields: empty (so left out of labels) where a
 * row does not set them; summary.csv files of older runs lack them altogether.
 */
export const EXTRA_FIELDS: readonly LabelField<SummaryRow>[] = [
  { name: 'opinions', text: (r) => (r.opinions === null ? '' : `${r.opinions} opinions`) },
  { name: 'loss', text: (r) => (r.loss_rate === null ? '' : `loss ${r.loss_rate}`) },
  { name: 'recovery', text: (r) => (r.crash_recovery === null ? '' : `recovery ${r.crash_recovery}`) },
  { name: 'stubborn', text: (r) => (r.stubborn_fraction === null ? '' : `stubborn ${r.stubborn_fraction}`) },
  {
    name: 'topology',
    text: (r) => (r.topology === null ? '' : [r.topology, r.degree === null ? '' : `degree ${r.degree}`, r.rewire === null ? '' : `rewire ${r.rewire}`].filter((t) => t !== '').join(' ')),
  },
];

/** The names of {@link paramFields}, in label order. */
export type ParamField = 'suite' | 'protocol' | 'n' | 'fanout' | 'start' | 'threshold' | 'crash' | (typeof EXTRA_FIELDS)[number]['name'];

/**
 * A summary row's identity as label fields, in label order: suite, protocol, n, fanout, start,
 * threshold, crash fraction and {@link EXTRA_FIELDS}, without those in `leaveOut` (the swept
 * parameter, or what a chart shows otherwise); those in `always` are named even where they do not
 * vary. The one list every chart groups its rows by.
 */
export function paramFields(leaveOut: readonly string[], always: readonly string[] = []): LabelField<SummaryRow>[] {
  const all: LabelField<SummaryRow>[] = [
    { name: 'suite', text: (r) => r.suite },
    { name: 'protocol', text: (r) => r.protocol },
    { name: 'n', text: (r) => `n ${formatN(r.n)}` },
    { name: 'fanout', text: (r) => `fanout ${r.fanout}` },
    { name: 'start', text: (r) => startText(r.start, r.split) },
    { name: 'threshold', text: (r) => `threshold ${r.threshold}` },
    { name: 'crash', text: (r) => (r.crash_fraction ? `crash ${r.crash_fraction}` : '') },
    ...EXTRA_FIELDS,
  ];
  return all.filter((f) => !leaveOut.includes(f.name)).map((f) => (always.includes(f.name) ? { ...f, always: true } : f));
}

/** The identity of a summary row apart from n: what charts 1-2 draw one line for. */
export const SCALING_FIELDS: readonly LabelField<SummaryRow>[] = paramFields(['n'], ['fanout', 'start']);

/**
 * The series of summary rows that sweep n: rows grouped by suite, protocol, fanout, start, split,
 * threshold, crash fraction and the parameters after the seed's ({@link EXTRA_FIELDS}), keeping groups with at least `minDistinctN` distinct n; rows
 * sorted by n.
 */
export function scalingSeries(rows: readonly SummaryRow[], minDistinctN = 3): Group<SummaryRow>[] {
  const kept = groupRows(rows, SCALING_FIELDS).filter((g) => new Set(g.rows.map((r) => r.n)).size >= minDistinctN);
  return labelGroups(kept, SCALING_FIELDS).map((g) => ({ ...g, rows: [...g.rows].sort((a, b) => a.n - b.n) }));
}

/**
 * Standard error of a point's mean rounds: sd / sqrt(trials), or from the 95% CI half-width when
 * the sd is absent, else 0 (fitSeries floors it).
 */
export function roundsSe(r: SummaryRow): number {
  if (r.rounds_sd !== null && Number.isFinite(r.rounds_sd) && r.trials > 1) return r.rounds_sd / Math.sqrt(r.trials);
  if (r.rounds_ci95_low !== null && r.rounds_ci95_high !== null) {
    const se = (r.rounds_ci95_high - r.rounds_ci95_low) / (2 * 1.959963984540054);
    if (Number.isFinite(se)) return se;
  }
  return 0;
}

/** The complexity fit of a series' mean rounds, and the fit of the best class. */
export interface RoundsFit {
  fit: SeriesFit;
  best: ClassFit;
  /** Smallest n fitted (see {@link FIT_MIN_N}). */
  minN: number;
}

/**
 * Smallest n the drawn fit uses, as the scaling suite's complexity claims do (`minN: 100`): at
 * n = 10 the near-balanced start is a 7/3 split and 95% agreement means unanimity, so that point
 * is outside the asymptotic regime. Series with fewer than 3 such n are fitted whole.
 */
export const FIT_MIN_N = 100;

/** Fits mean rounds against n with `fitSeries` (points as n, mean, se) from {@link FIT_MIN_N} on. */
export function fitRounds(rows: readonly SummaryRow[]): RoundsFit {
  const large = rows.filter((r) => r.n >= FIT_MIN_N);
  const used = new Set(large.map((r) => r.n)).size >= 3 ? large : rows;
  const fit = fitSeries(used.map((r) => ({ n: r.n, mean: r.rounds_mean, se: roundsSe(r) })));
  const best = fit.fits.find((f) => f.cls === fit.best)!;
  return { fit, best, minN: Math.min(...used.map((r) => r.n)) };
}

/** `count` values of n spaced evenly in log n from `lo` to `hi` (inclusive). */
export function logSpaced(lo: number, hi: number, count: number): number[] {
  if (count < 2 || lo === hi) return [lo];
  const a = Math.log(lo);
  const step = (Math.log(hi) - a) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.exp(a + i * step));
}

/** The fitted curve a + b * g(n) of a class fit at the given n. */
export function fitCurve(best: ClassFit, ns: readonly number[]): { n: number; value: number }[] {
  const g = GROWTH[best.cls];
  return ns.map((n) => ({ n, value: best.a + best.b * g(n) }));
}
