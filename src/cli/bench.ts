// Entry point of `npm run bench`: runs the bench command on the process's arguments and exits
// with its code (0 done, 1 failed, 2 bad input, 130 SIGINT, 143 SIGTERM). The first SIGINT or
// SIGTERM stops the run cleanly (journal kept, run.json `interrupted`); a second one exits at once,
// which loses nothing either, since every file is written atomically.
import { interruptExitCode, runBench } from './main.ts';

// A closed pipe on stdout (`npm run bench -- --list | head`) is not an error of the run.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const interrupt = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (interrupt.signal.aborted) {
    process.stderr.write(`\n${signal} again: exiting now\n`);
    process.exit(interruptExitCode(signal));
  }
  process.stderr.write(`\n${signal}: stopping the workers and saving the run (${signal} again to exit at once)\n`);
  interrupt.abort(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runBench(process.argv.slice(2), { signal: interrupt.signal });
// After an interrupt, a throughput worker may still be timing its point: do not wait for it.
if (code === interruptExitCode('SIGINT') || code === interruptExitCode('SIGTERM')) process.exit(code);
process.exitCode = code;
