// Where the package's own files are, whether it runs from source (tsx, inside the repository) or
// compiled (dist/, as installed), and the URL of a sibling module in the form that is running.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether this code runs compiled (`.js` under dist/) rather than from its `.ts` sources. */
export const RUNNING_COMPILED = import.meta.url.endsWith('.js');

/** The nearest folder at or above `start` that holds a package.json (`start` itself when none does). */
export function packageRootFrom(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
}

/**
 * The package's root folder (package.json, assets/): two folders above src/io/ from source,
 * three from dist/src/io/ compiled; found by looking upward for package.json.
 */
export const PACKAGE_ROOT = packageRootFrom(dirname(fileURLToPath(import.meta.url)));

/**
 * The folder that holds `results/` by default: the repository when running from source (as
 * `npm run bench` always has), the current folder when running installed (a user's project,
 * never node_modules/).
 */
export function defaultWorkRoot(): string {
  return RUNNING_COMPILED ? process.cwd() : PACKAGE_ROOT;
}

/**
 * The URL of module `path` (no extension, e.g. `./worker`) relative to `base` (a module's
 * `import.meta.url`), with `base`'s own extension: `.ts` from source, `.js` compiled. Worker
 * entries are named this way, since tsc rewrites import specifiers but not URLs.
 */
export function siblingModule(path: string, base: string): URL {
  const ext = /\.[cm]?[jt]s$/.exec(new URL(base).pathname)?.[0] ?? '.js';
  return new URL(`${path}${ext}`, base);
}
