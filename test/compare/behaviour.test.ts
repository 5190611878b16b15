// Tests of the behaviour comparison on real run folders made by the bench CLI: an identical-seed
// rerun shows no change; one altered trial is caught; different seeds compare means without a
// false alarm; points match by parameters, not index; points in one run only are listed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare.ts';
import { compareMarkdown } from '../../src/compare/markdown.ts';
import { compareTable } from '../../src/compare/table.ts';
import { benchSmoke, copyRun, editFile, removeDir, setCsvCell, tempDir } from './helpers.ts';

let root = '';
let seed1 = '';
let rerun = '';
let seed2 = '';

beforeAll(async () => {
  root = tempDir();
  seed1 = join(root, 'seed1');
  rerun = join(root, 'seed1-again');
  seed2 = join(root, 'seed2');
  await Promise.all([benchSmoke(seed1, 1), benchSmoke(rerun, 1), benchSmoke(seed2, 2)]);
});

afterAll(() => removeDir(root));

describe('same master seed: trial by trial', () => {
  it('finds no behaviour change against an identical-seed rerun', async () => {
    const r = await compareRuns(seed1, rerun);
    expect(r.behaviour.sameSeed).toBe(true);
    expect(r.behaviour.points).toHaveLength(6);
    expect(r.behaviour.points.every((p) => p.method === 'exact' && p.exact.trialsCompared === 50 && !p.changed)).toBe(true);
    expect(r.behaviourChanged).toBe(false);
    expect(r.failed).toBe(false);
    expect(compareMarkdown(r)).toContain('**No behaviour change.**');
    expect(compareTable(r)).toContain('No behaviour change');
  });

  it('catches one altered rounds value as a behaviour change of that point', async () => {
    const head = copyRun(rerun, join(root, 'altered'));
    setCsvCell(head, 'trials.csv', 3, 'rounds', (v) => String(Number(v) + 1));
    const r = await compareRuns(seed1, head);
    expect(r.behaviour.changed).toBe(1);
    expect(r.behaviourChanged).toBe(true);
    expect(r.failed).toBe(true);
    const changed = r.behaviour.points.filter((p) => p.changed);
    expect(changed).toHaveLength(1);
    const p = changed[0]!;
    expect(p.method).toBe('exact');
    if (p.method !== 'exact') return;
    expect(p.params.n).toBe(10);
    expect(p.exact.trialsChanged).toBe(1);
    expect(p.exact.firstDiffs[0]!.trial).toBe(3);
    expect(p.exact.firstDiffs[0]!.changes.map((c) => c.field)).toEqual(['rounds']);
    expect(compareMarkdown(r)).toContain('**Behaviour changed in 1 point.**');
  });

  it('catches a changed winner and messages, and counts every changed trial', async () => {
    const head = copyRun(rerun, join(root, 'altered2'));
    for (const row of [0, 1, 2, 3, 4]) setCsvCell(head, 'trials.csv', 50 + row, 'messages', (v) => String(Number(v) + 10));
    setCsvCell(head, 'trials.csv', 100, 'winner', () => '1');
    const r = await compareRuns(seed1, head);
    expect(r.behaviour.changed).toBe(2);
    const counts = r.behaviour.points.map((p) => (p.method === 'exact' ? p.exact.trialsChanged : -1));
    expect(counts).toEqual([0, 5, 1, 0, 0, 0]);
    const second = r.behaviour.points[1]!;
    if (second.method === 'exact') expect(second.exact.firstDiffs).toHaveLength(3);
  });

  it('matches points by parameters, not by their point index', async () => {
    const head = copyRun(rerun, join(root, 'renumbered'));
    for (const file of ['trials.csv', 'summary.csv']) {
      editFile(head, file, (text) => text.replace(/^smoke,(\d+),/gm, (_m, i: string) => `smoke,${Number(i) + 7},`));
    }
    const r = await compareRuns(seed1, head);
    expect(r.behaviour.points).toHaveLength(6);
    expect(r.behaviour.points[0]!.headPoint).toBe(7);
    expect(r.behaviourChanged).toBe(false);
  });

  it('compares means when HEAD has no trials.csv, saying why', async () => {
    const head = copyRun(rerun, join(root, 'no-trials'));
    rmSync(join(head, 'trials.csv'));
    const r = await compareRuns(seed1, head);
    expect(r.behaviour.points.every((p) => p.method === 'means' && p.reason === 'HEAD has no trials.csv')).toBe(true);
    expect(r.behaviourChanged).toBe(false);
  });
});

