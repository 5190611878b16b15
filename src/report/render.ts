// Rendering a chart headless: vega-lite spec -> vega spec -> SVG through a vega View with no
// renderer and no loader, then SVG -> PNG through resvg with only the bundled font.
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import { loader as vegaLoader, parse, View, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { readFontMetrics, textWidth } from './font-metrics.ts';
import { CHART_CONFIG, FONT_BOLD, FONT_FAMILY, FONT_FILES, FONT_REGULAR } from './theme.ts';

/** Scale of the PNGs relative to the SVG's pixel size (2 = sharp on high-density screens). */
export const PNG_SCALE = 2;

/** A chart drawn to SVG, with what vega-lite and vega warned about while drawing it. */
export interface SvgResult {
  svg: string;
  warnings: string[];
}

/** The fields of a vega text item that its width depends on. */
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

let metricsInstalled = false;

/**
 * Makes vega measure text with the bundled font's advance widths. vega-scenegraph exports its
 * `textMetrics` for exactly this (vl-convert does the same); without a canvas it would guess 0.8
 * em per character, which truncates legends early and pads layouts. Text cut at the item's
 * `limit` measures at most the limit, as vega's own truncation expects. Idempotent.
 */
export function useBundledFontMetrics(): void {
  if (metricsInstalled) return;
  const regular = readFontMetrics(FONT_REGULAR);
  const bold = readFontMetrics(FONT_BOLD);
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const size = item.fontSize ?? 11;
    const weight = item.fontWeight;
    const isBold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600) || (typeof weight === 'string' && Number(weight) >= 600);
    const w = textWidth(isBold ? bold : regular, text == null ? '' : String(text).trim(), size);
    return item.limit !== undefined && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
  metricsInstalled = true;
}

/** A loader that refuses everything: charts carry their data inline and never fetch. */
function offlineLoader(): Loader {
  const refuse = (what: string): Promise<never> => Promise.reject(new Error(`charts load no external data (${what})`));
  return { ...vegaLoader(), load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** A vega/vega-lite logger that keeps warnings and errors instead of printing them. */
function collectingLogger(out: string[]) {
  let level = 2;
  const logger = {
    level(l?: number): number {
      if (l !== undefined) level = l;
      return level;
    },
    error(...args: unknown[]) {
      out.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: unknown[]) {
      if (level >= 2) out.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/** Compiles a vega-lite spec with the house config and draws it to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<SvgResult> {
  useBundledFontMetrics();
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const vg = compile(spec, { config: CHART_CONFIG, logger }).spec;
  const view = new View(parse(vg), { renderer: 'none', loader: offlineLoader(), logger });
  try {
    const svg = await view.toSVG();
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}

/** resvg options: the bundled font only (system fonts are never loaded), white background. */
export function resvgOptions(scale: number = PNG_SCALE): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      fontFiles: [...FONT_FILES],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  };
}

/** Rasterises an SVG to PNG with {@link resvgOptions}. */
export function svgToPng(svg: string, scale: number = PNG_SCALE): Buffer {
  return new Resvg(svg, resvgOptions(scale)).render().asPng();
}
