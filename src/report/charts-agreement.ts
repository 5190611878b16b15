// Chart 4: agreement after each round from agreement.csv, the measured mean beside the
// mean-field map. A few points share one plot (a colour each); many get small multiples.
import { asSpec, drawn, kindDash, quant, seriesColor, SIZE, skip, title, VL_SCHEMA, type ChartBuild, type ChartInputs } from './chart.ts';
import type { AgreementRow } from '../io/schemas.ts';
import { formatN, groupBy, startText, type LabelField } from './series.ts';
import { LINE_KINDS, type LineKind } from './theme.ts';

/** Up to this many points share one plot; more are drawn as small multiples. */
export const OVERLAY_MAX_POINTS = 8;

/**
 * Rounds run by fewer than this share of a point's trials are left out: converged trials stop,
 * so once most have stopped the mean is over a few slow trials (it jumps about, and no longer
 * compares with the mean-field map, which describes the typical trial).
 */
export const MIN_TRIAL_SHARE = 0.5;

/** Small-multiple layout: panel size and panels per row. */
const PANEL = { width: 170, height: 110, columns: 5 };

/** Separator of the lines of a small multiple's header. */
const LINE_BREAK = ' | ';

const FIELDS: readonly LabelField<AgreementRow>[] = [
  { name: 'suite', text: (r) => r.suite },
  { name: 'n', text: (r) => `n ${formatN(r.n)}`, always: true },
  { name: 'fanout', text: (r) => `fanout ${r.fanout}`, always: true },
  { name: 'start', text: (r) => startText(r.start, r.split) },
  { name: 'threshold', text: (r) => `threshold ${r.threshold}` },
  { name: 'point', text: (r) => `point ${r.point}`, hidden: true },
];

/** A small multiple's header: suite, then n and fanout, then start and threshold, one per line. */
function panelLabel(r: AgreementRow): string {
  return [r.suite, `n ${formatN(r.n)}, fanout ${r.fanout}`, `${startText(r.start, r.split)}, threshold ${r.threshold}`].join(LINE_BREAK);
}

/** The rows of one point that enough trials ran (see {@link MIN_TRIAL_SHARE}), by round. */
function keptRounds(rows: readonly AgreementRow[]): AgreementRow[] {
  const sorted = [...rows].sort((a, b) => a.round - b.round);
  const first = sorted[0]?.trials ?? 0;
  return sorted.filter((r) => r.trials >= Math.max(1, MIN_TRIAL_SHARE * first));
}

/** Chart 4 (`agreement-by-round`): mean agreement after each round, measured and mean-field. */
export function agreementByRound(inputs: ChartInputs): ChartBuild {
  const table = inputs.run.agreement;
  if (!table) return skip('no agreement.csv in the run folder');
  if (table.rows.length === 0) return skip('agreement.csv has no rows');
  const many = groupBy(table.rows, FIELDS).length > OVERLAY_MAX_POINTS;
  // Panels are headed by every parameter (a line each); overlaid lines by what differs.
  const groups = groupBy(table.rows, many ? [{ name: 'panel', text: panelLabel, always: true }, FIELDS[FIELDS.length - 1]!] : FIELDS);
  const measured: Record<string, unknown>[] = [];
  const theory: Record<string, unknown>[] = [];
  let dropped = 0;
  for (const g of groups) {
    const kept = keptRounds(g.rows);
    dropped += g.rows.length - kept.length;
    const series = g.label.replace(/, (point \d+)$/, `${LINE_BREAK}$1`);
    for (const r of kept) {
      measured.push({ series, round: r.round, agreement: r.agreement_mean, kind: 'measured' });
      if (r.agreement_theory !== null) theory.push({ series, round: r.round, agreement: r.agreement_theory, kind: 'mean-field theory' });
    }
  }
  const kinds: LineKind[] = theory.length > 0 ? ['measured', 'mean-field theory'] : ['measured'];
  const x = { field: 'round', type: 'quantitative', title: 'round (rounds)', axis: { tickMinStep: 1, format: 'd' }, scale: { zero: false } };
  const y = quant('agreement', many ? 'agreement (%)' : 'agreement (share holding the majority opinion, %)', { format: '.0%' });
  const dash = kindDash(kinds);
  const subtitle = [
    theory.length > 0 ? 'Solid: measured mean over the trials still running; dotted: the mean-field majority map from the same start.' : 'Measured mean over the trials still running.',
    dropped > 0 ? `Rounds run by under ${MIN_TRIAL_SHARE * 100}% of a point's trials are left out.` : '',
  ].filter(Boolean);
  const caption = `${groups.length} point${groups.length === 1 ? '' : 's'}${many ? ', one panel each' : `: ${groups.map((g) => g.label).join('; ')}`}.`;

  if (!many) {
    const color = seriesColor('series', 'point', groups.map((g) => g.label));
    const layer: Record<string, unknown>[] = [
      { data: { values: measured }, mark: 'line', encoding: { x, y, color, strokeDash: dash } },
      { data: { values: measured }, mark: 'point', encoding: { x, y, color } },
    ];
    if (theory.length > 0) layer.push({ data: { values: theory }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color, strokeDash: dash } });
    return drawn(asSpec({ $schema: VL_SCHEMA, title: title('Agreement after each round', subtitle.join(' ')), ...SIZE, layer }), caption);
  }

  // Small multiples: one panel per point, the line kind told by colour and dash together.
  const kindColor = { field: 'kind', type: 'nominal', title: 'line', scale: { domain: kinds, range: kinds.map((k) => (k === 'measured' ? '#0072B2' : '#D55E00')) }, legend: { orient: 'right', symbolType: 'stroke' } };
  const lineDash = { ...dash, scale: { domain: kinds, range: kinds.map((k) => [...LINE_KINDS[k]]) } };
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title('Agreement after each round, by point', subtitle.join(' ')),
    data: { values: [...measured, ...theory] },
    facet: {
      field: 'series',
      type: 'nominal',
      title: 'point',
      sort: groups.map((g) => g.label.replace(/, (point \d+)$/, `${LINE_BREAK}$1`)),
      header: { labelExpr: `split(datum.value, '${LINE_BREAK}')`, labelFontSize: 10, labelLimit: 0, labelPadding: 4 },
    },
    columns: PANEL.columns,
    spec: {
      width: PANEL.width,
      height: PANEL.height,
      encoding: { x, y, color: kindColor },
      layer: [
        { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { strokeDash: lineDash } },
        { mark: { type: 'point', size: 14, filled: true } },
      ],
    },
    resolve: { scale: { x: 'independent' }, axis: { x: 'independent' } },
  });
  return drawn(spec, caption);
}
