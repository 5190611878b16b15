// The look shared by every chart: the bundled DejaVu Sans font (so labels measure and render the
// same on every machine), sizes, colours and the line styles that tell measured from model.
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../io/package-files.ts';
import type { Config } from 'vega-lite';

/** Family name inside the bundled TTF files; resvg matches it, browsers fall back down the list. */
export const FONT_FAMILY = 'DejaVu Sans';

/** The font list written into the SVGs: the bundled family first, then common sans fonts. */
export const FONT_STACK = `${FONT_FAMILY}, Verdana, Arial, sans-serif`;

/** Absolute path of the bundled regular face (assets/fonts/DejaVuSans.ttf). */
export const FONT_REGULAR = join(PACKAGE_ROOT, 'assets', 'fonts', 'DejaVuSans.ttf');
/** Absolute path of the bundled bold face (titles). */
export const FONT_BOLD = join(PACKAGE_ROOT, 'assets', 'fonts', 'DejaVuSans-Bold.ttf');
/** The bundled TTF files, loaded into resvg for the PNGs. */
export const FONT_FILES: readonly string[] = [FONT_REGULAR, FONT_BOLD];

/** Plot area of a single chart, in pixels (concatenated panels use {@link PANEL_WIDTH}). */
export const CHART_WIDTH = 560;
/** Height of a chart's plot area, in pixels. */
export const CHART_HEIGHT = 320;
/** Width of each panel of a two-panel chart. */
export const PANEL_WIDTH = 340;

/** Colour-blind-safe categorical palette (Okabe-Ito, then Tableau 10 for more series). */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
  '#4E79A7',
  '#F28E2B',
  '#E15759',
  '#76B7B2',
  '#59A14F',
  '#EDC948',
  '#B07AA1',
  '#FF9DA7',
  '#9C755F',
  '#BAB0AC',
];

/** Line kinds and their dash patterns; a chart's `strokeDash` legend uses these names. */
export const LINE_KINDS = {
  measured: [1, 0],
  'best fit': [7, 4],
  'mean-field theory': [2, 3],
  'C yardstick': [4, 2, 1, 2],
} as const satisfies Record<string, readonly number[]>;

/** A line kind name. */
export type LineKind = keyof typeof LINE_KINDS;

/** The vega-lite config every chart is compiled with. */
export const CHART_CONFIG: Config = {
  font: FONT_STACK,
  background: 'white',
  padding: 12,
  view: { stroke: '#bbbbbb', continuousWidth: CHART_WIDTH, continuousHeight: CHART_HEIGHT },
  title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555555', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'bold', gridColor: '#e8e8e8', labelColor: '#333333' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 360, titleLimit: 360, symbolStrokeWidth: 2 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  range: { category: PALETTE },
  line: { strokeWidth: 2 },
  point: { size: 36, filled: true },
};
