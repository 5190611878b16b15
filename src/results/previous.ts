// The previous run of the same suites in a results folder: the run a new one is naturally
// compared with, so the bench command can print the compare command at the end of a run.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readRunContext, type RunContext } from '../io/run-folder.ts';

/** The suites of a run as one comparable text: each name with its variant, in order. */
function suitesKey(info: RunContext): string {
  return info.suites.map((s) => `${s.name}:${s.mode}`).join(',');
}

/**
 * The latest complete run in `resultsDir` (its direct subfolders) that ran the same suites with
 * the same variants, in the same order, as the run in `runDir`, and started before it; null when
 * there is none. Folders that are not runs (no or a broken run.json, e.g. `baselines/`) and runs
 * that are not complete are skipped. Throws the report's `RunFolderError` when `runDir` is not a run.
 */
export async function previousRun(resultsDir: string, runDir: string): Promise<string | null> {
  const self = resolve(runDir);
  const current = await readRunContext(self);
  const key = suitesKey(current);
  const startedAt = current.startedAt ?? '';
  let names: string[];
  try {
    names = (await readdir(resultsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return null;
  }
  let best: { dir: string; startedAt: string } | null = null;
  for (const name of names) {
    const dir = resolve(join(resultsDir, name));
    if (dir === self) continue;
    let info: RunContext;
    try {
      info = await readRunContext(dir);
    } catch {
      continue;
    }
    const started = info.startedAt ?? '';
    if (info.status !== 'complete' || suitesKey(info) !== key || started === '' || started >= startedAt) continue;
    if (best === null || started > best.startedAt || (started === best.startedAt && dir > best.dir)) best = { dir, startedAt: started };
  }
  return best?.dir ?? null;
}