describe('different master seeds: means with intervals', () => {
  it('raises no false alarm on two runs of the same code', async () => {
    const r = await compareRuns(seed1, seed2);
    expect(r.behaviour.sameSeed).toBe(false);
    expect(r.behaviour.points).toHaveLength(6);
    for (const p of r.behaviour.points) {
      expect(p.method).toBe('means');
      if (p.method !== 'means') continue;
      expect(p.metrics.map((m) => m.metric)).toEqual(['rounds_mean', 'messages_mean', 'converged_rate']);
      expect(p.metrics.every((m) => !m.significant)).toBe(true);
    }
    expect(r.behaviour.tests).toBeGreaterThan(0);
    expect(r.behaviourChanged).toBe(false);
    expect(compareMarkdown(r)).toContain('master seeds differ');
  });

  it('flags a real shift of the means', async () => {
    const head = copyRun(seed2, join(root, 'shifted'));
    // Every trial of the n = 100, fanout 3 point (rows 100-149: 50 trials a point) takes 3 more rounds.
    for (let row = 100; row < 150; row++) setCsvCell(head, 'trials.csv', row, 'rounds', (v) => String(Number(v) + 3));
    const r = await compareRuns(seed1, head);
    expect(r.behaviour.changed).toBe(1);
    const p = r.behaviour.points.find((x) => x.changed)!;
    expect(p.params).toMatchObject({ n: 100, fanout: 3 });
    if (p.method === 'means') expect(p.metrics.find((m) => m.metric === 'rounds_mean')!.significant).toBe(true);
  });
});

describe('points in one run only', () => {
  it('lists them on the side they are on and does not compare them', async () => {
    const head = copyRun(rerun, join(root, 'fewer'));
    // Drop the n = 1000, fanout 5 point from HEAD and add an n = 20 point that BASE lacks.
    for (const file of ['trials.csv', 'summary.csv']) {
      editFile(head, file, (text) =>
        text
          .split('\n')
          .filter((l) => !l.startsWith('smoke,5,'))
          .map((l) => (l.startsWith('smoke,4,') ? l.replace('smoke,4,majority,1000,3,', 'smoke,4,majority,20,3,') : l))
          .join('\n'),
      );
    }
    const r = await compareRuns(seed1, head);
    expect(r.behaviour.points).toHaveLength(4);
    expect(r.behaviour.onlyInBase.map((p) => [p.params.n, p.params.fanout])).toEqual([
      [1000, 3],
      [1000, 5],
    ]);
    expect(r.behaviour.onlyInHead.map((p) => [p.params.n, p.params.fanout])).toEqual([[20, 3]]);
    const md = compareMarkdown(r);
    expect(md).toContain('only in BASE: smoke n=1000 fanout=5');
    expect(md).toContain('only in HEAD: smoke n=20 fanout=3');
    expect(compareTable(r)).toContain('only in HEAD: smoke n=20 fanout=3');
    expect(r.behaviourChanged).toBe(false);
  });
});

describe('different trial counts with the same seed', () => {
  it('compares the common trials and notes the others', async () => {
    const head = copyRun(rerun, join(root, 'fewer-trials'));
    // Keep trials 0-39 of each point in HEAD's trials.csv.
    editFile(head, 'trials.csv', (text) =>
      text
        .split('\n')
        .filter((l, i) => i === 0 || l === '' || Number(l.split(',')[11]) < 40)
        .join('\n'),
    );
    const r = await compareRuns(seed1, head);
    expect(r.behaviourChanged).toBe(false);
    for (const p of r.behaviour.points) if (p.method === 'exact') expect(p.exact).toMatchObject({ trialsCompared: 40, trialsOnlyInBase: 10, trialsOnlyInHead: 0 });
    expect(compareMarkdown(r)).toContain('60 trials only in BASE and 0 trials only in HEAD');
  });
});
