// Charts of one protocol under harder conditions: faults (message loss, crashes, stubborn agents)
// against their level, and the graph agents may ask (topology), each from summary.csv.
import {
  ALL_CONVERGED,
  asSpec,
  convergence,
  dashLegend,
  convergenceShape,
  drawn,
  logTicks,
  quant,
  seriesColor,
  sig,
  skip,
  SOME_CAPPED,
  statusesIn,
  suiteRows,
  title,
  VL_SCHEMA,
  type ChartBuild,
  type ChartInputs,
} from './chart.ts';
import { stubbornTippingPoint } from '../claims/theory.ts';
import type { SummaryRow } from '../io/schemas.ts';
import { formatN, groupBy, inItemOrder, paramFields, type LabelField } from './series.ts';
import { CHART_WIDTH, LINE_KINDS, PALETTE, PANEL_WIDTH } from './theme.ts';

/** One fault of a faults-suite row: its arm (`loss`, `crash`, `crash, recovery 3`, `stubborn`) and level in [0, 1]. */
export interface Fault {
  arm: string;
  level: number;
}

/**
 * The fault a row sets: `none` when it sets none (the baseline, level 0 of every arm), `several`
 * when it sets more than one (not drawn). Crashes that recover after r rounds are an arm of their own.
 */
export function faultOf(r: SummaryRow): Fault | 'none' | 'several' {
  const set: Fault[] = [];
  if ((r.loss_rate ?? 0) > 0) set.push({ arm: 'loss', level: r.loss_rate! });
  if ((r.crash_fraction ?? 0) > 0) {
    const rec = r.crash_recovery ?? 0;
    set.push({ arm: rec > 0 ? `crash, recovery ${rec}` : 'crash', level: r.crash_fraction! });
  }
  if ((r.stubborn_fraction ?? 0) > 0) set.push({ arm: 'stubborn', level: r.stubborn_fraction! });
  return set.length === 0 ? 'none' : set.length === 1 ? set[0]! : 'several';
}

/** A row placed on an arm of the faults chart. */
interface FaultPoint extends Fault {
  row: SummaryRow;
}

/** Label fields of the rest of a row (shown only where they vary), for items wrapping a row. */
function rowFields<T>(of: (item: T) => SummaryRow, leaveOut: readonly string[]): LabelField<T>[] {
  return paramFields(leaveOut).map((f) => ({ name: f.name, text: (item: T) => f.text(of(item)) }));
}

/** The two correctness measures of the faults chart, as the legend names them. */
export const WINNER0 = 'agreed on opinion 0 (winner0_rate)';
/** See {@link WINNER0}. */
export const LEADER0 = 'opinion 0 leads at the end (leader0_rate)';

/** The share of trials the correctness panel asks for (the claims' usual level). */
const TARGET_SHARE = 0.95;

/**
 * The mean-field stubborn tipping point of the stubborn arm (see theory.ts), when all its rows are
 * the seed's majority on the complete graph from one split and fanout with stubborn holders of 1.
 */
export function tippingPointOf(points: readonly FaultPoint[]): number | null {
  const rows = points.filter((p) => p.arm === 'stubborn').map((p) => p.row);
  const first = rows[0];
  if (first === undefined || first.split === null || first.split <= 0.5) return null;
  const same = rows.every(
    (r) => r.protocol === 'majority' && (r.topology ?? 'complete') === 'complete' && r.split === first.split && r.fanout === first.fanout && r.n === first.n,
  );
  return same ? stubbornTippingPoint(first.split, Math.min(first.fanout, first.n - 1)) : null;
}

