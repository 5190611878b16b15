// The results folder beyond single runs: named baselines and the history across commits.
export { appendHistory, historyRows, HistoryError, HISTORY_COLUMNS, HISTORY_FILE } from './history.ts';
export {
  BASELINE_NAME,
  BASELINES_FOLDER,
  BaselineError,
  baselineDir,
  baselinePath,
  checkBaselineName,
  listBaselines,
  saveBaseline,
} from './baselines.ts';
export { previousRun } from './previous.ts';
export type { HistoryAppend } from './history.ts';
