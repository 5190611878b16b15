#!/usr/bin/env node
// The `gossip-bench` command (the package's bin): `gossip-bench bench | compare | charts | scale |
// merge | slurm`
// followed by the flags of `npm run bench -- ...` and the other scripts; it hands the rest of
// the arguments to that command's entry.

const USAGE = `usage: gossip-bench <command> [options]

commands:
  bench     run suites of trials (gossip-bench bench --help)
  compare   compare two run folders (gossip-bench compare --help)
  charts    draw the charts and report of a run folder (gossip-bench charts RUN)
  scale     one large trial on several threads (gossip-bench scale --help)
  merge     merge the shard folders of a run (gossip-bench merge --out DIR SHARD_DIR...)
  slurm     run a sweep as a Slurm job array and merge it (gossip-bench slurm --help)
`;

const [command, ...rest] = process.argv.slice(2);
// Each entry reads process.argv.slice(2): make it hold the command's own arguments.
process.argv = [process.argv[0] ?? 'node', process.argv[1] ?? 'gossip-bench', ...rest];
switch (command) {
  case 'bench':
    await import('../src/cli/bench.ts');
    break;
  case 'compare':
    await import('./compare.ts');
    break;
  case 'charts':
    await import('./charts.ts');
    break;
  case 'scale':
    await import('./scale.ts');
    break;
  case 'merge':
    await import('./merge.ts');
    break;
  case 'slurm':
    await import('./slurm.ts');
    break;
  case undefined:
  case '-h':
  case '--help':
  case 'help':
    process.stdout.write(USAGE);
    break;
  default:
    process.stderr.write(`error: unknown command ${JSON.stringify(command)}\n${USAGE}`);
    process.exitCode = 2;
}
