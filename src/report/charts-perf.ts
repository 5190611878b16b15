// Charts 6-7: engine speed against n (throughput.csv), and throughput and mean rounds across
// commits from results/history.csv, one x position per run in date order, labelled by commit.
import { asSpec, drawn, kindDash, logTicks, N_FORMAT, quant, seriesColor, SIZE, skip, title, VL_SCHEMA, type ChartBuild, type ChartInputs } from './chart.ts';
import type { HistoryTable } from '../io/run-folder.ts';
import type { HistoryRow, ThroughputRow } from '../io/schemas.ts';
import { formatN, groupBy, startText, type LabelField } from './series.ts';
import type { LineKind } from './theme.ts';

const THROUGHPUT_FIELDS: readonly LabelField<ThroughputRow>[] = [
  { name: 'protocol', text: (r) => r.protocol },
  { name: 'fanout', text: (r) => `fanout ${r.fanout}`, always: true },
  { name: 'threads', text: (r) => `${r.threads} thread${r.threads === 1 ? '' : 's'}` },
];

/** Chart 6 (`throughput-vs-n`): ns per agent-round against n, one line per fanout and threads. */
export function throughputVsN(inputs: ChartInputs): ChartBuild {
  const table = inputs.run.throughput;
  if (!table) return skip('no throughput.csv in the run folder (run bench with throughput)');
  if (table.rows.length === 0) return skip('throughput.csv has no rows');
  const groups = groupBy(table.rows, THROUGHPUT_FIELDS);
  const values: Record<string, unknown>[] = [];
  const yardstick: Record<string, unknown>[] = [];
  for (const g of groups) {
    for (const r of [...g.rows].sort((a, b) => a.n - b.n)) {
      const lo = r.mad_ns === null ? null : r.ns_per_agent_round - r.mad_ns;
      const hi = r.mad_ns === null ? null : r.ns_per_agent_round + r.mad_ns;
      values.push({ series: g.label, n: r.n, ns: r.ns_per_agent_round, lo, hi, kind: 'measured' });
      if (r.yardstick_ns_per_agent_round !== null) yardstick.push({ series: g.label, n: r.n, ns: r.yardstick_ns_per_agent_round, kind: 'C yardstick' });
    }
  }
  const x = quant('n', 'n (agents, log scale)', { log: true, format: N_FORMAT, ticks: logTicks(values.map((d) => d.n as number)) });
  const yTitle = 'time per agent-round (ns, ± MAD)';
  const y = quant('ns', yTitle, { zero: true });
  const color = seriesColor('series', 'series', groups.map((g) => g.label));
  const kinds: LineKind[] = yardstick.length > 0 ? ['measured', 'C yardstick'] : ['measured'];
  const dash = kindDash(kinds);
  const layer: Record<string, unknown>[] = [
    {
      data: { values: values.filter((d) => d.lo !== null) },
      mark: { type: 'errorbar', ticks: true },
      encoding: { x, y: quant('lo', yTitle, { zero: true }), y2: { field: 'hi' }, color },
    },
    { data: { values }, mark: 'line', encoding: { x, y, color, strokeDash: dash } },
    { data: { values }, mark: 'point', encoding: { x, y, color } },
  ];
  if (yardstick.length > 0) {
    layer.push({ data: { values: yardstick }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color, strokeDash: dash } });
  }
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title(
      'Engine throughput against n',
      `Nanoseconds per agent per round (lower is faster); bars: ± median absolute deviation${yardstick.length > 0 ? '; dash-dot: the C yardstick on the same work' : ''}.`,
    ),
    ...SIZE,
    layer,
  });
  return drawn(spec, `Series: ${groups.map((g) => g.label).join('; ')}.`);
}

/** Each run of the history in date order, with a unique x label: its short commit (`#2` on repeats). */
export function historyRuns(rows: readonly HistoryRow[]): { runId: string; label: string; date: string }[] {
  const first = new Map<string, HistoryRow>();
  for (const r of rows) if (!first.has(r.run_id)) first.set(r.run_id, r);
  const runs = [...first.values()].sort((a, b) => a.date.localeCompare(b.date) || a.run_id.localeCompare(b.run_id));
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const short = r.commit.slice(0, 7);
    const k = (seen.get(short) ?? 0) + 1;
    seen.set(short, k);
    return { runId: r.run_id, label: k === 1 ? short : `${short} #${k}`, date: r.date };
  });
}

