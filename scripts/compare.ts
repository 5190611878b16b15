// Entry point of `npm run compare -- BASE HEAD` (or `--baseline NAME HEAD`): compares two run
// folders and exits with the command's code (0 compared, 1 a regression with
// --fail-on-regression, 2 bad input). See src/compare/cli.ts.
import { runCompare } from '../src/compare/cli.ts';

// A closed pipe on stdout (`npm run compare -- A B | head`) is not an error of the comparison.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await runCompare(process.argv.slice(2));
