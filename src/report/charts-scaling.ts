// Charts 1-2: rounds and messages against n for every series that sweeps n (>= 3 distinct n),
// with 95% CI bars, the best-fitting complexity curve (fitSeries) and the mean-field overlay.
import { asSpec, drawn, kindDash, logTicks, N_FORMAT, quant, seriesColor, sig, SIZE, skip, title, VL_SCHEMA, type ChartBuild, type ChartInputs } from './chart.ts';
import type { SummaryRow } from '../io/schemas.ts';
import { fitCurve, fitRounds, logSpaced, scalingSeries, type RoundsFit } from './series.ts';
import type { LineKind } from './theme.ts';

/** Points on each fitted curve (evenly spaced in log n). */
const CURVE_POINTS = 48;

const NO_SERIES = 'summary.csv has no series with at least 3 distinct n (run suite scaling)';

/** The x channel of both charts: n on a log scale, ticks at the decades of the data. */
function nAxis(ns: readonly number[]) {
  return quant('n', 'n (agents, log scale)', { log: true, format: N_FORMAT, ticks: logTicks(ns) });
}

/** One fitted series as the rounds chart draws it (also used by tests). */
export interface SeriesFitSummary {
  /** The series label without the class, e.g. `fanout 3, split 0.7`. */
  series: string;
  rows: readonly SummaryRow[];
  fit: RoundsFit;
}

/** Fits every series' mean rounds against n with `fitSeries` (through `fitRounds`). */
export function roundsFits(inputs: ChartInputs): SeriesFitSummary[] {
  const rows = inputs.run.summary?.rows ?? [];
  return scalingSeries(rows).map((g) => ({ series: g.label, rows: g.rows, fit: fitRounds(g.rows) }));
}

/** A caption line for one fit: the curve, its R², and the lowest-BIC class when it differs. */
function fitText(f: SeriesFitSummary): string {
  const { best, fit } = f.fit;
  const curve = best.cls === '1' ? `constant ${sig(best.a)}` : `${sig(best.a)} + ${sig(best.b)} · ${best.cls}`;
  const lowest = fit.fits.reduce((a, b) => (b.bic < a.bic ? b : a));
  const note = lowest.cls === best.cls ? '' : `; lowest BIC: ${lowest.cls}, within the margin, so the simpler class is kept`;
  return `${f.series}: ${curve}, fitted from n = ${f.fit.minN} (R² ${sig(best.r2)}${note})`;
}

/** Chart 1 (`rounds-vs-n`): mean rounds against n per series, CI bars, best fit, theory. */
export function roundsVsN(inputs: ChartInputs): ChartBuild {
  if (!inputs.run.summary) return skip('no summary.csv in the run folder');
  const fits = roundsFits(inputs);
  if (fits.length === 0) return skip(NO_SERIES);

  const measured: Record<string, unknown>[] = [];
  const fitted: Record<string, unknown>[] = [];
  const theory: Record<string, unknown>[] = [];
  const labels: string[] = [];
  for (const f of fits) {
    const { best } = f.fit;
    const series = `${f.series} [${best.cls}]`;
    labels.push(series);
    for (const r of f.rows) {
      measured.push({ series, n: r.n, rounds: r.rounds_mean, lo: r.rounds_ci95_low, hi: r.rounds_ci95_high, kind: 'measured' });
      if (r.theory_rounds !== null) theory.push({ series, n: r.n, rounds: r.theory_rounds, kind: 'mean-field theory' });
    }
    const ns = f.rows.map((r) => r.n);
    for (const p of fitCurve(best, logSpaced(f.fit.minN, Math.max(...ns), CURVE_POINTS))) {
      fitted.push({ series, n: p.n, rounds: p.value, kind: 'best fit', cls: best.cls });
    }
  }

  const x = nAxis(measured.map((d) => d.n as number));
  const y = quant('rounds', 'rounds to agreement (mean, 95% CI)');
  const kinds: LineKind[] = theory.length > 0 ? ['measured', 'best fit', 'mean-field theory'] : ['measured', 'best fit'];
  const color = seriesColor('series', 'series [best-fit class]', labels);
  const dash = kindDash(kinds);
  const bars = measured.filter((d) => d.lo !== null && d.hi !== null);
  const layer: Record<string, unknown>[] = [
    {
      data: { values: bars },
      mark: { type: 'errorbar', ticks: true },
      encoding: { x, y: { ...quant('lo', y.title), scale: y.scale }, y2: { field: 'hi' }, color },
    },
    { data: { values: measured }, mark: 'line', encoding: { x, y, color, strokeDash: dash } },
    { data: { values: measured }, mark: 'point', encoding: { x, y, color } },
    { data: { values: fitted }, mark: { type: 'line', strokeWidth: 1.5, opacity: 0.85 }, encoding: { x, y, color, strokeDash: dash } },
  ];
  if (theory.length > 0) {
    layer.push({ data: { values: theory }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color, strokeDash: dash } });
  }
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title(
      'Rounds to agreement against n',
      `Dashed: best-fitting complexity class per series (fitSeries, by BIC), in brackets${theory.length > 0 ? '; dotted: mean-field theory' : ''}.`,
    ),
    ...SIZE,
    layer,
  });
  return drawn(spec, `Best fits of mean rounds: ${fits.map(fitText).join('; ')}.`);
}

/** Chart 2 (`messages-vs-n`): mean messages per trial against n per series, log-log. */
export function messagesVsN(inputs: ChartInputs): ChartBuild {
  const summary = inputs.run.summary;
  if (!summary) return skip('no summary.csv in the run folder');
  const groups = scalingSeries(summary.rows);
  if (groups.length === 0) return skip(NO_SERIES);
  const values = groups.flatMap((g) => g.rows.map((r) => ({ series: g.label, n: r.n, messages: r.messages_mean })));
  const x = nAxis(values.map((d) => d.n));
  const y = quant('messages', 'messages per trial (mean, log scale)', { log: true, format: N_FORMAT, ticks: logTicks(values.map((d) => d.messages)) });
  const color = seriesColor('series', 'series', groups.map((g) => g.label));
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title('Messages against n', 'Mean messages sent per trial (each ask is one message), log-log.'),
    ...SIZE,
    data: { values },
    layer: [
      { mark: 'line', encoding: { x, y, color } },
      { mark: 'point', encoding: { x, y, color } },
    ],
  });
  return drawn(spec, `Series: ${groups.map((g) => g.label).join('; ')}.`);
}
