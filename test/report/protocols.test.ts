// Tests of the protocol charts: rumor rounds against n with the theory curves where they apply,
// and plurality rounds and winners against the number of opinions; each skipped without its suite.
import { describe, expect, it } from 'vitest';
import { pushPullTheoryRounds, pushTheoryRounds } from '../../src/claims/theory.ts';
import { pluralityOutcome, RUMOR_THEORY, rumorRoundsVsN } from '../../src/report/charts-protocols.ts';
import type { SummaryRow } from '../../src/io/schemas.ts';
import { drawnSpec, fixtureRows, inputsWith, markType, view, views, type View } from './inputs.ts';

const rows = await fixtureRows();
const suite = (name: string): SummaryRow[] => rows.filter((r) => r.suite === name);
const PUSH = RUMOR_THEORY.find((t) => t.protocol === 'push')!.kind;
const PUSH_PULL = RUMOR_THEORY.find((t) => t.protocol === 'push-pull')!.kind;

/** The data of every line layer of a spec (measured and theory lines), optionally of one kind. */
function lines(v: View, kind?: string): Record<string, unknown>[] {
  const all = views(v).flatMap((x) => (markType(x) === 'line' ? (x.data?.values ?? []) : []));
  return kind === undefined ? all : all.filter((d) => d.kind === kind);
}

describe('rumor theory', () => {
  it('is log2 n + ln n for push and log3 n for push-pull', () => {
    expect(pushTheoryRounds(1024)).toBeCloseTo(10 + Math.log(1024), 12);
    expect(pushPullTheoryRounds(81)).toBeCloseTo(4, 12);
  });
});

describe('rumor-rounds-vs-n', () => {
  it('draws the mean rounds with CI of each protocol in suite order', () => {
    const v = view(rumorRoundsVsN(inputsWith(rows)));
    const measured = lines(v, 'measured');
    expect([...new Set(measured.map((d) => d.series))]).toEqual(['push', 'pull', 'push-pull']);
    const push = measured.filter((d) => d.series === 'push').map((d) => [d.n, d.rounds, d.lo, d.hi]);
    expect(push).toEqual([
      [100, 12.5333, 12.0263, 13.0404],
      [10000, 23.8333, 23.2608, 24.4058],
    ]);
    const bars = views(v).find((x) => markType(x) === 'errorbar')!;
    expect(bars.data!.values).toHaveLength(6);
  });

  it('draws the push and push-pull theory over the n range, named in the legend, and none for pull', () => {
    const v = view(rumorRoundsVsN(inputsWith(rows)));
    const push = lines(v, PUSH);
    const pushPull = lines(v, PUSH_PULL);
    expect(push.length).toBeGreaterThan(10);
    expect(new Set(push.map((d) => d.series))).toEqual(new Set(['push']));
    expect(new Set(pushPull.map((d) => d.series))).toEqual(new Set(['push-pull']));
    expect(push[0]!.n).toBeCloseTo(100, 9);
    expect(push[0]!.rounds).toBeCloseTo(Math.log2(100) + Math.log(100), 9);
    expect(push.at(-1)!.n).toBeCloseTo(10000, 6);
    expect(push.at(-1)!.rounds).toBeCloseTo(22.4984, 3);
    expect(pushPull.at(-1)!.rounds).toBeCloseTo(8.3836, 3);
    const dash = views(v).find((x) => x.encoding?.strokeDash)!.encoding!.strokeDash!;
    expect(dash.scale!.domain).toEqual(['measured', PUSH, PUSH_PULL]);
    expect(drawnSpec(rumorRoundsVsN(inputsWith(rows))).caption).toContain('push at n = 10,000: 23.8 rounds measured, 22.5 by theory');
  });

  it('draws no theory off the complete graph or at another fanout', () => {
    const ring = suite('rumor').map((r) => ({ ...r, topology: 'ring', degree: 4 }));
    const fanout2 = suite('rumor').map((r) => ({ ...r, fanout: 2 }));
    for (const edited of [ring, fanout2]) {
      const b = rumorRoundsVsN(inputsWith(edited));
      expect(lines(view(b)).filter((d) => d.kind !== 'measured')).toEqual([]);
      expect(drawnSpec(b).caption).toContain('No theory curve applies');
    }
  });

  it('keeps the theory of the fanout-1 series when another fanout is beside it', () => {
    const mixed = [...suite('rumor'), ...suite('rumor').map((r) => ({ ...r, fanout: 2 }))];
    const push = lines(view(rumorRoundsVsN(inputsWith(mixed))), PUSH);
    expect(new Set(push.map((d) => d.series))).toEqual(new Set(['push, fanout 1']));
  });

  it('is skipped with a reason without rumor rows or with one n', () => {
    const none = rumorRoundsVsN(inputsWith(rows.filter((r) => r.suite !== 'rumor')));
    expect(none).toEqual({ ok: false, reason: 'summary.csv has no rows of suite rumor' });
    expect(rumorRoundsVsN(inputsWith(null))).toEqual({ ok: false, reason: 'no summary.csv in the run folder' });
    const one = rumorRoundsVsN(inputsWith(suite('rumor').filter((r) => r.n === 100)));
    expect(one.ok ? '' : one.reason).toMatch(/fewer than 2 values of n/);
  });
});

describe('plurality-outcome', () => {
  it('draws rounds and the win rate of opinion 0 against m per protocol, n told apart by dashes and shapes', () => {
    const v = view(pluralityOutcome(inputsWith(rows)));
    const values = v.data!.values!;
    expect([...new Set(values.map((d) => d.series))]).toEqual(['majority', '3-majority', '2-choices']);
    const at = (series: string, n: string, m: number) => values.find((d) => d.series === series && d.n === n && d.m === m);
    expect(at('majority', 'n 10,000', 10)).toMatchObject({ winner0: 1, rounds: 9.08 });
    expect(at('2-choices', 'n 1,000', 10)).toMatchObject({ winner0: 0.3, rounds: 29.66, lo: 28.6509, hi: 30.6691 });
    expect(at('2-choices', 'n 10,000', 10)).toBeUndefined();
    const dash = views(v).find((x) => x.encoding?.strokeDash)!.encoding!.strokeDash!;
    expect(dash.field).toBe('n');
    expect(dash.scale!.domain).toEqual(['n 1,000', 'n 10,000']);
    expect(v.hconcat).toHaveLength(2);
  });

  it('leaves n out of the encoding when there is one n', () => {
    const v = view(pluralityOutcome(inputsWith(suite('plurality').filter((r) => r.n === 1000))));
    expect(views(v).some((x) => x.encoding?.strokeDash || x.encoding?.shape)).toBe(false);
    expect(new Set(v.data!.values!.map((d) => d.n))).toEqual(new Set(['n 1,000']));
  });

  it('is skipped with a reason without plurality rows or with one m', () => {
    expect(pluralityOutcome(inputsWith(rows.filter((r) => r.suite !== 'plurality')))).toEqual({ ok: false, reason: 'summary.csv has no rows of suite plurality' });
    const one = pluralityOutcome(inputsWith(suite('plurality').filter((r) => r.opinions === 2)));
    expect(one.ok ? '' : one.reason).toMatch(/fewer than 2 values of opinions/);
  });
});
