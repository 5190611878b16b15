// Tests of the charts of harder conditions: faults (one arm per fault, the no-fault run at level 0
// of each, winner0 and the optional leader0) and topology (stalled graphs marked); each skipped
// without its suite.
import { describe, expect, it } from 'vitest';
import { SOME_CAPPED } from '../../src/report/chart.ts';
import { faultOf, faultsOutcome, LEADER0, tippingPointOf, topologyRounds, topologyText, WINNER0 } from '../../src/report/charts-conditions.ts';
import type { SummaryRow } from '../../src/io/schemas.ts';
import { drawnSpec, fixtureRows, inputsWith, markType, view, views, type View } from './inputs.ts';

const rows = await fixtureRows();
const suite = (name: string): SummaryRow[] => rows.filter((r) => r.suite === name);

/** The panels of the faults chart: shares of trials (top) and rounds (bottom). */
function faultPanels(v: View): { shares: Record<string, unknown>[]; rounds: Record<string, unknown>[]; top: View } {
  const [top, bottom] = v.vconcat!;
  const shares = views(top!).flatMap((x) => (markType(x) === 'line' ? (x.data?.values ?? []) : []));
  return { shares, rounds: bottom!.data!.values!, top: top! };
}

describe('faultOf', () => {
  const base = suite('faults')[0]!;
  it('names the one fault of a row and its level', () => {
    expect(faultOf(base)).toBe('none');
    expect(faultOf({ ...base, loss_rate: 0.4 })).toEqual({ arm: 'loss', level: 0.4 });
    expect(faultOf({ ...base, crash_fraction: 0.3 })).toEqual({ arm: 'crash', level: 0.3 });
    expect(faultOf({ ...base, crash_fraction: 0.3, crash_recovery: 0 })).toEqual({ arm: 'crash', level: 0.3 });
    expect(faultOf({ ...base, crash_fraction: 0.3, crash_recovery: 3 })).toEqual({ arm: 'crash, recovery 3', level: 0.3 });
    expect(faultOf({ ...base, stubborn_fraction: 0.1 })).toEqual({ arm: 'stubborn', level: 0.1 });
    expect(faultOf({ ...base, loss_rate: 0.2, stubborn_fraction: 0.1 })).toBe('several');
  });
});

