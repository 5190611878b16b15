// Entry point of `npm run merge -- --out DIR SHARD_DIR...`: joins the shard folders of one run into
// one run folder and exits with the command's code (0 merged, 1 a write failed, 2 bad input).
// See src/cli/merge.ts.
import { runMerge } from '../src/cli/merge.ts';

// A closed pipe on stdout (`npm run merge -- ... | head`) is not an error of the merge.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await runMerge(process.argv.slice(2));
