// Tests of headless rendering: the bundled font is found with system fonts off, text is measured
// with its metrics, and the same spec gives the same SVG and PNG every time.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { readFontMetrics, textWidth } from '../../src/report/font-metrics.ts';
import { renderSvg, resvgOptions, svgToPng } from '../../src/report/render.ts';
import { FONT_BOLD, FONT_REGULAR, FONT_STACK } from '../../src/report/theme.ts';

/** Dark pixels of an SVG rendered by resvg with the report's options. */
function inkOf(svg: string): number {
  const { pixels } = new Resvg(svg, resvgOptions(1)).render();
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) ink++;
  return ink;
}

const textSvg = (family: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="28" font-family="${family}" font-size="20">Rounds 123</text></svg>`;

describe('the bundled font', () => {
  it('draws text with system fonts off, for the font stack and for unknown families', () => {
    expect(inkOf(textSvg(FONT_STACK))).toBeGreaterThan(50);
    expect(inkOf(textSvg('No Such Font'))).toBeGreaterThan(50);
  });

  it('measures text from the TTF: bold wider than regular, proportional to size', () => {
    const regular = readFontMetrics(FONT_REGULAR);
    const bold = readFontMetrics(FONT_BOLD);
    const w = textWidth(regular, 'rounds to agreement', 12);
    expect(w).toBeGreaterThan(90);
    expect(w).toBeLessThan(140);
    expect(textWidth(bold, 'rounds to agreement', 12)).toBeGreaterThan(w);
    expect(textWidth(regular, 'rounds to agreement', 24)).toBeCloseTo(2 * w, 6);
    expect(textWidth(regular, 'iii', 12)).toBeLessThan(textWidth(regular, 'WWW', 12));
  });
});

describe('renderSvg and svgToPng', () => {
  const spec: TopLevelSpec = {
    title: 'Deterministic',
    data: { values: [{ x: 1, y: 2, s: 'a' }, { x: 2, y: 3, s: 'b' }] },
    mark: 'line',
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 's', type: 'nominal' } },
  };

  it('gives the same SVG and PNG for the same spec', async () => {
    const a = await renderSvg(spec);
    const b = await renderSvg(spec);
    expect(a.svg).toBe(b.svg);
    expect(a.warnings).toEqual([]);
    expect(svgToPng(a.svg).equals(svgToPng(b.svg))).toBe(true);
  });

  it('writes the bundled font family into the SVG', async () => {
    expect((await renderSvg(spec)).svg).toContain(`font-family="${FONT_STACK}"`);
  });

  it('refuses to load data from a URL', async () => {
    const remote = { ...spec, data: { url: 'https://example.invalid/data.json' } } as TopLevelSpec;
    const r = await renderSvg(remote);
    expect(r.warnings.join(' ')).toMatch(/external data|loading failed/i);
  });
});
