// Charts of suite `deployed` (dissemination as deployed): memberlist's informed share against
// seconds, measured under rounds and timers, beside Serf's curve; rumor mongering's residue and
// traffic against k per variant, beside the mean-field residue of feedback + coin.
import { mongeringResidue, serfInformedShare } from '../claims/dissemination-theory.ts';
import { asSpec, dashLegend, drawn, quant, seriesColor, sig, SIZE, skip, suiteRows, title, VL_SCHEMA, type ChartBuild, type ChartInputs } from './chart.ts';
import type { SummaryRow } from '../io/schemas.ts';
import { formatN } from './series.ts';
import { CHART_HEIGHT, PANEL_WIDTH } from './theme.ts';

/** Rounds run by fewer than this share of a point's trials are left out (trials stop at quiescence). */
const MIN_TRIAL_SHARE = 0.5;
/** Points on each Serf curve. */
const CURVE_POINTS = 80;
const SERF = "Serf's formula";
const DASHES: Record<string, readonly number[]> = { rounds: [1, 0], timers: [6, 3], [SERF]: [2, 3] };

/** The memberlist points without loss or failed nodes. */
function plainMemberlist(rows: readonly SummaryRow[]): SummaryRow[] {
  return rows.filter((r) => r.protocol === 'memberlist' && (r.loss_rate ?? 0) === 0 && (r.crash_fraction ?? 0) === 0 && r.interval !== null);
}

/**
 * Chart `deployed-informed-vs-seconds`: mean informed share of the live nodes after each round
 * (rounds) or interval (timers), at its end in seconds, for memberlist's defaults without faults,
 * one colour per n, solid for rounds and dashed for timers, with Serf's logistic curve (dotted).
 */
export function deployedInformedVsSeconds(inputs: ChartInputs): ChartBuild {
  const all = suiteRows(inputs, 'deployed');
  if (!Array.isArray(all)) return all;
  const points = plainMemberlist(all);
  if (points.length === 0) return skip('suite deployed has no memberlist point without loss or failed nodes');
  const agreement = inputs.run.agreement;
  if (!agreement) return skip('no agreement.csv in the run folder');
  const ns = [...new Set(points.map((r) => r.n))].sort((a, b) => a - b);
  const nText = (n: number): string => `n ${formatN(n)}`;
  const measured: Record<string, unknown>[] = [];
  const theory: Record<string, unknown>[] = [];
  let tMax = 0;
  for (const p of points) {
    const rows = agreement.rows.filter((a) => a.suite === p.suite && a.point === p.point).sort((a, b) => a.round - b.round);
    const first = rows[0]?.trials ?? 0;
    const kept = rows.filter((a) => a.trials >= Math.max(1, MIN_TRIAL_SHARE * first));
    const line = p.timing ?? 'rounds';
    measured.push({ n: nText(p.n), t: 0, share: 1 / p.n, line });
    for (const a of kept) {
      const t = a.round * p.interval!;
      tMax = Math.max(tMax, t);
      measured.push({ n: nText(p.n), t, share: a.agreement_mean, line });
    }
  }
  const byN = new Map(points.map((p) => [p.n, p]));
  for (const [n, p] of byN) {
    for (let i = 0; i <= CURVE_POINTS; i++) {
      const t = (tMax * i) / CURVE_POINTS;
      theory.push({ n: nText(n), t, share: serfInformedShare(t / p.interval!, n, p.fanout, 0, 0), line: SERF });
    }
  }
  const lines = ['rounds', 'timers', SERF].filter((l) => [...measured, ...theory].some((d) => d.line === l));
  const x = quant('t', 'seconds since the news (end of each round or interval)', { zero: true });
  const y = quant('share', 'informed share of the live nodes (mean)', { zero: true, format: '.0%' });
  const color = seriesColor('n', 'nodes', ns.map(nText));
  const strokeDash = dashLegend('line', 'line', lines, lines.map((l) => DASHES[l]!));
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title("memberlist: informed share against seconds, beside Serf's formula", [
      'fanout 3, retransmitMult 4, interval 0.2 s, no loss or failed nodes; solid: synchronous rounds, dashed: per-node timers,',
      `dotted: Serf's logistic curve i(x) / n = 1 / (1 + (n + 1) e^(-3x)). Rounds run by fewer than ${MIN_TRIAL_SHARE * 100}% of the trials are left out.`,
    ]),
    ...SIZE,
    layer: [
      { data: { values: theory }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color, strokeDash } },
      { data: { values: measured }, mark: 'line', encoding: { x, y, color, strokeDash } },
      { data: { values: measured.filter((d) => d.t !== 0) }, mark: { type: 'point', size: 20 }, encoding: { x, y, color } },
    ],
  });
  const notes = points
    .filter((p) => p.seconds_to_9999_mean !== null && p.theory_seconds_to_9999 !== null)
    .map((p) => `n ${formatN(p.n)} ${p.timing}: 99.99% after ${sig(p.seconds_to_9999_mean!)} s (Serf ${sig(p.theory_seconds_to_9999!)} s)`);
  return drawn(spec, `${notes.join('; ')}.`);
}

