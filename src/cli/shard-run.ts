// The end of a shard's run (`bench --shard I/N`): its folder written (see shard-folder.ts) and a
// line on what it holds and how to merge it. A shard writes no summary or claims: those are of
// the whole run, computed when the shards are merged.
import type { JobResult } from '../harness/pool.ts';
import type { ThroughputEntry } from '../harness/output.ts';
import type { RunInfo } from '../harness/runinfo.ts';
import { shardFiles, writeShardResults } from '../harness/shard-folder.ts';
import type { Sweep } from '../harness/sweep.ts';

/** What a finished shard needs: its sweep (its slices), folder and run.json, as the run started them. */
export interface FinishedShard {
  sweep: Sweep;
  out: { path: string };
  info: RunInfo;
}

/**
 * Writes a complete shard's folder (run.json with status `complete` last) and says so on stdout.
 * Throws what the writes throw (the caller marks the run failed).
 */
export async function finishShard(
  run: FinishedShard,
  results: readonly JobResult[],
  throughput: readonly ThroughputEntry[],
  io: { stdout: NodeJS.WritableStream },
): Promise<void> {
  const shard = run.info.shard;
  if (shard === undefined) throw new TypeError('finishShard: run.json has no shard');
  const complete: RunInfo = { ...run.info, endedAt: new Date().toISOString(), status: 'complete', pointsDone: undefined };
  await writeShardResults(run.out.path, run.sweep, results, throughput, complete);
  const share = shard.totalCost === 0 ? 0 : shard.cost / shard.totalCost;
  io.stdout.write(
    `shard ${shard.index}/${shard.count}: ${shard.slices.length} slices, ${run.sweep.totalTrials} trials ` +
      `(${(100 * share).toFixed(1)}% of the run's estimated cost)${throughput.length > 0 ? `, ${throughput.length} throughput points` : ''}\n` +
      `wrote ${run.out.path} (${shardFiles(throughput.length > 0).join(', ')}); merge the ${shard.count} shards with: npm run merge -- --out DIR SHARD_DIR...\n`,
  );
}
