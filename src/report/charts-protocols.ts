// Charts that set protocols side by side on one suite each: rumor spreading (push, pull,
// push-pull) against n with the classic theory curves, and plurality consensus against m.
import {
  asSpec,
  dashLegend,
  drawn,
  logTicks,
  N_FORMAT,
  quant,
  seriesColor,
  sig,
  SIZE,
  skip,
  suiteRows,
  title,
  VL_SCHEMA,
  type ChartBuild,
  type ChartInputs,
} from './chart.ts';
import { pushPullTheoryRounds, pushTheoryRounds } from '../claims/theory.ts';
import type { SummaryRow } from '../io/schemas.ts';
import { formatN, groupBy, inItemOrder, logSpaced, paramFields } from './series.ts';
import { CHART_HEIGHT, LINE_KINDS, PANEL_WIDTH } from './theme.ts';

/** Points on each theory curve (evenly spaced in log n). */
const CURVE_POINTS = 48;

/** A theory curve of the rumor chart: the protocol it is for, its legend name, formula and dashes. */
interface RumorTheory {
  protocol: string;
  kind: string;
  rounds: (n: number) => number;
  dash: readonly number[];
}

/** The theory curves, each drawn beside its protocol's fanout-1 series on the complete graph. */
export const RUMOR_THEORY: readonly RumorTheory[] = [
  { protocol: 'push', kind: 'push theory: log₂ n + ln n (Frieze–Grimmett, Pittel)', rounds: pushTheoryRounds, dash: [7, 4] },
  { protocol: 'push-pull', kind: 'push-pull theory: log₃ n (Karp et al. 2000)', rounds: pushPullTheoryRounds, dash: [2, 3] },
];

const MEASURED = 'measured';

/** True when the theory curves apply to a row: fanout 1 on the complete graph (the default). */
function theoryApplies(r: SummaryRow): boolean {
  return r.fanout === 1 && (r.topology === null || r.topology === 'complete');
}

/** Chart `rumor-rounds-vs-n`: mean rounds to inform everyone against n per protocol, with theory. */
export function rumorRoundsVsN(inputs: ChartInputs): ChartBuild {
  const rows = suiteRows(inputs, 'rumor');
  if (!Array.isArray(rows)) return rows;
  if (new Set(rows.map((r) => r.n)).size < 2) return skip('suite rumor has fewer than 2 values of n');
  const groups = inItemOrder(groupBy(rows, paramFields(['n'], ['protocol'])), rows);
  const measured: Record<string, unknown>[] = [];
  const theory: Record<string, unknown>[] = [];
  const notes: string[] = [];
  const kinds = [MEASURED];
  for (const g of groups) {
    const sorted = [...g.rows].sort((a, b) => a.n - b.n);
    for (const r of sorted) measured.push({ series: g.label, n: r.n, rounds: r.rounds_mean, lo: r.rounds_ci95_low, hi: r.rounds_ci95_high, kind: MEASURED });
    const th = RUMOR_THEORY.find((t) => t.protocol === sorted[0]!.protocol);
    if (!th || !theoryApplies(sorted[0]!)) continue;
    const last = sorted[sorted.length - 1]!;
    for (const n of logSpaced(sorted[0]!.n, last.n, CURVE_POINTS)) theory.push({ series: g.label, n, rounds: th.rounds(n), kind: th.kind });
    if (!kinds.includes(th.kind)) kinds.push(th.kind);
    notes.push(`${g.label} at n = ${formatN(last.n)}: ${sig(last.rounds_mean)} rounds measured, ${sig(th.rounds(last.n))} by theory`);
  }
  const x = quant('n', 'n (agents, log scale)', { log: true, format: N_FORMAT, ticks: logTicks(measured.map((d) => d.n as number)) });
  const yTitle = 'rounds until all know (mean, 95% CI)';
  const y = quant('rounds', yTitle);
  const color = seriesColor('series', 'protocol', groups.map((g) => g.label));
  const dashes = kinds.map((k) => RUMOR_THEORY.find((t) => t.kind === k)?.dash ?? LINE_KINDS.measured);
  const dash = dashLegend('kind', 'line', kinds, dashes);
  const layer: Record<string, unknown>[] = [
    {
      data: { values: measured.filter((d) => d.lo !== null && d.hi !== null) },
      mark: { type: 'errorbar', ticks: true },
      encoding: { x, y: { ...quant('lo', yTitle), scale: y.scale }, y2: { field: 'hi' }, color },
    },
    { data: { values: measured }, mark: 'line', encoding: { x, y, color, strokeDash: dash } },
    { data: { values: measured }, mark: 'point', encoding: { x, y, color } },
  ];
  if (theory.length > 0) {
    layer.push({ data: { values: theory }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color, strokeDash: dash } });
  }
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title(
      'Rumor spreading: rounds against n',
      `From one informed agent until every agent knows.${theory.length > 0 ? ' Dashed and dotted: theory for fanout 1 on the complete graph, without its lower-order terms.' : ''}`,
    ),
    ...SIZE,
    layer,
  });
  const caption = `Series: ${groups.map((g) => g.label).join('; ')}.${notes.length > 0 ? ` ${notes.join('; ')}.` : ' No theory curve applies (fanout 1 on the complete graph only).'}`;
  return drawn(spec, caption);
}

