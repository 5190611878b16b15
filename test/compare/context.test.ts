// Tests of the context warnings: another CPU, Node version or thread count, a dirty work tree, or
// a run that did not complete each give one warning naming the field; the same context none.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare.ts';
import { contextWarnings } from '../../src/compare/context.ts';
import { compareMarkdown } from '../../src/compare/markdown.ts';
import { parseRunContext } from '../../src/io/run-folder.ts';
import { removeDir, syntheticRunInfo, tempDir, timings, writeSyntheticRun } from './helpers.ts';

let root = '';
beforeAll(() => {
  root = tempDir();
});
afterAll(() => removeDir(root));

const info = (over: Parameters<typeof syntheticRunInfo>[1] = {}) => parseRunContext('run.json', syntheticRunInfo('20261125T000000Z-aaaaaaa', over));

describe('contextWarnings', () => {
  it('is empty for the same context', () => {
    expect(contextWarnings(info(), info())).toEqual([]);
  });

  it('names each field that differs, with both values', () => {
    const w = contextWarnings(info(), info({ cpuModel: 'Other CPU', node: 'v22.1.0', threads: 8 }));
    expect(w.map((x) => x.field)).toEqual(['machine.cpuModel', 'machine.node', 'threads']);
    expect(w[0]).toMatchObject({ base: 'Test CPU', head: 'Other CPU' });
    expect(w[2]).toMatchObject({ base: '2', head: '8' });
  });

  it('warns for each dirty run and each run that did not complete', () => {
    const failed = { ...info(), status: 'failed' };
    const w = contextWarnings(info({ dirty: true }), failed);
    expect(w.map((x) => x.field)).toEqual(['git.dirty', 'status']);
    expect(w[0]!.message).toContain('BASE');
    expect(w[1]!.message).toContain('HEAD');
  });
});

describe('context warnings in the report', () => {
  it('appear in compare.md', async () => {
    const rows = [{ n: 1000, fanout: 3, samples: timings(20, 0.03, 50, 'a') }];
    const base = await writeSyntheticRun(join(root, 'a'), rows);
    const head = await writeSyntheticRun(join(root, 'b'), rows, syntheticRunInfo('20261125T000100Z-aaaaaaa', { cpuModel: 'Other CPU', dirty: true }));
    const r = await compareRuns(base, head);
    const md = compareMarkdown(r);
    expect(md).toContain('### Context warnings');
    expect(md).toContain('CPU model differs: Test CPU (BASE) vs Other CPU (HEAD)');
    expect(md).toContain('HEAD ran with uncommitted changes');
  });
});
