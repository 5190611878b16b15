// Atomic file writes (temp file, fsync, rename, fsync the folder) so no reader ever sees half a
// file, and the clean-up of temp files a killed writer left behind.
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Distinguishes temp files written by one process; combined with the pid in the name. */
let tempCounter = 0;

/** The temp file for `path`: `.${basename}.${pid}.${counter}.tmp`, in the same folder. */
function tempPathFor(path: string): string {
  const name = `.${basename(path)}.${process.pid}.${tempCounter}.tmp`;
  tempCounter += 1;
  return join(dirname(path), name);
}

/** Matches the temp file names of {@link tempPathFor}. */
const TEMP_NAME = /^\..+\.\d+\.\d+\.tmp$/;

/** Whether `name` is the temp file of an atomic write (one left behind by a killed process). */
export function isTempFile(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Removes the temp files that atomic writes of a killed process left in `dir` (never the files
 * they were to replace). Best effort; returns the names removed.
 */
export function removeTempFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isTempFile);
  } catch {
    return [];
  }
  return names.filter((name) => {
    try {
      rmSync(join(dir, name), { force: true });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Fsyncs a folder so a rename inside it survives a crash. Best effort: some platforms and
 * file systems refuse to open or sync a folder, and the data itself is already safe.
 */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort only.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Synchronous twin of {@link syncDirectory}. */
function syncDirectorySync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort only.
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing more to do.
      }
    }
  }
}

/**
 * Writes `data` to `path` atomically: readers see either the old file or the whole new one.
 *
 * The data goes to a temp file in the same folder (`.${basename}.${pid}.${counter}.tmp`),
 * which is fsynced and renamed over `path`; the folder is then fsynced (best effort). On any
 * error the temp file is removed and the error is rethrown, leaving `path` as it was.
 * Strings are written as UTF-8.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  let handle: FileHandle | undefined;
  try {
    handle = await open(tmp, 'w');
    await handle.writeFile(data);
    await handle.sync();
    const opened = handle;
    handle = undefined;
    await opened.close();
    await rename(tmp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * Synchronous twin of {@link writeFileAtomic}, with the same guarantees; for places that cannot
 * await, such as signal and exit handlers.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeFileSync(fd, data);
    fsyncSync(fd);
    const opened = fd;
    fd = undefined;
    closeSync(opened);
    renameSync(tmp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // The original error matters more.
      }
    }
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The original error matters more.
    }
    throw error;
  }
  syncDirectorySync(dirname(path));
}
