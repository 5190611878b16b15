// Draws the charts and the HTML report of one run folder: RUN/charts/*.svg and *.png, and
// RUN/report.html. Bad input (not a run, another schema version, a broken CSV) exits 2 with one
// line on stderr and writes nothing.
// Usage: npm run charts -- RUN [--history FILE] [--no-png]
import { parseArgs } from 'node:util';
import { buildReport, ReportInputError, writeReport } from '../src/report/index.ts';

const USAGE = 'usage: npm run charts -- RUN [--history FILE] [--no-png]';

/** Exit code for bad input or usage. */
const EXIT_INPUT = 2;

/** Bad input: one line on stderr, exit 2. */
function fail(message: string): never {
  process.stderr.write(`error: ${message.split('\n')[0]}\n`);
  process.exit(EXIT_INPUT);
}

/** A bug, not bad input: the whole stack, exit 1. */
function crash(err: unknown): never {
  process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        history: { type: 'string' },
        'no-png': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    fail(`${(err as Error).message} (${USAGE})`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [dir, ...extra] = parsed.positionals;
  if (dir === undefined) fail(`missing RUN folder (${USAGE})`);
  if (extra.length > 0) fail(`unexpected argument ${JSON.stringify(extra[0])} (${USAGE})`);

  const report = await buildReport(dir, { history: parsed.values.history, png: !parsed.values['no-png'] });
  const written = await writeReport(report);
  for (const c of report.charts) {
    process.stdout.write(`chart ${c.name}: ${written.find((w) => w.endsWith(`${c.name}.svg`))!}${c.png ? ', .png' : ''}\n`);
    for (const w of c.warnings) process.stderr.write(`warning: ${c.name}: ${w}\n`);
  }
  for (const s of report.skipped) process.stdout.write(`skipped ${s.name}: ${s.reason}\n`);
  process.stdout.write(`report: ${written[written.length - 1]!} (${report.charts.length} charts, ${report.skipped.length} skipped)\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ReportInputError) fail(err.message);
  crash(err);
});
