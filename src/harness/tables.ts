// The result tables: the columns of trials.csv and summary.csv, and the rows built from a
// sweep's points and the rows the pool returned.
import type { PointMeasurements } from '../claims/check.ts';
import { pointTheory, type PointTheory } from '../claims/theory.ts';
import { agreementByRound, listCell, type AgreementByRound } from './agreement.ts';
import type { CsvCell } from '../io/csv-write.ts';
import { ROW_WIDTH, RowField } from './messages.ts';
import type { JobResult } from './pool.ts';
import { disseminationParamCells, spreadSummaryCells, spreadTrialCells, spreadValues, summarizeSpread, type SpreadSummary } from './spread-table.ts';
import { summarize, type Summary } from '../stats/summary.ts';
import type { SweepPoint } from './sweep.ts';

/**
 * The parameter cells added after the seed's, at the end of both tables (opinions .. engine):
 * empty where the point's key leaves the parameter out (not applicable, or the default).
 */
function extraCells(p: SweepPoint): CsvCell[] {
  const q = p.params;
  return [
    q.opinions ?? null,
    q.bias ?? null,
    q.lossRate ?? null,
    q.crashRecovery ?? null,
    q.stubbornFraction ?? null,
    q.stubbornOpinion ?? null,
    q.topology ?? null,
    q.degree ?? null,
    q.rewire ?? null,
    q.engine ?? null,
  ];
}

/** The cells shared by both tables: suite .. max_rounds, from the point's plan. */
function pointCells(p: SweepPoint): CsvCell[] {
  const { plan } = p;
  return [
    p.suite,
    p.point,
    plan.rule === null ? plan.protocol : `rule:${plan.rule.name}`,
    plan.n,
    plan.fanout,
    plan.threshold,
    plan.start,
    plan.split,
    plan.crashFraction,
    plan.crashRound,
    plan.maxRounds,
  ];
}

/**
 * Appends the trials.csv rows of one point (or of a shard's slice of it, numbered from its
 * `firstTrial`) to `out`; `rows` holds `trials * ROW_WIDTH` numbers.
 */
export function appendTrialRows(out: CsvCell[][], p: SweepPoint, rows: Float64Array): void {
  const head = pointCells(p);
  const tail = [...extraCells(p), ...disseminationParamCells(p)];
  const first = p.firstTrial ?? 0;
  for (let t = 0; t < p.trials; t++) {
    const at = t * ROW_WIDTH;
    const winner = rows[at + RowField.winner] as number;
    out.push([
      ...head,
      first + t,
      rows[at + RowField.seed],
      rows[at + RowField.rounds],
      rows[at + RowField.converged] === 1,
      winner < 0 ? null : winner,
      rows[at + RowField.leader],
      rows[at + RowField.messages],
      rows[at + RowField.finalAgreement],
      rows[at + RowField.live],
      ...tail,
      ...spreadTrialCells(rows, at),
    ]);
  }
}

/** The statistics of one point, as summary.csv and the console table show them. */
export interface PointSummary {
  trials: number;
  convergedRate: number;
  winner0Rate: number;
  /** Share of trials in which opinion 0 held the most live agents at the end, converged or not. */
  leader0Rate: number;
  rounds: Summary;
  messagesMean: number;
  finalAgreementMean: number;
  /** Mean agreement after each round. */
  agreement: AgreementByRound;
  /** Mean-field prediction, when it applies to the point. */
  theory: PointTheory | null;
  /** Dissemination statistics and theory (rumor mongering, memberlist), else null. */
  spread: SpreadSummary | null;
}

/** Summarises one point's results: rates over all trials, round statistics with `summarize`. */
export function summarizePoint(p: SweepPoint, job: JobResult): PointSummary {
  const { rows } = job;
  const trials = p.trials;
  const rounds = new Float64Array(trials);
  let converged = 0;
  let winner0 = 0;
  let leader0 = 0;
  let messages = 0;
  let agreement = 0;
  for (let t = 0; t < trials; t++) {
    const at = t * ROW_WIDTH;
    rounds[t] = rows[at + RowField.rounds] as number;
    if (rows[at + RowField.converged] === 1) converged++;
    if (rows[at + RowField.winner] === 0) winner0++;
    if (rows[at + RowField.leader] === 0) leader0++;
    messages += rows[at + RowField.messages] as number;
    agreement += rows[at + RowField.finalAgreement] as number;
  }
  const byRound = agreementByRound(rows, job.agreement, trials);
  return {
    trials,
    convergedRate: converged / trials,
    winner0Rate: winner0 / trials,
    leader0Rate: leader0 / trials,
    rounds: summarize(rounds),
    messagesMean: messages / trials,
    finalAgreementMean: agreement / trials,
    agreement: byRound,
    theory: pointTheory(p.plan, byRound.mean.length),
    spread: summarizeSpread(p, rows),
  };
}

/** A point's per-trial metrics, as the claims checker takes them. */
export function measurementsOf(p: SweepPoint, job: JobResult): PointMeasurements {
  // The field's values, or with `equals` 1 where the field equals it and 0 elsewhere.
  const column = (field: number, equals?: number): Float64Array => {
    const out = new Float64Array(p.trials);
    for (let t = 0; t < p.trials; t++) {
      const x = job.rows[t * ROW_WIDTH + field] as number;
      out[t] = equals === undefined ? x : Number(x === equals);
    }
    return out;
  };
  return {
    suite: p.suite,
    point: p.point,
    params: p.params,
    plan: p.plan,
    values: {
      rounds: column(RowField.rounds),
      messages: column(RowField.messages),
      final_agreement: column(RowField.finalAgreement),
      converged: column(RowField.converged),
      winner0: column(RowField.winner, 0),
      leader0: column(RowField.leader, 0),
      ...spreadValues(p, job.rows),
    },
  };
}

/** The summary.csv row of one point. */
export function summaryRow(p: SweepPoint, s: PointSummary): CsvCell[] {
  return [
    ...pointCells(p),
    s.trials,
    s.convergedRate,
    s.winner0Rate,
    s.leader0Rate,
    s.rounds.mean,
    s.rounds.sd,
    s.rounds.ci95Low,
    s.rounds.ci95High,
    s.rounds.p50,
    s.rounds.p95,
    s.rounds.max,
    s.messagesMean,
    s.messagesMean / p.plan.n,
    s.finalAgreementMean,
    s.theory?.rounds ?? null,
    listCell(s.agreement.mean),
    s.theory === null ? null : listCell(s.theory.agreement),
    ...extraCells(p),
    ...disseminationParamCells(p),
    ...spreadSummaryCells(s.spread),
  ];
}