/** Chart `faults-outcome`: correctness and mean rounds against the fault level, one line per fault arm. */
export function faultsOutcome(inputs: ChartInputs): ChartBuild {
  const rows = suiteRows(inputs, 'faults');
  if (!Array.isArray(rows)) return rows;
  const faults = rows.map((r) => ({ r, f: faultOf(r) }));
  const points: FaultPoint[] = [];
  for (const { r, f } of faults) if (typeof f === 'object') points.push({ ...f, row: r });
  if (points.length === 0) return skip('suite faults has no row with a fault (loss_rate, crash_fraction or stubborn_fraction > 0)');
  const arms = [...new Set(points.map((p) => p.arm))];
  for (const { r, f } of faults) if (f === 'none') for (const arm of arms) points.push({ arm, level: 0, row: r });
  const several = faults.filter((x) => x.f === 'several').length;

  const fields: LabelField<FaultPoint>[] = [{ name: 'arm', text: (p) => p.arm, always: true }, ...rowFields<FaultPoint>((p) => p.row, ['crash', 'loss', 'recovery', 'stubborn'])];
  const groups = inItemOrder(groupBy(points, fields), points);
  const hasLeader = points.some((p) => p.row.leader0_rate !== null);
  const shares: { series: string; level: number; measure: string; share: number }[] = [];
  const rounds: { series: string; level: number; rounds: number; lo: number | null; hi: number | null; status: string }[] = [];
  const theory: { series: string; level: number; rounds: number }[] = [];
  for (const g of groups) {
    for (const p of [...g.rows].sort((a, b) => a.level - b.level)) {
      const r = p.row;
      shares.push({ series: g.label, level: p.level, measure: WINNER0, share: r.winner0_rate });
      if (hasLeader && r.leader0_rate !== null) shares.push({ series: g.label, level: p.level, measure: LEADER0, share: r.leader0_rate });
      rounds.push({ series: g.label, level: p.level, rounds: r.rounds_mean, lo: r.rounds_ci95_low, hi: r.rounds_ci95_high, status: convergence(r) });
      if (r.theory_rounds !== null) theory.push({ series: g.label, level: p.level, rounds: r.theory_rounds });
    }
  }
  const tip = tippingPointOf(points);
  const tipLayers =
    tip === null
      ? []
      : [
          { data: { values: [{}] }, mark: { type: 'rule', color: PALETTE[3], strokeDash: [4, 3] }, encoding: { x: { datum: tip } } },
          {
            data: { values: [{}] },
            mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: '#555555', fontSize: 10 },
            encoding: { x: { datum: tip }, y: { datum: 0.5 }, text: { value: `stubborn tipping point ${tip.toFixed(3)} (mean-field)` } },
          },
        ];

  // The domain reaches a little past [0, 1] so that the points at level 0 clear the axis.
  const x = { ...quant('level', 'fault level (loss rate, or share of agents crashed or stubborn)'), scale: { domain: [-0.03, 1.03], nice: false } };
  const color = seriesColor('series', 'fault', groups.map((g) => g.label));
  const share = { ...quant('share', 'share of trials (0 to 1)'), scale: { domain: [0, 1] } };
  const measures = hasLeader ? [WINNER0, LEADER0] : [WINNER0];
  // Lines tell the measures apart by dashes (the legend); points by fill, open and larger for leader0.
  const dash = dashLegend('measure', 'correctness', measures, [LINE_KINDS.measured, [5, 3]]);
  const top = {
    width: CHART_WIDTH,
    height: 200,
    layer: [
      { data: { values: [{}] }, mark: { type: 'rule', color: '#888888', strokeDash: [2, 3] }, encoding: { y: { datum: TARGET_SHARE } } },
      {
        data: { values: [{}] },
        mark: { type: 'text', align: 'right', baseline: 'top', dx: -3, dy: 3, color: '#555555', fontSize: 10 },
        encoding: { x: { datum: 1 }, y: { datum: TARGET_SHARE }, text: { value: String(TARGET_SHARE) } },
      },
      ...tipLayers,
      { data: { values: shares }, mark: 'line', encoding: { x, y: share, color, strokeDash: dash } },
      { data: { values: shares }, transform: [{ filter: { field: 'measure', equal: WINNER0 } }], mark: { type: 'point', size: 40 }, encoding: { x, y: share, color } },
      {
        data: { values: shares },
        transform: [{ filter: { field: 'measure', equal: LEADER0 } }],
        mark: { type: 'point', size: 110, filled: false, strokeWidth: 1.5 },
        encoding: { x, y: share, color },
      },
    ],
  };
  const span = [...rounds.flatMap((v) => [v.rounds, v.lo ?? v.rounds, v.hi ?? v.rounds]), ...theory.map((v) => v.rounds)];
  const ticks = logTicks(span);
  const roundsTitle = 'rounds (mean, 95% CI, log scale)';
  const y = quant('rounds', roundsTitle, { log: true, ticks, format: '~s' });
  const bottom = {
    width: CHART_WIDTH,
    height: 240,
    data: { values: rounds },
    layer: [
      {
        transform: [{ filter: 'datum.lo != null && datum.hi != null && datum.lo > 0' }],
        mark: { type: 'errorbar', ticks: true },
        encoding: { x, y: quant('lo', roundsTitle, { log: true, ticks, format: '~s' }), y2: { field: 'hi' }, color },
      },
      { mark: 'line', encoding: { x, y, color } },
      { mark: { type: 'point', size: 60 }, encoding: { x, y, color, shape: convergenceShape(statusesIn(rounds)) } },
      // Mean-field rounds (theory_rounds): open diamonds, where the theory reaches the threshold.
      { data: { values: theory }, mark: { type: 'point', shape: 'diamond', filled: false, size: 130, strokeWidth: 1.5 }, encoding: { x, y, color } },
    ],
  };
  const capped = rounds.filter((v) => v.status === SOME_CAPPED).length;
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title(
      'Faults: outcome and cost against fault level',
      [
        'One fault at a time; level 0 is the run without faults. Top: share of trials in which opinion 0, the initial majority,',
        `${hasLeader ? 'won (solid) or led at the end (dashed, open circles)' : 'won'}; dotted rule at ${TARGET_SHARE}. Bottom: mean rounds${theory.length > 0 ? ', open diamonds the mean-field theory' : ''}.${capped > 0 ? ' Triangles: some trials hit max_rounds.' : ''}`,
      ],
    ),
    vconcat: [top, bottom],
    spacing: 18,
  });
  const lost = rows.filter((r) => r.winner0_rate < TARGET_SHARE).map((r) => {
    const f = faultOf(r);
    return typeof f === 'object' ? `${f.arm} ${f.level}` : f === 'none' ? 'no fault' : 'several faults';
  });
  const notes = [
    `Series: ${groups.map((g) => g.label).join('; ')}.`,
    lost.length > 0 ? `Opinion 0 won fewer than ${TARGET_SHARE * 100}% of trials at: ${lost.join(', ')}.` : `Opinion 0 won at least ${TARGET_SHARE * 100}% of trials everywhere.`,
    capped > 0 ? `${capped} point(s) where some trials hit max_rounds.` : '',
    tip !== null ? `Mean-field stubborn tipping point: ${tip.toFixed(3)}.` : '',
    several > 0 ? `${several} row(s) with more than one fault left out.` : '',
  ];
  return drawn(spec, notes.filter((t) => t !== '').join(' '));
}

