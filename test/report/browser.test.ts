// Opens report.html in headless Chromium (Debian's /usr/bin/chromium through playwright-core)
// and checks that every chart rendered with marks, nothing was fetched, the console stayed clean,
// and the claims table fits the page with its details closed and open; saves a full-page screenshot as report.png beside report.html. Without Chromium the
// test fails when CI is set (CI must run it) and is skipped elsewhere with a message.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_NAMES } from '../../src/report/catalog.ts';
import { buildReport, writeReport } from '../../src/report/report.ts';
import { copyRun } from './fixture.ts';

/** Debian's Chromium; CHROMIUM_PATH overrides it (another distribution, or to test the skip). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const present = existsSync(CHROMIUM);
const onCi = Boolean(process.env.CI);
const skip = !present && !onCi;
/**
 * Where the browser test leaves its run (with report.html and the screenshot report.png) for a
 * person or a CI artifact step to look at; emptied at the start of each run.
 */
const OUT = join(tmpdir(), 'gossip-bench-report-browser');

if (skip) console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install chromium; required when CI is set)`);

describe.skipIf(skip)(`report.html in headless Chromium${skip ? ` (skipped: no ${CHROMIUM})` : ''}`, () => {
  let runDir = '';
  let profile = '';
  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    runDir = copyRun({ root: OUT }).dir;
    await writeReport(await buildReport(runDir, { png: false }));
    profile = mkdtempSync(join(tmpdir(), 'gossip-chromium-profile-'));
  });
  afterAll(() => {
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('renders every chart with marks, fits the claims table, fetches nothing, logs no errors, and saves a screenshot', async () => {
    expect(present, `${CHROMIUM} is required on CI: apt-get install -y chromium`).toBe(true);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      const failed: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(join(runDir, 'report.html')).href;
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.ok() ?? true).toBe(true);

      const charts = await page.$$eval('figure.chart-figure', (figs) =>
        figs.map((f) => {
          const svg = f.querySelector('.chart > svg');
          const box = svg?.getBoundingClientRect();
          return {
            name: f.getAttribute('data-chart'),
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: svg ? svg.querySelectorAll('.role-mark > *').length : 0,
            titles: svg ? svg.querySelectorAll('.role-title-text text').length : 0,
            legends: svg ? svg.querySelectorAll('.role-legend').length : 0,
          };
        }),
      );
      expect(charts.map((c) => c.name)).toEqual([...CHART_NAMES]);
      for (const c of charts) {
        expect(c.width, `${c.name} width`).toBeGreaterThan(100);
        expect(c.height, `${c.name} height`).toBeGreaterThan(100);
        expect(c.marks, `${c.name} marks`).toBeGreaterThan(0);
        expect(c.titles, `${c.name} title`).toBe(1);
        expect(c.legends, `${c.name} legend`).toBeGreaterThan(0);
      }
      // The claims table fits the page, with its details collapsed and then opened.
      const overflow = async (): Promise<{ table: number; main: number; page: number; view: number }> => ({
        table: await page.$eval('table.claims', (t) => t.getBoundingClientRect().right),
        main: await page.$eval('main', (m) => m.getBoundingClientRect().right),
        page: await page.$eval('html', (h) => h.scrollWidth),
        view: await page.$eval('html', (h) => h.clientWidth),
      });
      const closed = await overflow();
      expect(closed.table, 'claims table right edge').toBeLessThanOrEqual(closed.main + 0.5);
      expect(closed.page, 'page width').toBeLessThanOrEqual(closed.view);
      const details = page.locator('table.claims details.claim-detail');
      expect(await details.count()).toBe(2);
      expect(await page.locator('table.claims ul.fits').first().isVisible()).toBe(false);
      for (const s of await page.locator('table.claims details.claim-detail > summary').all()) await s.click();
      expect(await page.locator('table.claims ul.fits').first().isVisible()).toBe(true);
      const open = await overflow();
      expect(open.table, 'claims table right edge, details open').toBeLessThanOrEqual(open.main + 0.5);
      expect(open.page, 'page width, details open').toBeLessThanOrEqual(open.view);

      await page.screenshot({ path: join(runDir, 'report.png'), fullPage: true });

      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      expect(requests).toEqual([url]);
      expect(existsSync(join(runDir, 'report.png'))).toBe(true);
      console.log(`screenshot: ${join(runDir, 'report.png')}`);
    } finally {
      await context.close();
    }
  });
});
