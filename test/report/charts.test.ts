// Tests of the charts drawn from the fixture run: every chart is produced, with a title, axis
// titles with units and a legend, a parseable SVG, a PNG, and no vega warnings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_NAMES } from '../../src/report/catalog.ts';
import { buildReport, type Report } from '../../src/report/report.ts';
import { copyRun, removeCopy, type RunCopy } from './fixture.ts';
import { hasRole, PNG_SIGNATURE, roleTexts } from './svg.ts';

let copy: RunCopy;
let report: Report;
beforeAll(async () => {
  copy = copyRun();
  report = await buildReport(copy.dir);
});
afterAll(() => removeCopy(copy));

describe('charts from the fixture run', () => {
  it('draws every chart and skips none', () => {
    expect(report.charts.map((c) => c.name)).toEqual([...CHART_NAMES]);
    expect(report.skipped).toEqual([]);
  });

  it.each(CHART_NAMES)('%s has a title, axis titles with units, a legend, and no warnings', (name) => {
    const c = report.charts.find((x) => x.name === name)!;
    const spec = c.spec as { title?: { text?: string } };
    expect(spec.title?.text).toBeTruthy();
    expect(roleTexts(c.svg, 'title-text')).toContain(spec.title!.text);
    const axes = roleTexts(c.svg, 'axis-title');
    expect(axes.length).toBeGreaterThanOrEqual(2);
    for (const t of axes) expect(t, `axis title of ${name}`).toMatch(/\S.*\(.+\)/);
    expect(hasRole(c.svg, 'legend')).toBe(true);
    expect(roleTexts(c.svg, 'legend-title').length).toBeGreaterThan(0);
    expect(roleTexts(c.svg, 'legend-label').length).toBeGreaterThan(0);
    expect(c.warnings).toEqual([]);
  });

  it.each(CHART_NAMES)('%s has an SVG with marks and a PNG', (name) => {
    const c = report.charts.find((x) => x.name === name)!;
    expect(c.svg.startsWith('<svg')).toBe(true);
    expect(c.svg).toMatch(/<svg[^>]*width="\d+(\.\d+)?"[^>]*height="\d+(\.\d+)?"/);
    expect(c.svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(hasRole(c.svg, 'mark')).toBe(true);
    expect(c.png).not.toBeNull();
    expect(c.png!.length).toBeGreaterThan(1000);
    expect(c.png!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('labels the series of the scaling charts by fanout and start', () => {
    const labels = roleTexts(report.charts.find((c) => c.name === 'messages-vs-n')!.svg, 'legend-label');
    expect(labels).toEqual(['fanout 3, near-balanced', 'fanout 3, split 0.7', 'fanout 5, near-balanced', 'fanout 5, split 0.7']);
  });

  it('draws the mean-field overlay of rounds-vs-n from theory_rounds', () => {
    const svg = report.charts.find((c) => c.name === 'rounds-vs-n')!.svg;
    expect(roleTexts(svg, 'legend-label')).toEqual(expect.arrayContaining(['measured', 'best fit', 'mean-field theory']));
  });

  it('names the rumor theory lines, the fault arms and the correctness measures in the legends', () => {
    const rumor = roleTexts(report.charts.find((c) => c.name === 'rumor-rounds-vs-n')!.svg, 'legend-label');
    expect(rumor).toEqual(['push', 'pull', 'push-pull', 'measured', 'push theory: log₂ n + ln n (Frieze–Grimmett, Pittel)', 'push-pull theory: log₃ n (Karp et al. 2000)']);
    const faults = roleTexts(report.charts.find((c) => c.name === 'faults-outcome')!.svg, 'legend-label');
    expect(faults).toEqual([
      'loss',
      'crash',
      'crash, recovery 3',
      'stubborn',
      'agreed on opinion 0 (winner0_rate)',
      'opinion 0 leads at the end (leader0_rate)',
      'all trials converged',
      'some trials hit max_rounds',
    ]);
  });

  it('draws the C yardstick beside the engine in throughput-vs-n', () => {
    const svg = report.charts.find((c) => c.name === 'throughput-vs-n')!.svg;
    expect(roleTexts(svg, 'legend-label')).toEqual(['fanout 3, 1 thread', 'fanout 5, 1 thread', 'fanout 5, 4 threads', 'measured', 'C yardstick']);
  });

  it('labels the history charts by short commit, oldest first', () => {
    const svg = report.charts.find((c) => c.name === 'history-throughput')!.svg;
    const labels = roleTexts(svg, 'axis-label');
    expect(labels.filter((l) => /^[0-9a-f]{7}$/.test(l))).toEqual(['9f1e2d3', '4c5b6a7', '7d8e9f0', 'ab12cd3']);
  });
});