/** Chart `plurality-outcome`: mean rounds and the plurality's win rate against the number of opinions m. */
export function pluralityOutcome(inputs: ChartInputs): ChartBuild {
  const all = suiteRows(inputs, 'plurality');
  if (!Array.isArray(all)) return all;
  const rows = all.filter((r) => r.opinions !== null);
  if (new Set(rows.map((r) => r.opinions)).size < 2) return skip('suite plurality has fewer than 2 values of opinions');
  const groups = inItemOrder(groupBy(rows, paramFields(['n', 'opinions'], ['protocol'])), rows);
  const ns = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const nText = (n: number): string => `n ${formatN(n)}`;
  const values = groups.flatMap((g) =>
    [...g.rows]
      .sort((a, b) => a.n - b.n || a.opinions! - b.opinions!)
      .map((r) => ({ series: g.label, n: nText(r.n), m: r.opinions, rounds: r.rounds_mean, lo: r.rounds_ci95_low, hi: r.rounds_ci95_high, winner0: r.winner0_rate })),
  );
  const ms = [...new Set(rows.map((r) => r.opinions!))].sort((a, b) => a - b);
  const x = { field: 'm', type: 'quantitative', title: 'opinions m (count)', scale: { zero: false, nice: false, padding: 12 }, axis: { values: ms, format: 'd' } };
  const color = seriesColor('series', 'protocol', groups.map((g) => g.label));
  // Several n: one dash pattern and shape per n; one n needs neither.
  const byN = ns.length > 1;
  const nDomain = ns.map(nText);
  const dashSet = [LINE_KINDS.measured, [7, 4], [2, 3], [4, 2, 1, 2]];
  const nDash = byN ? { strokeDash: dashLegend('n', 'n (agents)', nDomain, nDomain.map((_, i) => dashSet[i % dashSet.length]!)) } : {};
  const nShape = byN ? { shape: { field: 'n', type: 'nominal', title: 'n (agents)', scale: { domain: nDomain } } } : {};
  const rounds = quant('rounds', 'rounds to agreement (mean, 95% CI)');
  const winner = quant('winner0', 'plurality opinion wins (share of trials)', { zero: true, format: '.0%' });
  const panel = (y: Record<string, unknown>, bars: boolean): Record<string, unknown> => {
    const layer: Record<string, unknown>[] = [
      { mark: 'line', encoding: { x, y, color, ...nDash } },
      { mark: { type: 'point', size: 50 }, encoding: { x, y, color, ...nShape } },
    ];
    if (bars) {
      layer.unshift({
        transform: [{ filter: 'datum.lo != null && datum.hi != null' }],
        mark: { type: 'errorbar', ticks: true },
        encoding: { x, y: { ...quant('lo', String(y.title)), scale: y.scale }, y2: { field: 'hi' }, color },
      });
    }
    return { width: PANEL_WIDTH, height: CHART_HEIGHT, layer };
  };
  const winnerScale = { ...winner, scale: { domain: [0, 1] } };
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title(
      'Plurality: rounds and winner against opinions',
      `Opinion 0 starts as the plurality. Left: mean rounds to agreement with 95% CI; right: share of trials that agreed on opinion 0.${byN ? ' Dashes and shapes tell n apart.' : ''}`,
    ),
    data: { values },
    hconcat: [panel(rounds, true), panel(winnerScale, false)],
    resolve: { scale: { color: 'shared', strokeDash: 'shared', shape: 'shared' } },
  });
  const worst = rows.reduce((a, b) => (b.winner0_rate < a.winner0_rate ? b : a));
  return drawn(
    spec,
    `Series: ${groups.map((g) => g.label).join('; ')}${byN ? `; n = ${ns.map(formatN).join(', ')}` : ''}. Lowest win rate of the plurality: ${sig(worst.winner0_rate)} (${worst.protocol}, m = ${worst.opinions}, n = ${formatN(worst.n)}).`,
  );
}
