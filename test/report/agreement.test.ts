// Tests of chart 4: a few points overlaid, many as small multiples (one panel each), and the
// late rounds that fewer than half of a point's trials ran left out.
import { describe, expect, it } from 'vitest';
import type { ChartInputs } from '../../src/report/chart.ts';
import { agreementByRound, MIN_TRIAL_SHARE, OVERLAY_MAX_POINTS } from '../../src/report/charts-agreement.ts';
import { renderSvg } from '../../src/report/render.ts';
import type { RunData } from '../../src/io/run-folder.ts';
import type { AgreementRow } from '../../src/io/schemas.ts';
import { hasRole, roleTexts } from './svg.ts';

/** Agreement rows of `points` points (n = 10, 20, ...), rounds 1-6, trials halving from round 4. */
function rows(points: number): AgreementRow[] {
  const out: AgreementRow[] = [];
  for (let p = 0; p < points; p++) {
    for (let round = 1; round <= 6; round++) {
      out.push({
        suite: 'scaling', point: p, n: 10 * (p + 1), fanout: 3, start: 'split', split: 0.7, threshold: 0.95, round,
        trials: round < 4 ? 100 : 100 / 2 ** (round - 3), agreement_mean: 1 - 0.3 / round, agreement_theory: 1 - 0.28 / round,
      });
    }
  }
  return out;
}

function inputs(agreement: AgreementRow[]): ChartInputs {
  const run = {
    dir: '/nowhere', info: {} as RunData['info'], summary: null, trials: null, claims: null, throughput: null, files: [],
    agreement: { file: 'agreement.csv', header: [], rows: agreement },
  } as RunData;
  return { run, history: null, historyPath: '' };
}

function build(points: number) {
  const b = agreementByRound(inputs(rows(points)));
  if (!b.ok) throw new Error(b.reason);
  return b;
}

describe('agreement-by-round', () => {
  it('overlays a few points, one colour each, without the rounds most trials skipped', async () => {
    const b = build(3);
    const spec = b.spec as unknown as { layer: { data: { values: { round: number }[] } }[] };
    expect(spec.layer).toBeDefined();
    const rounds = new Set(spec.layer[0]!.data.values.map((v) => v.round));
    // Trials: 100, 100, 100, 50, 25, 12.5: rounds with < 50% of the first round's trials go.
    expect(MIN_TRIAL_SHARE).toBe(0.5);
    expect([...rounds]).toEqual([1, 2, 3, 4]);
    const { svg, warnings } = await renderSvg(b.spec);
    expect(warnings).toEqual([]);
    expect(roleTexts(svg, 'legend-label')).toEqual(['n 10, fanout 3', 'n 20, fanout 3', 'n 30, fanout 3', 'measured', 'mean-field theory']);
  });

  it('draws many points as small multiples with a header per point', async () => {
    const b = build(OVERLAY_MAX_POINTS + 4);
    const spec = b.spec as unknown as { facet: { field: string }; columns: number };
    expect(spec.facet.field).toBe('series');
    const { svg, warnings } = await renderSvg(b.spec);
    expect(warnings).toEqual([]);
    expect(hasRole(svg, 'legend')).toBe(true);
    // Panel headers are multi-line titles (tspans); their aria-label holds the whole text.
    expect(svg.match(/aria-label="Title text 'scaling n \d+, fanout 3 split 0\.7, threshold 0\.95'"/g)).toHaveLength(OVERLAY_MAX_POINTS + 4);
    expect(roleTexts(svg, 'axis-title')).toContain('round (rounds)');
  });
});
