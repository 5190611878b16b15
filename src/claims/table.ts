// The claims table: the columns of claims.csv, a row per claim result, and the verdict table
// the CLI prints.
import type { CsvCell } from '../io/csv-write.ts';
import { extraLabel } from '../engine/label.ts';
import type { ClaimResult } from './check.ts';

/** Columns of claims.csv, one row per bound claim and point, or complexity claim and series. */
export const CLAIM_COLUMNS = [
  'suite',
  'claim_id',
  'kind',
  'description',
  'metric',
  'statistic',
  'n',
  'fanout',
  'start',
  'split',
  'threshold',
  'crash_fraction',
  'max_rounds',
  'claimed',
  'measured',
  'ci95_low',
  'ci95_high',
  'fraction_satisfied',
  'verdict',
  'best_class',
  'detail',
  // Parameters beyond the seed's, last so that readers by name are unaffected.
  'protocol',
  'topology',
  'loss_rate',
  'stubborn_fraction',
] as const;

/** The claims.csv row of one result; `n` is empty for complexity claims (n varies). */
export function claimRow(r: ClaimResult): CsvCell[] {
  const { plan, claim } = r;
  return [
    r.suite,
    claim.id,
    claim.kind,
    claim.description,
    claim.metric,
    r.statistic,
    claim.kind === 'bound' ? plan.n : null,
    plan.fanout,
    plan.start,
    plan.split,
    plan.threshold,
    plan.crashFraction,
    plan.maxRounds,
    r.claimed,
    r.measured,
    r.ci95Low,
    r.ci95High,
    r.fractionSatisfied,
    r.verdict,
    r.bestClass,
    r.detail,
    plan.protocol,
    plan.topology,
    plan.lossRate,
    plan.stubbornFraction,
  ];
}

const short = (x: number | null): string => (x === null ? '' : Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(4))));

/**
 * The series or point a result is about, in a few words: `n=10 fanout=3 split 0.7`, then the
 * parameters beyond the seed's (`push`, `ring degree 4`, ...).
 */
function where(r: ClaimResult): string {
  const p = r.plan;
  const start = p.start === 'split' ? `split ${Number(p.split.toFixed(4))}` : p.start;
  const n = r.claim.kind === 'bound' ? `n=${p.n} ` : '';
  const extra = extraLabel(p);
  return `${n}fanout=${p.fanout} ${start} thr=${p.threshold}${extra === '' ? '' : ` ${extra}`}`;
}

/** The verdict table as text: one line per result, columns padded. */
export function verdictTable(results: readonly ClaimResult[]): string {
  if (results.length === 0) return 'no claims checked';
  const head = ['suite', 'claim', 'where', 'metric', 'claimed', 'measured [95% ci]', 'satisfied', 'best', 'verdict'];
  const rows = results.map((r) => [
    r.suite,
    r.claim.id,
    where(r),
    r.claim.metric,
    r.claimed,
    r.measured === null ? '' : `${short(r.measured)} [${short(r.ci95Low)}, ${short(r.ci95High)}]`,
    r.fractionSatisfied === null ? '' : `${(100 * r.fractionSatisfied).toFixed(1)}%`,
    r.bestClass ?? '',
    r.verdict.toUpperCase(),
  ]);
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((row) => (row[c] as string).length)));
  return all.map((row) => row.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ').trimEnd()).join('\n');
}
