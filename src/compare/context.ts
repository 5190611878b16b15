// Warnings when two runs were produced in different contexts (another CPU, Node or thread count,
// uncommitted changes, a run that did not complete), which weaken what a comparison says.
import type { RunContext } from '../io/run-folder.ts';

/** One difference of context worth a warning. */
export interface ContextWarning {
  /** The run.json field concerned, e.g. `machine.cpuModel`, `git.dirty`, `status`. */
  field: string;
  /** Its value in each run, as text (`?` when the run does not say). */
  base: string;
  head: string;
  /** One sentence for the reader. */
  message: string;
}

function text(v: string | number | boolean | null): string {
  return v === null ? '?' : String(v);
}

/**
 * The context warnings of a comparison: CPU model, Node version or worker threads differ (speed
 * figures then compare machines or settings, not code), either run had uncommitted changes (its
 * commit does not say what ran), or either run's status is not `complete`.
 */
export function contextWarnings(base: RunContext, head: RunContext): ContextWarning[] {
  const out: ContextWarning[] = [];
  const differs = (field: string, b: string | number | null, h: string | number | null, what: string): void => {
    if (b === h) return;
    out.push({ field, base: text(b), head: text(h), message: `${what} differs: ${text(b)} (BASE) vs ${text(h)} (HEAD)` });
  };
  differs('machine.cpuModel', base.machine.cpuModel, head.machine.cpuModel, 'CPU model');
  differs('machine.node', base.machine.node, head.machine.node, 'Node version');
  differs('threads', base.threads, head.threads, 'Worker threads');
  for (const [side, info] of [
    ['BASE', base],
    ['HEAD', head],
  ] as const) {
    if (info.git.dirty === true) {
      out.push({
        field: 'git.dirty',
        base: text(base.git.dirty),
        head: text(head.git.dirty),
        message: `${side} ran with uncommitted changes (git dirty): its commit ${info.git.shortCommit ?? '?'} does not say exactly what ran`,
      });
    }
  }
  for (const [side, info] of [
    ['BASE', base],
    ['HEAD', head],
  ] as const) {
    if (info.status !== 'complete') {
      out.push({
        field: 'status',
        base: text(base.status),
        head: text(head.status),
        message: `${side} run status is ${text(info.status)}, not complete`,
      });
    }
  }
  return out;
}