/** A topology as the chart names it: `complete`, `ring (degree 4)`, `ws (degree 8, rewire 0.1)`. */
export function topologyText(r: SummaryRow): string {
  const params = [r.degree === null ? '' : `degree ${r.degree}`, r.rewire === null ? '' : `rewire ${r.rewire}`].filter((t) => t !== '');
  const name = r.topology ?? 'complete';
  return params.length > 0 ? `${name} (${params.join(', ')})` : name;
}

/** Height of each topology's row, in pixels. */
const ROW_HEIGHT = 30;

/** Colours of the convergence status in the topology chart. */
const STATUS_COLOURS: Record<string, string> = { [ALL_CONVERGED]: PALETTE[0]!, [SOME_CAPPED]: PALETTE[1]! };

/** Chart `topology-rounds`: mean rounds (95% CI) and messages per agent for each topology. */
export function topologyRounds(inputs: ChartInputs): ChartBuild {
  const rows = suiteRows(inputs, 'topology');
  if (!Array.isArray(rows)) return rows;
  const fields: LabelField<SummaryRow>[] = [
    { name: 'graph', text: topologyText, always: true },
    ...rowFields<SummaryRow>((r) => r, ['topology', 'n']),
    { name: 'n', text: (r) => `n ${formatN(r.n)}`, hidden: true },
  ];
  const groups = groupBy(rows, fields);
  const values = groups
    .flatMap((g) =>
      g.rows.map((r) => ({
        graph: g.label,
        topology: topologyText(r),
        n: r.n,
        rounds: r.rounds_mean,
        lo: r.rounds_ci95_low,
        hi: r.rounds_ci95_high,
        perAgent: r.messages_mean / r.n,
        status: convergence(r),
        note: r.converged_rate < 1 ? `${sig(r.converged_rate * 100, 2)}% converged` : '',
      })),
    );
  // Topologies fastest first (by their fastest point), each one's sizes together, smallest n first.
  const fastest = new Map<string, number>();
  for (const v of values) fastest.set(v.topology, Math.min(fastest.get(v.topology) ?? Infinity, v.rounds));
  values.sort((a, b) => fastest.get(a.topology)! - fastest.get(b.topology)! || a.topology.localeCompare(b.topology) || a.n - b.n || a.graph.localeCompare(b.graph));
  const order = [...new Set(values.map((v) => v.graph))];
  const statuses = statusesIn(values);
  const y = { field: 'graph', type: 'nominal', title: 'topology (graph)', sort: order };
  const color = { field: 'status', type: 'nominal', title: 'convergence', scale: { domain: statuses, range: statuses.map((s) => STATUS_COLOURS[s]) } };
  const shape = convergenceShape(statuses);
  const roundsTitle = 'rounds to agreement (mean, 95% CI, log scale)';
  const roundsTicks = logTicks(values.flatMap((v) => [v.rounds, v.lo ?? v.rounds, v.hi ?? v.rounds]));
  const xr = quant('rounds', roundsTitle, { log: true, ticks: roundsTicks, format: '~s' });
  const maxRounds = new Set(rows.map((r) => r.max_rounds));
  const capped = values.filter((v) => v.status === SOME_CAPPED);
  const roundsLayer: Record<string, unknown>[] = [
    {
      transform: [{ filter: 'datum.lo != null && datum.hi != null && datum.lo > 0' }],
      mark: { type: 'errorbar', ticks: true },
      encoding: { y, x: quant('lo', roundsTitle, { log: true, ticks: roundsTicks, format: '~s' }), x2: { field: 'hi' }, color },
    },
    { mark: { type: 'point', size: 70 }, encoding: { y, x: xr, color, shape } },
    {
      transform: [{ filter: "datum.note != ''" }],
      mark: { type: 'text', align: 'right', dx: -9, fontSize: 10 },
      encoding: { y, x: xr, text: { field: 'note' }, color },
    },
  ];
  if (capped.length > 0 && maxRounds.size === 1) {
    const cap = [...maxRounds][0]!;
    roundsLayer.push({ mark: { type: 'rule', color: '#888888', strokeDash: [4, 4] }, encoding: { x: { datum: cap } } });
  }
  const perAgentTitle = 'messages per agent (mean, log scale)';
  const messagesLayer = [
    {
      mark: { type: 'point', size: 70 },
      encoding: {
        y: { ...y, axis: { labels: false, ticks: false, title: null } },
        x: quant('perAgent', perAgentTitle, { log: true, ticks: logTicks(values.map((v) => v.perAgent)), format: '~s' }),
        color,
        shape,
      },
    },
  ];
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title(
      'Rounds and messages per topology',
      `Left: mean rounds with 95% CI; right: messages per agent.${capped.length > 0 ? ` Triangles: stopped at max_rounds (${[...maxRounds].join(', ')}, dashed) in some trials; the mean is a lower bound.` : ''}`,
    ),
    data: { values },
    hconcat: [
      { width: PANEL_WIDTH, height: ROW_HEIGHT * order.length, layer: roundsLayer },
      { width: PANEL_WIDTH - 100, height: ROW_HEIGHT * order.length, layer: messagesLayer },
    ],
    spacing: 16,
    resolve: { scale: { y: 'shared' } },
  });
  const stalled = capped.map((v) => `${v.graph} (${v.note})`);
  return drawn(
    spec,
    `Topologies, fastest first: ${order.join('; ')}.${stalled.length > 0 ? ` Did not converge within max_rounds in every trial: ${stalled.join('; ')}.` : ' Every trial converged.'}`,
  );
}
