// The lock of a result folder: `<dir>/.lock`, held by the one bench run (or resume) writing the
// folder, so a second run on the same folder is refused instead of mixing its files in. The lock
// names its holder (pid, host, start, argv); a lock whose holder is gone from this host is stale
// and taken over, race-free; one from another host cannot be judged and is refused.
//
// Creation is atomic with the content: the JSON goes to a temp file, which is hard-linked to
// `.lock` (link fails when `.lock` exists, like O_EXCL), so a reader never sees an empty or half
// lock. A stale lock is removed only by the holder of `.lock.takeover` (created the same way),
// after checking that `.lock` is still the very lock judged stale (a nonce tells locks apart);
// then every taker tries to create `.lock` anew and the link lets exactly one win.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock file's name in a result folder. */
export const LOCK_FILE = '.lock';

/** The file whose holder may remove a stale lock (held for microseconds). */
export const TAKEOVER_FILE = '.lock.takeover';

/** What a lock file holds: who writes the folder. */
export interface LockInfo {
  pid: number;
  hostname: string;
  /** ISO 8601 time the lock was taken. */
  startedAt: string;
  /** The command-line arguments of the holder. */
  argv: string[];
  /** Random, so two locks with the same pid and time are still told apart. */
  nonce: string;
}

/** Why a folder's lock is not ours: held by a live process, from another host, or unreadable. */
export type LockRefusal = 'held' | 'other-host' | 'unreadable' | 'takeover-left';

/** The folder is locked by another run: names the holder and what to do. Bad input (exit 2). */
export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';

  /**
   * @param dir - the result folder
   * @param reason - why the lock cannot be taken
   * @param holder - the lock's content, when it could be read
   */
  constructor(
    readonly dir: string,
    readonly reason: LockRefusal,
    readonly holder: LockInfo | null,
  ) {
    super(refusalText(dir, reason, holder));
  }
}

/** The command that holds a lock: `merge` or `slurm` when their argv says so, else `bench`. */
export function holderCommand(h: LockInfo): string {
  const first = h.argv[0];
  return first === 'merge' || first === 'slurm' ? first : 'bench';
}

/** The one-line message of a refusal. */
function refusalText(dir: string, reason: LockRefusal, h: LockInfo | null): string {
  const lock = join(dir, LOCK_FILE);
  if (reason === 'unreadable' || h === null) {
    return `${dir} holds a lock file that cannot be read (${lock}); remove it if no bench run is using the folder`;
  }
  const who = `pid ${h.pid} on host ${h.hostname} (${holderCommand(h)} started ${h.startedAt})`;
  if (reason === 'takeover-left') {
    return `${dir}: a takeover of its stale lock was cut short by ${who}, which is gone; remove ${join(dir, TAKEOVER_FILE)}`;
  }
  if (reason === 'other-host') {
    return `${dir} is in use by ${who}, which cannot be checked from host ${hostname()}; wait for it or remove ${lock} if that process is gone`;
  }
  return `${dir} is in use by ${who}; wait for it or remove ${lock} if that process is gone`;
}

/** A lock held by this process. */
export interface RunLock {
  /** The result folder. */
  dir: string;
  info: LockInfo;
  /** The stale lock found in the folder (its holder was gone) and replaced by this one, or null. */
  tookOver: LockInfo | null;
  /** Removes the lock if it is still ours; idempotent, never throws. */
  release(): void;
}

/** Whether process `pid` exists on this host: `kill(pid, 0)` fails with ESRCH only when it does not. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Locks held by this process, released by the exit handler (a second Ctrl-C calls process.exit). */
const held = new Set<RunLock>();
let exitHookInstalled = false;

/** Releases every lock this process holds when it exits (not on SIGKILL: then the lock is stale). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lock of [...held]) lock.release();
  });
}

/** Distinguishes temp files of one process. */
let tempCounter = 0;

/**
 * Creates `path` holding `text`, atomically and exclusively: false when `path` already exists.
 * The temp file is named like an atomic write's (`.NAME.PID.N.tmp`), so one left by a killed
 * process is cleaned up by the next run; if the folder's owner removes it under our feet, we
 * write it again.
 */
function createExclusive(dir: string, name: string, text: string): boolean {
  for (let attempt = 0; ; attempt++) {
    const tmp = join(dir, `.${name.replace(/^\./, '')}.${process.pid}.${tempCounter++}.tmp`);
    const fd = openSync(tmp, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, join(dir, name));
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'ENOENT' || attempt >= 5) throw error;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}

