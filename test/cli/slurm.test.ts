// The slurm command: the sbatch scripts it writes (--dry-run), bad input refused before anything
// is written, and, on a real Slurm cluster (scripts/slurm-local.sh start), a sweep submitted with
// --wait whose merged CSVs are byte-identical to the run on one machine. Without sbatch the real
// test is skipped with a message, except in CI (CI set), where it fails.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsableJobId, parseSlurmArgs, slurmScripts } from '../../src/cli/slurm.ts';
import { ROOT, runInProcess, slurmInProcess, type CliResult } from './cli.ts';

const CSVS = ['trials.csv', 'summary.csv', 'agreement.csv', 'claims.csv'];

/** Runs `node --import tsx scripts/slurm.ts ...args` in the project root. */
function slurmCli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/slurm.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Why a real Slurm cluster cannot be used here, or null when it can (sbatch present, the node up). */
function noCluster(): string | null {
  try {
    execFileSync('sbatch', ['--version'], { stdio: 'pipe' });
  } catch {
    return 'sbatch not found (install Debian slurm-wlm and munge)';
  }
  try {
    const states = execFileSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8', stdio: 'pipe' });
    if (!/idle|mix|alloc/.test(states)) return `no node is up (sinfo: ${states.trim() || 'nothing'})`;
  } catch (error) {
    return `no Slurm cluster answers (${(error as Error).message.split('\n')[0] ?? ''})`;
  }
  return null;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bench-slurm-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('slurm scripts', () => {
  const args = parseSlurmArgs(['--suite', 'smoke', '--shards', '4', '--partition', 'debug', '--time=10:00', '--cpus-per-task', '2', '--trials', '3']);
  const s = slurmScripts(args, { dir: '/data/run 1', root: '/src/gossip', node: '/usr/bin/node' });

  it('separates its options from the bench arguments', () => {
    expect(args).toMatchObject({ bench: ['--suite', 'smoke', '--trials', '3'], shards: 4, partition: 'debug', time: '10:00', cpusPerTask: 2, wait: false, dryRun: false });
  });

  it('a job array of N tasks, each a --shard of the run with its CPUs as threads, resuming when requeued', () => {
    expect(s.shards).toContain('#SBATCH --array=0-3\n');
    expect(s.shards).toContain('#SBATCH --cpus-per-task=2\n#SBATCH --output=\'/data/run 1/slurm/shard-%a.log\'\n#SBATCH --chdir=/src/gossip\n#SBATCH --partition=debug\n#SBATCH --time=10:00\n');
    expect(s.shards).toContain(`exec /usr/bin/node --import tsx src/cli/bench.ts --suite smoke --trials 3 --shard "$SLURM_ARRAY_TASK_ID/4" --threads "\${SLURM_CPUS_PER_TASK:-2}" --out "$out" "\${resume[@]}"`);
    expect(s.shards).toContain('if [ -f "$out/run.json" ]; then resume=(--resume); fi');
  });

  it('a merge job, submitted to start when every shard succeeded', () => {
    expect(s.merge).toContain("exec /usr/bin/node --import tsx scripts/merge.ts --out '/data/run 1' '/data/run 1/shards'/*");
    expect(s.submit).toContain('--dependency=afterok:"$array" --kill-on-invalid-dep=yes');
  });

  it('scripts that bash parses', () => {
    for (const text of [s.shards, s.merge, s.submit]) execFileSync('bash', ['-n'], { input: text });
  });

  it('reads the job id sbatch --parsable prints', () => {
    expect(parsableJobId('123\n')).toBe('123');
    expect(parsableJobId('77;cluster')).toBe('77');
    expect(() => parsableJobId('Submitted batch job 5')).toThrow(/no job id/);
  });

  it('--dry-run writes the scripts into the run folder and submits nothing', async () => {
    const out = join(tmp, 'dry');
    const r = await slurmCli(['--suite', 'smoke', '--shards', '2', '--out', out, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`submit with: ${join(out, 'slurm', 'submit.sh')}`);
    for (const f of ['shards.sbatch', 'merge.sbatch', 'submit.sh']) expect(existsSync(join(out, 'slurm', f))).toBe(true);
    expect(existsSync(join(out, 'run.json'))).toBe(false);
  });

  it.each([
    [['--suite', 'smoke'], /^error: --shards is required/],
    [['--suite', 'smoke', '--shards', '0'], /^error: --shards must be an integer from 1 to 10000 \(got "0"\)/],
    [['--suite', 'smoke', '--shards', '2', '--shard', '0/2'], /^error: --shard is set by the slurm command for each shard/],
    [['--suite', 'smoke', '--shards', '2', '--threads', '2'], /^error: --threads is set by the slurm command/],
    [['--suite', 'smoke', '--shards', '2', '--time', 'soon'], /^error: --time must be a time limit/],
    [['--suite', 'nope', '--shards', '2'], /^error: --suite must name known suites/],
    [['--n', '1', '--shards', '2'], /^error: .*n/],
  ])('%j exits 2 with one line, writing nothing', async (argv, line) => {
    const out = join(tmp, 'bad');
    const r = await slurmInProcess([...argv, '--out', out, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(line);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('on a real Slurm cluster', () => {
  const reason = noCluster();
  const ci = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== '0';
  if (reason !== null && !ci) {
    console.warn(`test/cli/slurm.test.ts: the real-Slurm test is skipped: ${reason}; start a one-node cluster with scripts/slurm-local.sh start (as root)`);
    it.skip(`skipped: ${reason}; start a one-node cluster with scripts/slurm-local.sh start (as root)`, () => undefined);
    return;
  }

  it('a sweep submitted with --wait merges into the one-machine CSVs byte for byte', async () => {
    if (reason !== null) throw new Error(`CI is set but there is no Slurm cluster to test on: ${reason}; .ci/run installs slurm-wlm and munge and runs scripts/slurm-local.sh start`);
    const run = ['--suite', 'smoke,seed-claims', '--trials', '6', '--seed', '11'];
    const out = join(tmp, 'slurm-run');
    const one = join(tmp, 'one-machine');
    const [submitted, local] = await Promise.all([slurmCli([...run, '--shards', '3', '--out', out, '--wait']), runInProcess([...run, '--threads', '1', '--out', one])]);
    expect(submitted.code, `${submitted.stdout}\n${submitted.stderr}`).toBe(0);
    expect(local.code, local.stderr).toBe(0);
    expect(submitted.stdout).toMatch(/^submitted job array \d+ \(3 shards into .*\) and merge job \d+\nmerged run: /);
    for (const f of CSVS) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(one, f), 'utf8'));
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { merged: { count: number; shards: { index: number; dir: string }[] } };
    expect(info.merged.shards.map((s) => [s.index, s.dir])).toEqual([0, 1, 2].map((i) => [i, join(out, 'shards', String(i))]));
  }, 120_000);
});
