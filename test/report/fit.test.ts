// Tests that chart 1's dashed curve is the best class chosen by fitSeries (not a fixed class),
// evaluated as a + b * g(n) over the series' range.
import { describe, expect, it } from 'vitest';
import { fitSeries, GROWTH, type ComplexityClass } from '../../src/claims/complexity.ts';
import type { ChartInputs } from '../../src/report/chart.ts';
import { roundsFits, roundsVsN } from '../../src/report/charts-scaling.ts';
import { loadRun } from '../../src/io/run-folder.ts';
import type { SummaryRow } from '../../src/io/schemas.ts';
import { FIT_MIN_N, roundsSe } from '../../src/report/series.ts';
import { FIXTURE_RUN } from './fixture.ts';
import { inputsWith } from './inputs.ts';

/** The points of the `best fit` layer of a rounds-vs-n spec, by series label. */
function fittedLayer(inputs: ChartInputs): Map<string, { n: number; rounds: number; cls: ComplexityClass }[]> {
  const built = roundsVsN(inputs);
  if (!built.ok) throw new Error(built.reason);
  const layers = (built.spec as unknown as { layer: { data?: { values?: Record<string, unknown>[] } }[] }).layer;
  const fit = layers.find((l) => l.data?.values?.[0]?.kind === 'best fit')!;
  const out = new Map<string, { n: number; rounds: number; cls: ComplexityClass }[]>();
  for (const v of fit.data!.values! as { series: string; n: number; rounds: number; cls: ComplexityClass }[]) {
    out.set(v.series, [...(out.get(v.series) ?? []), v]);
  }
  return out;
}

/** A summary row with defaults; only the fields a test cares about need be given. */
function row(p: Partial<SummaryRow>): SummaryRow {
  return {
    suite: 'scaling', point: 0, protocol: 'majority', n: 10, fanout: 3, threshold: 0.95, start: 'split', split: 0.7,
    crash_fraction: 0, max_rounds: 1000, trials: 100, converged_rate: 1, winner0_rate: 1, leader0_rate: null, rounds_mean: 1, rounds_sd: 0.5,
    rounds_ci95_low: null, rounds_ci95_high: null, rounds_p95: null, messages_mean: 1, final_agreement_mean: 1, theory_rounds: null,
    opinions: null, loss_rate: null, crash_recovery: null, stubborn_fraction: null, topology: null, degree: null, rewire: null, engine: null,
    feedback: null, removal: null, k: null, timing: null, interval: null, residue_mean: null, seconds_to_9999_mean: null, theory_seconds_to_9999: null,
    ...p,
  };
}

describe('the fitted curve of rounds-vs-n', () => {
  it('uses the best class of fitSeries for each fixture series', async () => {
    const run = await loadRun(FIXTURE_RUN);
    const inputs: ChartInputs = { run, history: null, historyPath: '' };
    const layer = fittedLayer(inputs);
    const fits = roundsFits(inputs);
    expect(fits).toHaveLength(4);
    for (const { series, rows, fit } of fits) {
      expect(rows.map((r) => r.n)).toEqual([10, 100, 1e3, 1e4, 1e5]);
      expect(new Set(rows.map((r) => `fanout ${r.fanout}, ${r.start === 'split' ? `split ${r.split}` : r.start}`))).toEqual(new Set([series]));
      // The drawn fit uses n >= FIT_MIN_N, as the scaling suite's complexity claims do.
      const fitted = rows.filter((r) => r.n >= FIT_MIN_N);
      expect(fit.minN).toBe(FIT_MIN_N);
      const direct = fitSeries(fitted.map((r) => ({ n: r.n, mean: r.rounds_mean, se: roundsSe(r) })));
      expect(fit.fit.best).toBe(direct.best);
      const pts = layer.get(`${series} [${direct.best}]`)!;
      expect(pts.length).toBeGreaterThan(10);
      for (const p of pts) {
        expect(p.cls).toBe(direct.best);
        expect(p.rounds).toBeCloseTo(fit.best.a + fit.best.b * GROWTH[direct.best](p.n), 9);
      }
      expect(Math.min(...pts.map((p) => p.n))).toBeCloseTo(FIT_MIN_N, 6);
      expect(Math.max(...pts.map((p) => p.n))).toBeCloseTo(1e5, 3);
    }
    // The fixture is built flat from a 0.7 split and ~log n from near-balanced; four points from
    // n = 100 do not always separate log n from log log n, but never call it flat.
    const best = Object.fromEntries(fits.map((f) => [f.series, f.fit.fit.best]));
    expect(best['fanout 3, split 0.7']).toBe('1');
    expect(best['fanout 5, split 0.7']).toBe('1');
    expect(['log n', 'log log n']).toContain(best['fanout 3, near-balanced']);
    expect(['log n', 'log log n']).toContain(best['fanout 5, near-balanced']);
  });

  it('follows fitSeries to another class when the data grows differently', () => {
    const ns = [10, 100, 1e3, 1e4, 1e5];
    const rows = ns.map((n, i) => row({ point: i, n, rounds_mean: 2 + 0.5 * Math.sqrt(n), rounds_sd: 0.1 }));
    const layer = fittedLayer(inputsWith(rows));
    expect([...layer.keys()]).toEqual(['fanout 3, split 0.7 [sqrt n]']);
    const pts = layer.get('fanout 3, split 0.7 [sqrt n]')!;
    for (const p of pts) expect(p.rounds).toBeCloseTo(2 + 0.5 * Math.sqrt(p.n), 4);
  });
});
