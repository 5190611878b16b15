// Tests of grouping rows into labelled series, log-axis ticks, and the report's text helpers.
import { describe, expect, it } from 'vitest';
import { logTicks } from '../../src/report/chart.ts';
import { groupBy, logSpaced, startText, type LabelField } from '../../src/report/series.ts';
import { escapeHtml, fmtNum, fmtPct, prefixSvgIds } from '../../src/report/text.ts';

interface R {
  f: number;
  s: string;
  p: number;
}
const FIELDS: LabelField<R>[] = [
  { name: 'f', text: (r) => `fanout ${r.f}`, always: true },
  { name: 's', text: (r) => r.s },
  { name: 'p', text: (r) => `point ${r.p}`, hidden: true },
];

describe('groupBy labels', () => {
  it('shows the always fields and the fields that vary, in natural order', () => {
    const g = groupBy<R>([{ f: 10, s: 'a', p: 0 }, { f: 3, s: 'a', p: 0 }, { f: 3, s: 'b', p: 0 }, { f: 3, s: 'a', p: 0 }], FIELDS);
    expect(g.map((x) => [x.label, x.rows.length])).toEqual([['fanout 3, a', 2], ['fanout 3, b', 1], ['fanout 10, a', 1]]);
  });

  it('sorts numbers with thousands separators by value', () => {
    const rows = [1e6, 1e5, 1e4].map((n) => ({ f: n, s: 'a', p: 0 }));
    const g = groupBy<R>(rows, [{ name: 'f', text: (r) => `n ${r.f.toLocaleString('en-US')}` }]);
    expect(g.map((x) => x.label)).toEqual(['n 10,000', 'n 100,000', 'n 1,000,000']);
  });

  it('shows only the always fields when nothing varies, and hidden fields only to break ties', () => {
    expect(groupBy<R>([{ f: 3, s: 'a', p: 0 }], FIELDS).map((x) => x.label)).toEqual(['fanout 3']);
    expect(groupBy<R>([{ f: 3, s: 'a', p: 0 }, { f: 3, s: 'a', p: 1 }], FIELDS).map((x) => x.label)).toEqual(['fanout 3, point 0', 'fanout 3, point 1']);
  });
});

describe('axis helpers', () => {
  it('puts log ticks at decades over a wide range and 1-2-5 over a narrow one', () => {
    expect(logTicks([10, 1e5])).toEqual([10, 100, 1000, 1e4, 1e5]);
    expect(logTicks([1.5, 60])).toEqual([2, 5, 10, 20, 50]);
    expect(logTicks([])).toEqual([]);
  });

  it('spaces curve points evenly in log n, ends included', () => {
    const xs = logSpaced(10, 1e5, 5);
    expect(xs.map((x) => Math.round(x))).toEqual([10, 100, 1000, 10000, 100000]);
  });
});

describe('startText', () => {
  it('shows a realised split to 4 decimals, other starts by name', () => {
    expect(startText('split', 69_998 / 99_856)).toBe('split 0.701');
    expect(startText('split', 69_899 / 99_856)).toBe('split 0.7');
    expect(startText('split', '0.7')).toBe('split 0.7');
    expect(startText('near-balanced', 0.5016)).toBe('near-balanced');
  });
});

describe('text helpers', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('formats numbers and shares for tables', () => {
    expect([fmtNum(100000), fmtNum(2.34567), fmtNum(null), fmtNum(0.000123456)]).toEqual(['100,000', '2.35', '–', '0.000123']);
    expect([fmtPct(0.955), fmtPct(1), fmtPct(null)]).toEqual(['95.5%', '100%', '–']);
  });

  it('prefixes SVG ids and the references to them', () => {
    const svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    expect(prefixSvgIds(svg, 'c')).toBe('<svg><clipPath id="c-clip1"><rect/></clipPath><g clip-path="url(#c-clip1)"><use href="#c-clip1"/></g></svg>');
  });
});
