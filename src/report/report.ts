// The charts command end to end: load and check the run, build and render every chart in
// memory, compose report.html, and only then write RUN/charts/*.svg, *.png and RUN/report.html.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { CHARTS } from './catalog.ts';
import type { ChartInputs } from './chart.ts';
import { reportHtml } from './html.ts';
import { renderSvg, svgToPng } from './render.ts';
import { defaultHistoryPath, loadHistory, loadRun, type RunData } from '../io/run-folder.ts';

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** results/history.csv to chart; default: `history.csv` beside the run folder (optional then). */
  history?: string;
  /** Also rasterise each chart to PNG (default true). */
  png?: boolean;
}

/** A chart that was drawn: its spec, SVG, PNG (unless turned off) and caption. */
export interface RenderedChart {
  name: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
  svg: string;
  png: Buffer | null;
  /** What vega-lite or vega warned about (empty for a clean chart). */
  warnings: string[];
}

/** A chart that was skipped, and why. */
export interface SkippedChart {
  name: string;
  title: string;
  reason: string;
}

/** Everything the command writes, held in memory until {@link writeReport}. */
export interface Report {
  run: RunData;
  charts: RenderedChart[];
  skipped: SkippedChart[];
  html: string;
}

/**
 * Loads and checks the run (and the history), builds every chart the data allows and renders
 * it, and composes the HTML report. Writes nothing; throws a `ReportInputError` on bad input.
 */
export async function buildReport(dir: string, opts: ReportOptions = {}): Promise<Report> {
  const run = await loadRun(dir);
  const historyPath = opts.history ?? defaultHistoryPath(dir);
  const history = await loadHistory(historyPath, opts.history !== undefined);
  const inputs: ChartInputs = { run, history, historyPath };
  const charts: RenderedChart[] = [];
  const skipped: SkippedChart[] = [];
  for (const def of CHARTS) {
    const built = def.build(inputs);
    if (!built.ok) {
      skipped.push({ name: def.name, title: def.title, reason: built.reason });
      continue;
    }
    const { svg, warnings } = await renderSvg(built.spec);
    const png = opts.png === false ? null : svgToPng(svg);
    charts.push({ name: def.name, title: def.title, caption: built.caption, spec: built.spec, svg, png, warnings });
  }
  const html = reportHtml({ run, charts, skipped });
  return { run, charts, skipped, html };
}

/**
 * Writes the report into its run folder: `charts/NAME.svg` and `.png` for each drawn chart,
 * removes chart files of skipped charts left by an earlier run, then writes `report.html`.
 * Returns the paths written.
 */
export async function writeReport(report: Report): Promise<string[]> {
  const dir = join(report.run.dir, 'charts');
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const c of report.charts) {
    const svgPath = join(dir, `${c.name}.svg`);
    await writeFile(svgPath, c.svg);
    written.push(svgPath);
    const pngPath = join(dir, `${c.name}.png`);
    if (c.png) {
      await writeFile(pngPath, c.png);
      written.push(pngPath);
    } else {
      await rm(pngPath, { force: true });
    }
  }
  for (const s of report.skipped) {
    await rm(join(dir, `${s.name}.svg`), { force: true });
    await rm(join(dir, `${s.name}.png`), { force: true });
  }
  const htmlPath = join(report.run.dir, 'report.html');
  await writeFile(htmlPath, report.html);
  written.push(htmlPath);
  return written;
}
