// Tests of the speed comparison on synthetic throughput runs (a real throughput run is too slow
// for a unit test): 20% slower is a regression, equal distributions and a significant 2% are
// within noise, 20% faster is an improvement, rows in one run only are listed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare.ts';
import { compareMarkdown } from '../../src/compare/markdown.ts';
import { speedMark } from '../../src/compare/speed.ts';
import { removeDir, tempDir, timings, writeSyntheticRun } from './helpers.ts';

let root = '';
let base = '';

/** BASE: two rows, 300 timed rounds each around 20 and 30 ns with ±3% noise. */
const BASE_ROWS = [
  { n: 1000, fanout: 3, samples: timings(20, 0.03, 300, 'base-3') },
  { n: 1000, fanout: 5, samples: timings(30, 0.03, 300, 'base-5') },
];

/** A HEAD run whose rows are BASE's scaled by `factor`, with fresh noise from `seed`. */
async function head(name: string, factor: number, seed: string): Promise<string> {
  return writeSyntheticRun(join(root, name), [
    { n: 1000, fanout: 3, samples: timings(20 * factor, 0.03, 300, `${seed}-3`) },
    { n: 1000, fanout: 5, samples: timings(30 * factor, 0.03, 300, `${seed}-5`) },
  ]);
}

beforeAll(async () => {
  root = tempDir();
  base = await writeSyntheticRun(join(root, 'base'), BASE_ROWS);
});

afterAll(() => removeDir(root));

describe('compareSpeed', () => {
  it('marks 20% slower as regressed', async () => {
    const r = await compareRuns(base, await head('slower', 1.2, 'slow'));
    expect(r.speed.rows.map((x) => x.mark)).toEqual(['regressed', 'regressed']);
    for (const row of r.speed.rows) {
      expect(row.ratio).toBeGreaterThan(1.15);
      expect(row.test!.p).toBeLessThan(1e-6);
      expect(row.ratioCi95!.low).toBeGreaterThan(1.15);
    }
    expect(r.regressed).toBe(true);
    expect(r.failed).toBe(true);
    expect(r.behaviourChanged).toBe(false);
    expect(compareMarkdown(r)).toMatch(/\| throughput \| majority \| 1,000 \| 3 \| 1 \| .* \| regressed \|/);
  });

  it('marks 20% faster as improved', async () => {
    const r = await compareRuns(base, await head('faster', 0.8, 'fast'));
    expect(r.speed.rows.map((x) => x.mark)).toEqual(['improved', 'improved']);
    expect(r.failed).toBe(false);
  });

  it('keeps equal distributions within noise (not significant)', async () => {
    const r = await compareRuns(base, await head('equal', 1, 'same'));
    expect(r.speed.rows.map((x) => x.mark)).toEqual(['within noise', 'within noise']);
    expect(r.speed.rows.every((x) => !x.significant)).toBe(true);
    expect(r.failed).toBe(false);
  });

  it('keeps a significant 2% slowdown within noise (below the 5% threshold), and flags it at 1%', async () => {
    const h = await head('two-percent', 1.02, 'two');
    const r = await compareRuns(base, h);
    for (const row of r.speed.rows) {
      expect(row.significant).toBe(true);
      expect(row.ratio).toBeGreaterThan(1.01);
      expect(row.mark).toBe('within noise');
    }
    const strict = await compareRuns(base, h, { threshold: 0.01 });
    expect(strict.speed.rows.map((x) => x.mark)).toEqual(['regressed', 'regressed']);
  });

  it('marks rows untested without samples, and lists rows in one run only', async () => {
    const h = await writeSyntheticRun(join(root, 'other-rows'), [
      { n: 1000, fanout: 3, samples: timings(30, 0.03, 300, 'x') },
      { n: 100000, fanout: 3, samples: timings(30, 0.03, 300, 'y') },
    ]);
    rmSync(join(h, 'throughput-samples.csv'));
    const r = await compareRuns(base, h);
    expect(r.speed.rows).toHaveLength(1);
    expect(r.speed.rows[0]!.mark).toBe('untested');
    expect(r.speed.rows[0]!.test).toBeNull();
    expect(r.speed.onlyInBase.map((p) => [p.n, p.fanout])).toEqual([[1000, 5]]);
    expect(r.speed.onlyInHead.map((p) => [p.n, p.fanout])).toEqual([[100000, 3]]);
    expect(r.regressed).toBe(false);
    const md = compareMarkdown(r);
    expect(md).toContain('only in BASE: throughput majority n=1000 fanout=5 threads=1');
    expect(md).toContain('only in HEAD: throughput majority n=100000 fanout=3 threads=1');
  });
});

describe('speedMark', () => {
  it('needs both significance and a ratio beyond the threshold', () => {
    expect(speedMark(1.2, true, 0.05)).toBe('regressed');
    expect(speedMark(1.2, false, 0.05)).toBe('within noise');
    expect(speedMark(1.04, true, 0.05)).toBe('within noise');
    expect(speedMark(0.9, true, 0.05)).toBe('improved');
    expect(speedMark(0.9, null, 0.05)).toBe('untested');
  });
});
