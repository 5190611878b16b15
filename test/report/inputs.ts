// Test helper: chart inputs from the fixture run with its summary rows edited, and the data a
// built spec draws, so that chart tests can check values rather than only that a spec exists.
import type { ChartBuild, ChartInputs, ChartSpec } from '../../src/report/chart.ts';
import { loadRun } from '../../src/io/run-folder.ts';
import type { SummaryRow } from '../../src/io/schemas.ts';
import { FIXTURE_RUN } from './fixture.ts';

/** The fixture's summary rows. */
export async function fixtureRows(): Promise<readonly SummaryRow[]> {
  return (await loadRun(FIXTURE_RUN)).summary!.rows;
}

/** Chart inputs holding only a summary.csv with these rows (or none at all). */
export function inputsWith(rows: readonly SummaryRow[] | null): ChartInputs {
  const run = {
    dir: '/nowhere',
    info: {} as ChartInputs['run']['info'],
    trials: null,
    agreement: null,
    claims: null,
    throughput: null,
    files: [],
    summary: rows === null ? null : { file: 'summary.csv', header: [], rows },
  };
  return { run, history: null, historyPath: '/nowhere/history.csv' };
}

/** The spec of a drawn chart; fails the test with the reason when it was skipped. */
export function drawnSpec(b: ChartBuild): ChartSpec {
  if (!b.ok) throw new Error(`skipped: ${b.reason}`);
  return b;
}

/** A view of a spec as the tests walk it: layers, concatenated views, inline data. */
export interface View {
  data?: { values?: Record<string, unknown>[] };
  layer?: View[];
  hconcat?: View[];
  vconcat?: View[];
  transform?: { filter?: unknown }[];
  mark?: string | { type: string };
  encoding?: Record<string, { field?: string; datum?: unknown; scale?: { domain?: unknown[]; range?: unknown[] } } | undefined>;
  title?: { text: string; subtitle?: string | string[] };
}

/** The spec as a {@link View}. */
export function view(b: ChartBuild): View {
  return drawnSpec(b).spec as unknown as View;
}

/** Every view of a spec, depth first (the spec itself, its concatenated views and layers). */
export function views(v: View): View[] {
  return [v, ...[...(v.hconcat ?? []), ...(v.vconcat ?? []), ...(v.layer ?? [])].flatMap(views)];
}

/** The type of a view's mark. */
export function markType(v: View): string | undefined {
  return typeof v.mark === 'string' ? v.mark : v.mark?.type;
}
