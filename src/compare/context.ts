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

type UserFile = NonNullable<RunContext['userFiles']>[number];

/**
 * Warnings on the user's suite and rule files (`--suite-file`, `--rule`): a file of the same
 * kind and name whose content differs (another sha256: the rule or suite changed between the
 * runs), or a file only one run loaded.
 */
function fileWarnings(base: readonly UserFile[], head: readonly UserFile[]): ContextWarning[] {
  const out: ContextWarning[] = [];
  const flag = (f: UserFile): string => (f.kind === 'suite' ? '--suite-file' : '--rule');
  const short = (f: UserFile | undefined): string => (f === undefined ? 'absent' : f.sha256.slice(0, 12));
  const same = (a: UserFile, b: UserFile): boolean => a.kind === b.kind && a.path === b.path;
  for (const h of head) {
    const b = base.find((x) => same(x, h));
    if (b === undefined) out.push({ field: 'files', base: 'absent', head: short(h), message: `${flag(h)} ${h.path} is loaded by HEAD only` });
    else if (b.sha256 !== h.sha256) {
      out.push({ field: 'files', base: short(b), head: short(h), message: `${flag(h)} ${h.path} differs between the runs (sha256 ${short(b)} BASE vs ${short(h)} HEAD)` });
    }
  }
  for (const b of base) if (!head.some((h) => same(b, h))) out.push({ field: 'files', base: short(b), head: 'absent', message: `${flag(b)} ${b.path} is loaded by BASE only` });
  return out;
}

/**
 * The context warnings of a comparison: CPU model, Node version or worker threads differ (speed
 * figures then compare machines or settings, not code), either run had uncommitted changes (its
 * commit does not say what ran), a user suite or rule file differs or is in one run only, or
 * either run's status is not `complete`.
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
  out.push(...fileWarnings(base.userFiles ?? [], head.userFiles ?? []));
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
