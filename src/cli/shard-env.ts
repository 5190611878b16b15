// Which shard this process runs: `--shard I/N`, or a bare `--shard` whose index comes from the
// scheduler that started it (a Slurm job array, a Kubernetes Indexed Job, an AWS Batch array job).
import { MAX_SHARDS, type ShardSpec } from '../harness/shard.ts';
import { UsageError, type BenchArgs } from './args.ts';

/** The environment variables read for a bare `--shard`, in the order they are tried. */
export const SHARD_ENV = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

/** An integer from an environment variable, or a UsageError naming --shard and the variable. */
function envInteger(env: Record<string, string | undefined>, name: string, min: number): number {
  const text = (env[name] ?? '').trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError('--shard', `${name}=${env[name] ?? ''}`, `needs ${name} to be an integer >= ${min}`);
  }
  return value;
}

/**
 * The shard of the run from the arguments and the environment, or null without --shard.
 *
 * - `--shard I/N`: that shard.
 * - bare `--shard` under Slurm (`SLURM_ARRAY_TASK_ID` set): index `SLURM_ARRAY_TASK_ID -
 *   SLURM_ARRAY_TASK_MIN` (so `--array=1-4` works too), count `SLURM_ARRAY_TASK_COUNT` (or
 *   `--shards N`, which must then agree).
 * - bare `--shard` in a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`) or an AWS Batch array job
 *   (`AWS_BATCH_JOB_ARRAY_INDEX`): that index, count from `--shards N` (required).
 *
 * Throws {@link UsageError} naming --shard (or --shards) and the value at fault.
 */
export function resolveShard(args: Pick<BenchArgs, 'shard' | 'shards'>, env: Record<string, string | undefined>): ShardSpec | null {
  if (args.shard === null) return null;
  if (args.shard !== 'env') return args.shard;
  const source = SHARD_ENV.find((name) => env[name] !== undefined && env[name] !== '');
  if (source === undefined) {
    throw new UsageError('--shard', undefined, `without I/N needs a scheduler's array index in the environment (${SHARD_ENV.join(', ')}); none is set`);
  }
  let index = envInteger(env, source, 0);
  let count: number | null = args.shards;
  if (source === 'SLURM_ARRAY_TASK_ID') {
    if (env['SLURM_ARRAY_TASK_MIN'] !== undefined) index -= envInteger(env, 'SLURM_ARRAY_TASK_MIN', 0);
    if (env['SLURM_ARRAY_TASK_COUNT'] !== undefined) {
      const slurmCount = envInteger(env, 'SLURM_ARRAY_TASK_COUNT', 1);
      if (count !== null && count !== slurmCount) throw new UsageError('--shards', count, `differs from SLURM_ARRAY_TASK_COUNT=${slurmCount}`);
      count = slurmCount;
    }
  }
  if (count === null) throw new UsageError('--shards', undefined, `is needed with --shard from ${source} (the environment does not give the shard count)`);
  if (count > MAX_SHARDS) throw new UsageError('--shard', count, `count must be at most ${MAX_SHARDS}`);
  if (index < 0 || index >= count) {
    throw new UsageError('--shard', `${source}=${env[source] ?? ''}`, `gives shard index ${index}, outside 0 to ${count - 1} (${count} shards)`);
  }
  return { index, count };
}
