// merge refuses shard folders that are not the N shards of one run: missing, given twice, of
// another run (arguments, seed, shard count, code), incomplete, edited or truncated. Each time it
// exits 2 with one line naming the shard and what differs, and writes nothing.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeInProcess, runInProcess } from './cli.ts';

const ARGS = ['--suite', 'smoke', '--trials', '3', '--seed', '7', '--threads', '1'];

let tmp: string;
let shards: string[];
let otherSeed: string;
let otherSuite: string;
let otherCount: string;
let whole: string;
let outs = 0;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-merge-'));
  shards = [0, 1, 2].map((i) => join(tmp, `s${i}`));
  otherSeed = join(tmp, 'seed8');
  otherSuite = join(tmp, 'suite');
  otherCount = join(tmp, 'count2');
  whole = join(tmp, 'whole');
  const runs = await Promise.all([
    ...shards.map((out, i) => runInProcess([...ARGS, '--shard', `${i}/3`, '--out', out])),
    runInProcess([...ARGS, '--seed', '8', '--shard', '1/3', '--out', otherSeed]),
    runInProcess(['--suite', 'seed-claims', '--trials', '3', '--seed', '7', '--threads', '1', '--shard', '1/3', '--out', otherSuite]),
    runInProcess([...ARGS, '--shard', '1/2', '--out', otherCount]),
    runInProcess([...ARGS, '--out', whole]),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of shard `i` in a new folder, changed by `edit` (given the copy's path). */
function editedCopy(i: number, name: string, edit: (dir: string) => void): string {
  const dir = join(tmp, name);
  cpSync(shards[i] as string, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Changes the run.json of `dir`. */
function editRunJson(dir: string, change: (info: Record<string, unknown>) => void): void {
  const file = join(dir, 'run.json');
  const info = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(info);
  writeFileSync(file, JSON.stringify(info, null, 2));
}

/** Merges `dirs` into a fresh --out and checks the refusal: exit 2, one line matching `line`, nothing written. */
async function refused(dirs: readonly string[], line: RegExp): Promise<void> {
  const out = join(tmp, `out-${++outs}`);
  const r = await mergeInProcess(['--out', out, ...dirs]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
  expect(r.stderr).toMatch(line);
  expect(r.stdout).toBe('');
  expect(existsSync(out)).toBe(false);
}

describe('merge refuses, writing nothing', () => {
  it('a missing shard', async () => {
    await refused([shards[0]!, shards[2]!], /^error: shard 1 of 3 is missing \(given: 0, 2\)/);
  });

  it('a shard given twice, as the same folder or a copy', async () => {
    await refused([shards[0]!, shards[1]!, shards[1]!, shards[2]!], /^error: shard 1 is given twice: /);
    const copy = editedCopy(1, 'copy1', () => undefined);
    await refused([...shards, copy], new RegExp(`^error: shard 1 is given twice: ${shards[1]!} and ${copy}`));
  });

  it('a shard of another run: other suites, other seed, other shard count', async () => {
    await refused([shards[0]!, otherSuite, shards[2]!], new RegExp(`^error: shard 1 \\(${otherSuite}\\) is not of the same run as shard 0 .*--suite is seed-claims here but smoke there`));
    await refused([shards[0]!, otherSeed, shards[2]!], /^error: shard 1 \(.*seed8\) is not of the same run as shard 0 .*: the seed is 8 here but 7 there/);
    await refused([shards[0]!, otherCount, shards[2]!], /^error: shard 1 \(.*count2\) is not of the same run as shard 0 .*: the shard count is 2 here but 3 there/);
  });

  it('a shard made by other code, or shards made by other code than this checkout', async () => {
    const bump = (info: Record<string, unknown>): void => {
      info['git'] = { ...(info['git'] as object), commit: '0'.repeat(40), shortCommit: '0000000' };
    };
    const other = editedCopy(1, 'code1', (d) => editRunJson(d, bump));
    await refused([shards[0]!, other, shards[2]!], /^error: shard 1 \(.*code1\) is not of the same run as shard 0 .*: the code commit is 0{40} here/);
    const all = [0, 1, 2].map((i) => editedCopy(i, `allcode${i}`, (d) => editRunJson(d, bump)));
    await refused(all, /^error: the shards were run with other code than this checkout's: the code is at commit \w+ now but was at 0000000 in the shards/);
  });

  it('a shard that is not complete, or not a shard', async () => {
    const running = editedCopy(1, 'running1', (d) => editRunJson(d, (i) => (i['status'] = 'interrupted')));
    await refused([shards[0]!, running, shards[2]!], /^error: shard 1 \(.*running1\) is not complete \(status interrupted\): finish it with --resume/);
    await refused([shards[0]!, whole], /^error: shard folder .*whole is not a shard/);
    await refused([shards[0]!, join(tmp, 'nowhere')], /^error: shard folder .*nowhere holds no run.json/);
  });

  it('a truncated or edited shard: slice file cut short or gone, trials.csv cut short, slices in run.json edited', async () => {
    const cut = editedCopy(1, 'cut1', (d) => truncateSync(join(d, 'slices', 'smoke.4.json'), 40));
    await refused([shards[0]!, cut, shards[2]!], /^error: shard 1 \(.*cut1\): slices\/smoke\.4\.json: cannot be read as JSON/);
    const gone = editedCopy(1, 'gone1', (d) => unlinkSync(join(d, 'slices', 'smoke.4.json')));
    await refused([shards[0]!, gone, shards[2]!], /^error: shard 1 \(.*gone1\): slices\/smoke\.4\.json is missing/);
    const short = editedCopy(2, 'short2', (d) => truncateSync(join(d, 'trials.csv'), 300));
    await refused([shards[0]!, shards[1]!, short], /^error: shard 2 \(.*short2\): trials\.csv does not match its slices .*truncated or edited/);
    const overlap = editedCopy(1, 'overlap1', (d) =>
      editRunJson(d, (i) => {
        const shard = i['shard'] as { slices: { firstTrial: number }[] };
        shard.slices[0]!.firstTrial = 0;
      }),
    );
    await refused([shards[0]!, overlap, shards[2]!], /^error: shard 1 \(.*overlap1\): its slices differ from this run's split into 3 shards/);
  });

  it('bad arguments: no shard folders, an --out that holds a run', async () => {
    const none = await mergeInProcess(['--out', join(tmp, 'x')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: expected the shard folders to merge/);
    const taken = await mergeInProcess(['--out', whole, ...shards]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/^error: --out already holds a run.json/);
  });

  it('and merges the same shards when nothing is wrong (the refusals are not the only outcome)', async () => {
    const out = join(tmp, 'ok');
    const r = await mergeInProcess(['--out', out, ...shards]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['trials.csv', 'summary.csv', 'agreement.csv', 'claims.csv']) {
      expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(whole, f), 'utf8'));
    }
  });
});
