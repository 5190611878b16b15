// report.html: one self-contained page (inline CSS and SVG, no scripts, a CSP that forbids any
// fetch) with the run's context, the claim verdicts, the charts, per-suite summaries and links.
import { contextTable, suitesTable, summaryTables, verdictCounts, verdictTable } from './html-tables.ts';
import type { RunData } from '../io/run-folder.ts';
import { escapeHtml as esc, inlineSvg, prefixSvgIds } from './text.ts';

/** A drawn chart as the page shows it. */
export interface PageChart {
  name: string;
  title: string;
  caption: string;
  svg: string;
  /** Whether `charts/NAME.png` was written beside the SVG. */
  png: boolean;
}

/** What the page is made from. */
export interface PageInput {
  run: RunData;
  charts: readonly (Omit<PageChart, 'png'> & { png: unknown })[];
  skipped: readonly { name: string; title: string; reason: string }[];
}

/** Nothing may be fetched: styles are inline, images only as data URLs, no scripts at all. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg-alt: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 4px; }
nav a { margin-right: 14px; }
a { color: #0969da; }
code { font: 12.5px/1.3 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.muted { color: var(--muted); }
p { margin: 4px 0 10px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg-alt); font-weight: 600; }
table.context th { background: var(--bg-alt); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.warn { color: #9a6700; font-weight: 600; }
td.detail { max-width: 420px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; margin-left: 6px; border: 1px solid var(--line); }
.badge.dirty { background: #fff8c5; border-color: #d4a72c; }
.badge.clean { background: #dafbe1; border-color: #4ac26b; }
.badge.status-failed, .badge.status-interrupted { background: #ffebe9; border-color: #ff8182; }
.verdict { display: inline-block; min-width: 82px; text-align: center; padding: 1px 6px; border-radius: 4px; font-weight: 600; }
tr.v-holds td { background: #f0fbf3; } tr.v-holds .verdict, .verdict.v-holds { background: #1a7f37; color: #fff; }
tr.v-tight td { background: #eef6ff; } tr.v-tight .verdict, .verdict.v-tight { background: #0969da; color: #fff; }
tr.v-upper-bound td { background: #fff9e6; } tr.v-upper-bound .verdict, .verdict.v-upper-bound { background: #bf8700; color: #fff; }
tr.v-fails td { background: #fff0ef; } tr.v-fails .verdict, .verdict.v-fails { background: #cf222e; color: #fff; }
tr.v-other .verdict { background: #6e7781; color: #fff; }
.legend span.verdict { min-width: 0; margin-right: 6px; font-size: 12px; }
figure { margin: 18px 0 26px; }
figure .chart svg { max-width: 100%; height: auto; display: block; border: 1px solid #eaeef2; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; max-width: 1000px; }
ul.skipped { padding-left: 20px; }
ul.files { columns: 2; padding-left: 20px; }
`;

/** The verdict colour key shown above the claims table. */
const VERDICT_KEY =
  '<p class="legend muted">' +
  '<span class="verdict v-holds">holds</span>the bound held ' +
  '<span class="verdict v-tight">tight</span>best class = claimed ' +
  '<span class="verdict v-upper-bound">upper-bound</span>grows slower than claimed ' +
  '<span class="verdict v-fails">fails</span>the claim does not hold</p>';

function claimsSection(run: RunData): string {
  if (!run.claims) return '<p class="muted">No claims.csv in this run: no claims were checked.</p>';
  return `<p>${esc(verdictCounts(run.claims.rows) || 'no claims')}.</p>${VERDICT_KEY}${verdictTable(run.claims.rows)}`;
}

function chartsSection(input: PageInput): string {
  const figures = input.charts
    .map((c) => {
      const links = [`<a href="charts/${esc(c.name)}.svg">SVG</a>`];
      if (c.png) links.push(`<a href="charts/${esc(c.name)}.png">PNG</a>`);
      return (
        `<figure id="chart-${esc(c.name)}" class="chart-figure" data-chart="${esc(c.name)}">` +
        `<div class="chart">${prefixSvgIds(inlineSvg(c.svg), c.name)}</div>` +
        `<figcaption><strong>${esc(c.title)}.</strong> ${esc(c.caption)} ${links.join(' · ')}</figcaption></figure>`
      );
    })
    .join('');
  const skipped =
    input.skipped.length === 0
      ? ''
      : `<h3>Skipped</h3><ul class="skipped">${input.skipped
          .map((s) => `<li><code>${esc(s.name)}</code>: ${esc(s.reason)}</li>`)
          .join('')}</ul>`;
  const none = input.charts.length === 0 ? '<p class="muted">No chart had data in this run.</p>' : '';
  return none + figures + skipped;
}

function filesSection(input: PageInput): string {
  const data = input.run.files.map((f) => `<li><a href="${esc(f)}">${esc(f)}</a></li>`);
  const charts = input.charts.flatMap((c) => {
    const out = [`<li><a href="charts/${esc(c.name)}.svg">charts/${esc(c.name)}.svg</a></li>`];
    if (c.png) out.push(`<li><a href="charts/${esc(c.name)}.png">charts/${esc(c.name)}.png</a></li>`);
    return out;
  });
  return `<ul class="files">${[...data, ...charts].join('')}</ul>`;
}

/** Composes report.html; every string that comes from the run's files is escaped. */
export function reportHtml(input: PageInput): string {
  const { run } = input;
  const info = run.info;
  const summary = run.summary;
  const withTheory = summary !== null && summary.header.includes('theory_rounds') && summary.rows.some((r) => r.theory_rounds !== null);
  const commit = info.git.shortCommit ?? info.git.commit?.slice(0, 7) ?? '';
  const sub = [commit && `commit ${commit}${info.git.dirty ? ' (dirty)' : ''}`, info.startedAt, info.suites.map((s) => s.name).join(', ')].filter(Boolean);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<title>gossip-bench report: ${esc(info.runId)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>gossip-bench run <code>${esc(info.runId)}</code></h1>
<p class="muted">${esc(sub.join(' · '))}</p>
<nav><a href="#context">Context</a><a href="#claims">Claims</a><a href="#charts">Charts</a><a href="#summary">Summary</a><a href="#files">Files</a></nav>
</header>
<section id="context">
<h2>Context</h2>
${contextTable(info)}
<h3>Suites</h3>
${suitesTable(info)}
</section>
<section id="claims">
<h2>Claims</h2>
${claimsSection(run)}
</section>
<section id="charts">
<h2>Charts</h2>
${chartsSection(input)}
</section>
<section id="summary">
<h2>Summary by suite</h2>
${summary ? summaryTables(summary.rows, withTheory) : '<p class="muted">No summary.csv in this run.</p>'}
</section>
<section id="files">
<h2>Files</h2>
${filesSection(input)}
</section>
</main>
</body>
</html>
`;
}