/** A rumor-mongering variant as a legend label. */
const variantOf = (r: SummaryRow): string => `${r.feedback} + ${r.removal}`;

/**
 * Chart `deployed-residue-vs-k`: rumor mongering's mean residue (log) and traffic (messages per
 * agent) against k, one colour per variant, dashes per timing and n, with the mean-field residue
 * of feedback + coin (dotted, black).
 */
export function deployedResidueVsK(inputs: ChartInputs): ChartBuild {
  const all = suiteRows(inputs, 'deployed');
  if (!Array.isArray(all)) return all;
  const rows = all.filter((r) => r.protocol === 'rumor-mongering' && r.k !== null && r.residue_mean !== null);
  if (new Set(rows.map((r) => r.k)).size < 2) return skip('suite deployed has fewer than 2 values of k for rumor-mongering');
  const variants = [...new Set(rows.map(variantOf))];
  const lineOf = (r: SummaryRow): string => `${r.timing ?? 'rounds'}, n ${formatN(r.n)}`;
  const lines = [...new Set(rows.map(lineOf))].sort();
  const ks = [...new Set(rows.map((r) => r.k!))].sort((a, b) => a - b);
  const values = [...rows]
    .sort((a, b) => a.k! - b.k!)
    .map((r) => ({ variant: variantOf(r), line: lineOf(r), k: r.k, residue: Math.max(r.residue_mean!, 1e-7), traffic: r.messages_mean / r.n }));
  const MF = 'mean-field, feedback + coin';
  const theory = ks.map((k) => ({ k, residue: mongeringResidue(k), line: MF }));
  const x = { field: 'k', type: 'quantitative', title: 'k (removal parameter)', scale: { zero: false, nice: false, padding: 12 }, axis: { values: ks, format: 'd' } };
  const color = seriesColor('variant', 'variant', variants);
  const dashSet = [[1, 0], [6, 3], [3, 2], [8, 2, 2, 2]];
  const strokeDash = dashLegend('line', 'timing, n', [...lines, MF], [...lines.map((_, i) => dashSet[i % dashSet.length]!), [2, 3]]);
  const residue = quant('residue', 'residue: share never informed (mean, log)', { log: true });
  const traffic = quant('traffic', 'traffic: messages per agent (mean)', { zero: true });
  const panel = (y: Record<string, unknown>, withTheory: boolean): Record<string, unknown> => ({
    width: PANEL_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      ...(withTheory ? [{ data: { values: theory }, mark: { type: 'line', color: '#000000', strokeWidth: 1.5 }, encoding: { x, y, strokeDash } }] : []),
      { data: { values }, mark: 'line', encoding: { x, y, color, strokeDash, detail: { field: 'line' } } },
      { data: { values }, mark: { type: 'point', size: 30 }, encoding: { x, y, color } },
    ],
  });
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title('Rumor mongering: residue and traffic against k', [
      'Push, fanout 1, from one source to quiescence. Left: share of agents never informed (log); right: messages per agent.',
      'Dotted black: the mean-field residue of feedback + coin, s = e^(-(k+1)(1-s)) (Demers et al. 1987).',
    ]),
    hconcat: [panel(residue, true), panel(traffic, false)],
    resolve: { scale: { color: 'shared', strokeDash: 'shared' } },
  });
  const fc = rows.filter((r) => r.feedback === 'feedback' && r.removal === 'coin');
  const notes = fc.map((r) => `${lineOf(r)} k ${r.k}: ${sig(r.residue_mean!)} (mean-field ${sig(mongeringResidue(r.k!))})`);
  return drawn(spec, `Variants: ${variants.join('; ')}. Feedback + coin residue: ${notes.join('; ')}.`);
}