describe('faults-outcome', () => {
  it('draws one line per arm in suite order, each from the no-fault run at level 0', () => {
    const { rounds } = faultPanels(view(faultsOutcome(inputsWith(rows))));
    const arms = ['loss', 'crash', 'crash, recovery 3', 'stubborn'];
    expect([...new Set(rounds.map((d) => d.series))]).toEqual(arms);
    for (const arm of arms) expect(rounds.find((d) => d.series === arm && d.level === 0)).toMatchObject({ rounds: 2 });
    expect(rounds.filter((d) => d.series === 'loss').map((d) => [d.level, d.rounds])).toEqual([[0, 2], [0.4, 3], [0.8, 11.9]]);
    expect(rounds.find((d) => d.series === 'crash, recovery 3' && d.level === 0.3)).toMatchObject({ rounds: 2.65, lo: 2.42097, hi: 2.87903 });
  });

  it('marks points where trials hit max_rounds and draws winner0 and leader0 apart', () => {
    const { shares, rounds, top } = faultPanels(view(faultsOutcome(inputsWith(rows))));
    expect(rounds.filter((d) => d.status === SOME_CAPPED).map((d) => [d.series, d.level])).toEqual([['stubborn', 0.1]]);
    const at = (level: number, measure: string) => shares.find((d) => d.series === 'stubborn' && d.level === level && d.measure === measure);
    // 10% stubborn agents stall the network: no trial agrees, but opinion 0 still leads in all.
    expect(at(0.1, WINNER0)).toMatchObject({ share: 0 });
    expect(at(0.1, LEADER0)).toMatchObject({ share: 1 });
    expect(at(0.3, LEADER0)).toMatchObject({ share: 0 });
    const dash = views(top).find((x) => x.encoding?.strokeDash)!.encoding!.strokeDash!;
    expect(dash.scale!.domain).toEqual([WINNER0, LEADER0]);
    const rule = views(top).find((x) => markType(x) === 'rule')!;
    expect(rule.encoding!.y!.datum).toBe(0.95);
  });

  it('draws the mean-field rounds as diamonds and the stubborn tipping point as a rule', () => {
    const withTheory = rows.map((r) => (r.suite === 'faults' && r.loss_rate === 0.8 ? { ...r, theory_rounds: 12 } : r));
    const v = view(faultsOutcome(inputsWith(withTheory)));
    const [top, bottom] = v.vconcat!;
    const diamonds = views(bottom!).find((x) => typeof x.mark === 'object' && (x.mark as { shape?: string }).shape === 'diamond')!;
    // The no-fault row (theory 2) is level 0 of each of the 4 arms; loss 0.8 has 12.
    expect(diamonds.data!.values!.map((d) => [d.series, d.level, d.rounds])).toContainEqual(['loss', 0.8, 12]);
    expect(diamonds.data!.values!.filter((d) => d.level === 0)).toHaveLength(4);
    const tip = views(top!).filter((x) => markType(x) === 'rule' && x.encoding!.x !== undefined);
    expect(tip).toHaveLength(1);
    expect(tip[0]!.encoding!.x!.datum).toBeCloseTo(0.26835, 4);
  });

  it('finds the tipping point only for one majority setting on the complete graph', () => {
    const stubborn = suite('faults').filter((r) => (r.stubborn_fraction ?? 0) > 0).map((row) => ({ arm: 'stubborn', level: row.stubborn_fraction!, row }));
    expect(tippingPointOf(stubborn)).toBeCloseTo(0.26835, 4);
    expect(tippingPointOf([...stubborn, { ...stubborn[0]!, row: { ...stubborn[0]!.row, fanout: 3 } }])).toBeNull();
    expect(tippingPointOf(stubborn.map((p) => ({ ...p, row: { ...p.row, protocol: '2-choices' } })))).toBeNull();
    expect(tippingPointOf([])).toBeNull();
  });

  it('draws winner0 alone for older runs without leader0_rate', () => {
    const older = rows.map((r) => ({ ...r, leader0_rate: null }));
    const { shares, top } = faultPanels(view(faultsOutcome(inputsWith(older))));
    expect(new Set(shares.map((d) => d.measure))).toEqual(new Set([WINNER0]));
    expect(views(top).find((x) => x.encoding?.strokeDash)!.encoding!.strokeDash!.scale!.domain).toEqual([WINNER0]);
  });

  it('leaves out rows with more than one fault and says so', () => {
    const odd = { ...suite('faults')[1]!, stubborn_fraction: 0.2 };
    const b = faultsOutcome(inputsWith([...suite('faults'), odd]));
    expect(faultPanels(view(b)).rounds.some((d) => d.level === 0.4 && d.series === 'stubborn')).toBe(false);
    expect(drawnSpec(b).caption).toContain('1 row(s) with more than one fault left out');
  });

  it('is skipped with a reason without faults rows or without a fault', () => {
    expect(faultsOutcome(inputsWith(rows.filter((r) => r.suite !== 'faults')))).toEqual({ ok: false, reason: 'summary.csv has no rows of suite faults' });
    const calm = faultsOutcome(inputsWith(suite('faults').filter((r) => faultOf(r) === 'none')));
    expect(calm.ok ? '' : calm.reason).toMatch(/no row with a fault/);
  });
});

describe('topology-rounds', () => {
  it('names topologies with their parameters', () => {
    const [complete, ring, torus, er, ws] = suite('topology');
    expect([complete, ring, torus, er, ws].map((r) => topologyText(r!))).toEqual(['complete', 'ring (degree 4)', 'torus', 'er (degree 8)', 'ws (degree 8, rewire 0.1)']);
  });

  it('draws rounds and messages per agent, fastest first, marking the topologies that stalled', () => {
    const b = topologyRounds(inputsWith(rows));
    const values = view(b).data!.values!;
    expect(values.map((d) => d.graph)).toEqual(['complete', 'er (degree 8)', 'ws (degree 8, rewire 0.1)', 'ring (degree 4)', 'torus']);
    expect(values[0]).toMatchObject({ rounds: 3, perAgent: 9, note: '' });
    expect(values.filter((d) => d.status === SOME_CAPPED).map((d) => [d.graph, d.rounds, d.note])).toEqual([
      ['ring (degree 4)', 200, '0% converged'],
      ['torus', 200, '0% converged'],
    ]);
    const cap = views(view(b)).find((x) => markType(x) === 'rule')!;
    expect(cap.encoding!.x!.datum).toBe(200);
    expect(drawnSpec(b).caption).toContain('Did not converge within max_rounds in every trial: ring (degree 4) (0% converged); torus (0% converged).');
  });

  it('tells the same topology at two n apart by n only', () => {
    const twice = [...suite('topology'), ...suite('topology').map((r) => ({ ...r, n: 1000 }))];
    const graphs = new Set(view(topologyRounds(inputsWith(twice))).data!.values!.map((d) => d.graph));
    expect(graphs).toContain('torus, n 1,000');
    expect(graphs).toContain('torus, n 10,000');
  });

  it('is skipped with a reason without topology rows', () => {
    expect(topologyRounds(inputsWith(rows.filter((r) => r.suite !== 'topology')))).toEqual({ ok: false, reason: 'summary.csv has no rows of suite topology' });
  });
});
