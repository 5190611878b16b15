// The charts and report API: build everything in memory from a run folder, then write it.
export { CHARTS, CHART_NAMES } from './catalog.ts';
export { CsvFormatError, ReportInputError, RunFolderError } from '../io/errors.ts';
export { reportHtml } from './html.ts';
export { renderSvg, svgToPng } from './render.ts';
export { buildReport, writeReport } from './report.ts';
export { defaultHistoryPath, loadHistory, loadRun, SUPPORTED_SCHEMA_VERSION } from '../io/run-folder.ts';

export type { ChartBuild, ChartDef, ChartInputs } from './chart.ts';
export type { RenderedChart, Report, ReportOptions, SkippedChart } from './report.ts';
export type { RunContext, RunData } from '../io/run-folder.ts';
