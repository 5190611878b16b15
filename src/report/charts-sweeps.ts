// Chart 5: one-parameter sweeps from summary.csv, drawn as two panels (mean rounds with 95% CI,
// mean messages) against the swept parameter: the `fanout` suite and the `thresholds` suite.
import {
  asSpec,
  convergence,
  convergenceShape,
  drawn,
  logTicks,
  quant,
  seriesColor,
  skip,
  SOME_CAPPED,
  statusesIn,
  suiteRows,
  title,
  VL_SCHEMA,
  type ChartBuild,
  type ChartInputs,
} from './chart.ts';
import { groupBy, paramFields } from './series.ts';
import { CHART_HEIGHT, PANEL_WIDTH } from './theme.ts';

/** A sweep chart: which suite, which summary column is swept, and how to name it. */
interface Sweep {
  suite: string;
  param: 'fanout' | 'threshold';
  axisTitle: string;
  chartTitle: string;
}

function sweepChart(inputs: ChartInputs, sw: Sweep): ChartBuild {
  const rows = suiteRows(inputs, sw.suite);
  if (!Array.isArray(rows)) return rows;
  if (new Set(rows.map((r) => r[sw.param])).size < 2) return skip(`suite ${sw.suite} has fewer than 2 values of ${sw.param}`);
  const groups = groupBy(rows, paramFields([sw.param], ['n', 'start']));
  const values = groups.flatMap((g) =>
    g.rows.map((r) => ({
      series: g.label,
      x: r[sw.param],
      rounds: r.rounds_mean,
      lo: r.rounds_ci95_low,
      hi: r.rounds_ci95_high,
      messages: r.messages_mean,
      status: convergence(r),
    })),
  );
  const capped = values.filter((v) => v.status === SOME_CAPPED).length;
  const x = { field: 'x', type: 'quantitative', title: sw.axisTitle, scale: { zero: false, nice: false, padding: 12 } };
  const color = seriesColor('series', 'series', groups.map((g) => g.label));
  const shape = convergenceShape(statusesIn(values));
  const panel = (field: 'rounds' | 'messages', yTitle: string): Record<string, unknown> => {
    const span = values.flatMap((v) => (field === 'rounds' ? [v.rounds, v.lo ?? v.rounds, v.hi ?? v.rounds] : [v.messages]));
    const ticks = logTicks(span);
    const y = quant(field, yTitle, { log: true, ticks, format: '~s' });
    const layer: Record<string, unknown>[] = [
      { mark: 'line', encoding: { x, y, color } },
      { mark: { type: 'point', size: 60 }, encoding: { x, y, color, shape } },
    ];
    if (field === 'rounds') {
      layer.unshift({
        transform: [{ filter: 'datum.lo != null && datum.hi != null && datum.lo > 0' }],
        mark: { type: 'errorbar', ticks: true },
        encoding: { x, y: quant('lo', yTitle, { log: true, ticks, format: '~s' }), y2: { field: 'hi' }, color },
      });
    }
    return { width: PANEL_WIDTH, height: CHART_HEIGHT, layer };
  };
  const spec = asSpec({
    $schema: VL_SCHEMA,
    title: title(
      sw.chartTitle,
      `Left: mean rounds with 95% CI; right: mean messages per trial; both log scale.${capped > 0 ? ' Triangles: some trials hit max_rounds, so the mean is a lower bound.' : ''}`,
    ),
    data: { values },
    hconcat: [panel('rounds', 'rounds to agreement (mean, log scale)'), panel('messages', 'messages per trial (mean, log scale)')],
    resolve: { scale: { color: 'shared', shape: 'shared' } },
  });
  const note = capped > 0 ? ` ${capped} point(s) where some trials hit max_rounds.` : '';
  return drawn(spec, `Series: ${groups.map((g) => g.label).join('; ')}.${note}`);
}

/** Chart 5a (`fanout-sweep`): suite `fanout`, rounds and messages against fanout. */
export function fanoutSweep(inputs: ChartInputs): ChartBuild {
  return sweepChart(inputs, {
    suite: 'fanout',
    param: 'fanout',
    axisTitle: 'fanout (peers asked per round)',
    chartTitle: 'Fanout sweep: rounds and messages against fanout',
  });
}

/** Chart 5b (`threshold-sweep`): suite `thresholds`, rounds and messages against threshold. */
export function thresholdSweep(inputs: ChartInputs): ChartBuild {
  return sweepChart(inputs, {
    suite: 'thresholds',
    param: 'threshold',
    axisTitle: 'threshold (share in agreement to stop)',
    chartTitle: 'Threshold sweep: rounds and messages against the threshold',
  });
}