function historyMissing(inputs: ChartInputs): string {
  return `no history at ${inputs.historyPath} (pass --history FILE)`;
}

/** A chart of one history metric across runs, one line per series. */
function historyChart<T extends HistoryRow>(
  history: HistoryTable,
  rows: readonly T[],
  fields: readonly LabelField<T>[],
  metric: 'ns_per_agent_round' | 'rounds_mean',
  texts: { title: string; subtitle: string; y: string },
): ChartBuild {
  const runs = historyRuns(rows);
  if (runs.length < 2) return skip(`${history.file} has ${runs.length} run(s) with ${metric}; a trend needs at least 2`);
  const label = new Map(runs.map((r) => [r.runId, r.label]));
  const groups = groupBy(rows, fields);
  const values = groups.flatMap((g) => g.rows.map((r) => ({ series: g.label, commit: label.get(r.run_id), value: r[metric], date: r.date })));
  const x = { field: 'commit', type: 'ordinal', title: 'commit (oldest to newest)', sort: runs.map((r) => r.label), axis: { labelAngle: -40 } };
  const y = quant('value', texts.y, { zero: metric === 'ns_per_agent_round' });
  const color = seriesColor('series', 'series', groups.map((g) => g.label));
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title(texts.title, texts.subtitle),
    ...SIZE,
    data: { values },
    layer: [
      { mark: 'line', encoding: { x, y, color } },
      { mark: 'point', encoding: { x, y, color } },
    ],
  });
  return drawn(spec, `${runs.length} runs from ${runs[0]!.date.slice(0, 10)} to ${runs[runs.length - 1]!.date.slice(0, 10)}.`);
}

const HISTORY_SPEED_FIELDS: readonly LabelField<HistoryRow>[] = [
  { name: 'n', text: (r) => (r.n === null ? '' : `n ${formatN(r.n)}`), always: true },
  { name: 'fanout', text: (r) => (r.fanout === null ? '' : `fanout ${r.fanout}`), always: true },
];

/** Chart 7a (`history-throughput`): ns per agent-round across commits. */
export function historyThroughput(inputs: ChartInputs): ChartBuild {
  const history = inputs.history;
  if (!history) return skip(historyMissing(inputs));
  const rows = history.rows.filter((r) => r.suite === 'throughput' && r.ns_per_agent_round !== null);
  return historyChart(history, rows, HISTORY_SPEED_FIELDS, 'ns_per_agent_round', {
    title: 'Throughput across commits',
    subtitle: 'Nanoseconds per agent per round (lower is faster), one point per run.',
    y: 'time per agent-round (ns)',
  });
}

const HISTORY_ROUNDS_FIELDS: readonly LabelField<HistoryRow>[] = [
  { name: 'suite', text: (r) => r.suite, always: true },
  { name: 'n', text: (r) => (r.n === null ? '' : `n ${formatN(r.n)}`), always: true },
  { name: 'fanout', text: (r) => (r.fanout === null ? '' : `fanout ${r.fanout}`) },
  { name: 'start', text: (r) => (r.start === null ? '' : startText(r.start, null)) },
  { name: 'threshold', text: (r) => (r.threshold === null ? '' : `threshold ${r.threshold}`) },
  { name: 'point', text: (r) => (r.point === null ? '' : `point ${r.point}`), hidden: true },
];

/** Chart 7b (`history-rounds`): mean rounds of each point across commits. */
export function historyRounds(inputs: ChartInputs): ChartBuild {
  const history = inputs.history;
  if (!history) return skip(historyMissing(inputs));
  const rows = history.rows.filter((r) => r.suite !== 'throughput' && r.rounds_mean !== null);
  return historyChart(history, rows, HISTORY_ROUNDS_FIELDS, 'rounds_mean', {
    title: 'Mean rounds across commits',
    subtitle: 'Mean rounds to agreement at each point, one point per run: a change flags a behaviour change.',
    y: 'rounds to agreement (mean)',
  });
}
