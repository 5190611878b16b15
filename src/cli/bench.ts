// Entry point of `npm run bench`: runs the bench command on the process's arguments and exits
// with its code (0 done, 1 failed, 2 bad input).
import { runBench } from './main.ts';

// A closed pipe on stdout (`npm run bench -- --list | head`) is not an error of the run.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await runBench(process.argv.slice(2));