/** The content of a lock file, `null` when there is none, `'unreadable'` when it is not a lock. */
function readLock(path: string): { info: LockInfo; raw: string } | null | 'unreadable' {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.pid !== 'number' || !Number.isSafeInteger(v.pid) || v.pid <= 0 || typeof v.hostname !== 'string') return 'unreadable';
    return {
      raw,
      info: {
        pid: v.pid,
        hostname: v.hostname,
        startedAt: typeof v.startedAt === 'string' ? v.startedAt : '?',
        argv: Array.isArray(v.argv) ? v.argv.map(String) : [],
        nonce: typeof v.nonce === 'string' ? v.nonce : '',
      },
    };
  } catch {
    return 'unreadable';
  }
}

/** How a lock's holder is judged: the host this process runs on, and whether a pid is alive. */
export interface LockJudge {
  hostname: string;
  alive: (pid: number) => boolean;
}

const JUDGE: LockJudge = { hostname: hostname(), alive: processAlive };

/** Sleeps synchronously (a takeover in progress lasts microseconds). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes the stale lock `stale` (its raw text) of `dir`, unless another process is doing so or
 * `.lock` is no longer that lock. Returns whether this call removed it.
 */
function removeStale(dir: string, stale: string, me: LockInfo, judge: LockJudge): boolean {
  const takeover = join(dir, TAKEOVER_FILE);
  if (!createExclusive(dir, TAKEOVER_FILE, JSON.stringify(me))) {
    const other = readLock(takeover);
    if (other !== null && other !== 'unreadable' && other.info.hostname === judge.hostname && !judge.alive(other.info.pid)) {
      throw new LockHeldError(dir, 'takeover-left', other.info);
    }
    return false; // another process is taking over right now
  }
  try {
    let current: string | null;
    try {
      current = readFileSync(join(dir, LOCK_FILE), 'utf8');
    } catch {
      current = null;
    }
    if (current !== stale) return false;
    unlinkSync(join(dir, LOCK_FILE));
    return true;
  } finally {
    rmSync(takeover, { force: true });
  }
}

/**
 * Takes the lock of result folder `dir` (which must exist) for a run with `argv`. When the folder
 * is locked by a live process on this host, by any process on another host (which cannot be
 * checked from here), or by an unreadable lock file, throws {@link LockHeldError} and changes
 * nothing. A lock whose holder is gone from this host (`kill(pid, 0)` gives ESRCH, e.g. a run
 * killed by SIGKILL) is stale: it is removed and a new one created, and the returned lock names
 * it in `tookOver`. Of several processes taking over one stale lock at once, exactly one wins;
 * the others get LockHeldError naming it. File-system errors (a read-only folder) are rethrown.
 */
export function acquireLock(dir: string, argv: readonly string[], judge: LockJudge = JUDGE): RunLock {
  const info: LockInfo = {
    pid: process.pid,
    hostname: judge.hostname,
    startedAt: new Date().toISOString(),
    argv: [...argv],
    nonce: randomBytes(8).toString('hex'),
  };
  const text = `${JSON.stringify(info)}\n`;
  const path = join(dir, LOCK_FILE);
  let tookOver: LockInfo | null = null;
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(dir, LOCK_FILE, text)) break;
    const current = readLock(path);
    if (current === null) continue; // released meanwhile: try again
    if (current === 'unreadable') throw new LockHeldError(dir, 'unreadable', null);
    const h = current.info;
    if (h.hostname !== judge.hostname) throw new LockHeldError(dir, 'other-host', h);
    if (judge.alive(h.pid) || attempt >= 50) throw new LockHeldError(dir, 'held', h);
    // Whoever removes it, the stale lock was there: the winner names it.
    tookOver = h;
    if (!removeStale(dir, current.raw, info, judge)) pause(2);
  }
  const lock: RunLock = {
    dir,
    info,
    tookOver,
    release(): void {
      if (!held.delete(lock)) return;
      try {
        if (readFileSync(path, 'utf8') === text) unlinkSync(path);
      } catch {
        // Gone already, or the folder was removed: nothing to release.
      }
    },
  };
  held.add(lock);
  installExitHook();
  return lock;
}

/** Whether `name` (a file in a result folder) belongs to the lock, so listings of a run skip it. */
export function isLockFile(name: string): boolean {
  return name === LOCK_FILE || name === TAKEOVER_FILE;
}
