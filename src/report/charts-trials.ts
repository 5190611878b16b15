// Chart 3, drawn from per-trial data (trials.csv): the distribution of rounds at each
// seed-claims point, one bar colour per point.
import { asSpec, drawn, quant, seriesColor, SIZE, skip, title, VL_SCHEMA, type ChartBuild, type ChartInputs } from './chart.ts';
import type { TrialRow } from '../io/schemas.ts';
import { formatN, groupBy, startText, type LabelField } from './series.ts';

/** The suite whose per-trial rounds chart 3 shows. */
export const SEED_SUITE = 'seed-claims';

const TRIAL_POINT_FIELDS: readonly LabelField<TrialRow>[] = [
  { name: 'n', text: (r) => `n ${formatN(r.n)}`, always: true },
  { name: 'fanout', text: (r) => `fanout ${r.fanout}`, always: true },
  { name: 'start', text: (r) => startText(r.start, r.split) },
  { name: 'threshold', text: (r) => `threshold ${r.threshold}` },
  { name: 'point', text: (r) => `point ${r.point}`, hidden: true },
];

/** Chart 3 (`seed-claims-rounds`): share of trials per rounds value, one bar colour per point. */
export function seedClaimsRounds(inputs: ChartInputs): ChartBuild {
  const trials = inputs.run.trials;
  if (!trials) return skip('no trials.csv in the run folder');
  const rows = trials.rows.filter((r) => r.suite === SEED_SUITE);
  if (rows.length === 0) return skip(`trials.csv has no rows of suite ${SEED_SUITE}`);
  const groups = groupBy(rows, TRIAL_POINT_FIELDS);
  const lo = Math.min(...rows.map((r) => r.rounds));
  const hi = Math.max(...rows.map((r) => r.rounds));
  const values: Record<string, unknown>[] = [];
  const notes: string[] = [];
  for (const g of groups) {
    const counts = new Map<number, number>();
    for (const r of g.rows) counts.set(r.rounds, (counts.get(r.rounds) ?? 0) + 1);
    for (let k = lo; k <= hi; k++) values.push({ point: g.label, rounds: k, share: (counts.get(k) ?? 0) / g.rows.length, trials: counts.get(k) ?? 0 });
    const unconverged = g.rows.filter((r) => !r.converged).length;
    notes.push(`${g.label}: ${g.rows.length} trials${unconverged > 0 ? `, ${unconverged} not converged (counted at max_rounds)` : ''}`);
  }
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title('Rounds to agreement at the seed-claims points', 'Share of trials that reached the threshold after each number of rounds.'),
    ...SIZE,
    data: { values },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      x: { field: 'rounds', type: 'ordinal', title: 'rounds to agreement (rounds)', axis: { labelAngle: 0 } },
      xOffset: { field: 'point', type: 'nominal', scale: { domain: groups.map((g) => g.label) } },
      y: { ...quant('share', 'share of trials (%)', { zero: true, format: '.0%' }) },
      color: seriesColor('point', 'point', groups.map((g) => g.label)),
    },
  });
  return drawn(spec, `${notes.join('; ')}.`);
}
