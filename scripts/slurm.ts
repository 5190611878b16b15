// Entry point of `npm run slurm -- ARGS --shards N [options]`: runs a bench run on a Slurm cluster
// as a job array of shards and a dependent merge job, and exits with the command's code (0
// submitted or, with --wait, merged; 1 a job or sbatch failed; 2 bad input). See src/cli/slurm.ts.
import { runSlurm } from '../src/cli/slurm.ts';

// A closed pipe on stdout (`npm run slurm -- ... | head`) is not an error of the submission.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await runSlurm(process.argv.slice(2));
