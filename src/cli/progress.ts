// Progress of a run on stderr: a cli-progress bar with ETA on a terminal, or, when stderr is not
// a TTY or CI is set, a short line every ~5 s. The ETA weighs trials by their estimated cost.
import cliProgress from 'cli-progress';
import type { PoolProgress } from '../harness/pool.ts';

/** A progress display: told the progress of the pool, stopped at the end (or on failure). */
export interface Progress {
  update(progress: PoolProgress): void;
  stop(): void;
}

/** Where progress goes and how it decides between a bar and lines. */
export interface ProgressOptions {
  /** The stream (stderr); a bar is drawn only when it is a TTY. */
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Environment; a set `CI` turns the bar off. */
  env: Record<string, string | undefined>;
  /** Seconds between lines in line mode (default 5). */
  intervalSeconds?: number;
}

/** Seconds as `12 s`, `3 min 04 s` or `1 h 02 min`. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * The progress line of line mode: `[bench] 1234/5000 trials, 12 s elapsed, ETA 40 s`. The ETA
 * is elapsed x (work left / work done), with work estimated per trial from n and fanout.
 */
export function progressLine(p: PoolProgress, elapsedSeconds: number): string {
  const eta = p.work > 0 ? formatSeconds((elapsedSeconds * (p.totalWork - p.work)) / p.work) : '?';
  return `[bench] ${p.trials}/${p.totalTrials} trials, ${formatSeconds(elapsedSeconds)} elapsed, ETA ${eta}`;
}

/** Whether progress should be a bar: stderr is a TTY and CI is not set. */
export function useBar(options: ProgressOptions): boolean {
  const ci = options.env['CI'];
  return options.stream.isTTY === true && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

/**
 * Starts a progress display for a run of `totalTrials` trials and `totalWork` estimated ns. The
 * bar's position is the estimated work (so its ETA weighs big points), its label the trials.
 */
export function startProgress(totalTrials: number, totalWork: number, options: ProgressOptions): Progress {
  const { stream } = options;
  let last: PoolProgress = { trials: 0, totalTrials, work: 0, totalWork };
  if (useBar(options)) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '[bench] {bar} {trials}/{totalTrials} trials | {duration_formatted} elapsed | ETA {eta_formatted}',
        etaBuffer: 20,
        hideCursor: true,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(totalWork / 1e6, 0, { trials: 0, totalTrials });
    return {
      update: (p) => bar.update(p.work / 1e6, { trials: p.trials, totalTrials }),
      stop: () => bar.stop(),
    };
  }
  const start = performance.now();
  const timer = setInterval(
    () => stream.write(`${progressLine(last, (performance.now() - start) / 1000)}\n`),
    (options.intervalSeconds ?? 5) * 1000,
  );
  timer.unref();
  return {
    update: (p) => {
      last = p;
    },
    stop: () => clearInterval(timer),
  };
}
