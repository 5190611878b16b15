// Tests of report.html: self-contained (nothing fetched, no scripts), the run's context, the
// verdict table, every chart inline with unique ids, links to the CSVs, and escaped text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_NAMES } from '../../src/report/catalog.ts';
import { buildReport } from '../../src/report/report.ts';
import { copyRun, removeCopy, writeRunFile, type RunCopy } from './fixture.ts';

let copy: RunCopy;
let html: string;
beforeAll(async () => {
  copy = copyRun();
  html = (await buildReport(copy.dir, { png: false })).html;
});
afterAll(() => removeCopy(copy));

describe('report.html is self-contained', () => {
  it('fetches nothing: no scripts, no stylesheets, no external src or href, a strict CSP', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
  });

  it('links only to files in the run folder and anchors in the page', () => {
    const hrefs = [...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]!);
    for (const h of hrefs) expect(h, h).toMatch(/^(#[\w-]+|[\w.-]+\.(csv|json)|charts\/[\w-]+\.(svg|png))$/);
    for (const f of ['run.json', 'summary.csv', 'trials.csv', 'agreement.csv', 'claims.csv', 'throughput.csv']) expect(hrefs).toContain(f);
  });
});

describe('report.html content', () => {
  it("shows the run's context from run.json", () => {
    for (const s of ['20261124T233200Z-ab12cd3', 'ab12cd3f00d5e1b2c3a4958677aabbccddeeff00', 'main', 'v20.20.2', 'AMD EPYC 7B13', '8 cores', 'Master seed', 'seed-claims', 'thresholds', '2026-11-24T23:32:00.000Z']) {
      expect(html).toContain(s);
    }
    expect(html).toContain('class="badge clean"');
  });

  it('has the verdict table with a row per claim, coloured by verdict, with the detail', () => {
    for (const v of ['holds', 'fails', 'tight', 'upper-bound']) expect(html).toContain(`<tr class="v-${v}">`);
    expect(html.match(/<tr class="v-/g)).toHaveLength(8);
    expect(html).toContain('<summary>best log n (claimed n; lowest BIC)</summary>');
  });

  it("collapses each claim's detail to its one-line summary, the fits one class a line", () => {
    const details = [...html.matchAll(/<details class="claim-detail"><summary>(.*?)<\/summary>(.*?)<\/details>/g)];
    // Every complexity claim (2) and every bound claim with more than one clause (none in the fixture).
    expect(details.map((m) => m[1])).toEqual(['best 1 (claimed 1; lowest BIC)', 'best log n (claimed n; lowest BIC)']);
    for (const m of details) {
      expect(m[2]).toContain('<p>means by n 10:');
      expect(m[2]!.match(/<li/g)).toHaveLength(7);
      expect(m[2]!.match(/<li class="chosen">/g)).toHaveLength(1);
    }
    expect(details[1]![2]).toMatch(/<li class="chosen"><code>log n<\/code>: BIC [\d.]+ <span class="chosen-mark">\(chosen\)<\/span>/);
  });

  it('inlines every chart as SVG, with ids unique across the page', () => {
    expect(html.match(/<figure /g)).toHaveLength(CHART_NAMES.length);
    expect(html.match(/<svg /g)!.length).toBe(CHART_NAMES.length);
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
  });

  it('has a compact summary table per suite', () => {
    for (const s of ['scaling', 'seed-claims', 'fanout', 'thresholds']) expect(html).toContain(`<h3><code>${s}</code>`);
    expect(html).toContain('theory rounds');
  });
});

describe('report.html escapes text from files', () => {
  it('escapes markup in descriptions, details and ids', async () => {
    const bad = copyRun({ history: false });
    try {
      const run = JSON.parse(readFileSync(join(bad.dir, 'run.json'), 'utf8')) as { suites: { description: string }[]; git: { branch: string } };
      run.suites[0]!.description = '<script>alert("suite")</script>';
      run.git.branch = '"><img src=x onerror=alert(1)>';
      writeRunFile(bad, 'run.json', JSON.stringify(run));
      const claims = readFileSync(join(bad.dir, 'claims.csv'), 'utf8').split('\n');
      claims[1] = claims[1]!.replace('"n = 10, fanout 3: < 3 rounds (seed table)"', '"<script>alert(1)</script>"');
      claims[2] = claims[2]!.replace('holds', '<b>holds</b>');
      writeRunFile(bad, 'claims.csv', claims.join('\n'));
      const out = (await buildReport(bad.dir, { png: false })).html;
      expect(out).not.toMatch(/<script/i);
      expect(out).not.toMatch(/<img/i);
      expect(out).not.toContain('<b>');
      expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(out).toContain('&lt;script&gt;alert(&quot;suite&quot;)&lt;/script&gt;');
      expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
      expect(out).toContain('<tr class="v-other">');
    } finally {
      removeCopy(bad);
    }
  });
});
