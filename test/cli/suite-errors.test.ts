// Tests of bad suite declarations through the bench CLI (a fixture registry): a wrong type, a
// missing field or an unknown key exits 2 with one line naming the suite, the key and the value,
// and creates nothing, whatever suite the command asks for.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_SUITES, good } from '../fixtures/bad-suites.ts';
import { runInProcess } from './cli.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-suites-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a bad suite declaration', () => {
  it.each(BAD_SUITES)('%s: exit 2 naming suite, key and value, nothing created', async (_name, suite, key, value) => {
    const registry = { suites: [good, suite], defaultRun: [{ suite: 'good', mode: 'default' as const }] };
    for (const args of [['--suite', 'good'], []]) {
      const out = join(tmp, String(suite['name']), 'out');
      const result = await runInProcess([...args, '--out', out], { registry });
      expect(result.code).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]?.startsWith(`error: suite ${JSON.stringify(suite['name'])}: ${key} must be `), lines[0]).toBe(true);
      expect(lines[0]).toContain(`(got ${value})`);
      expect(existsSync(join(out, '..'))).toBe(false);
    }
  });

  it('the same registry without the bad suite runs', async () => {
    const registry = { suites: [good], defaultRun: [{ suite: 'good', mode: 'default' as const }] };
    expect((await runInProcess(['--out', join(tmp, 'ok')], { registry })).code).toBe(0);
  });
});
