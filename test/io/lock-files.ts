// Test helpers for result folder locks: the pid of a process that is gone, and a lock file
// naming any pid and host.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { LOCK_FILE, processAlive, type LockInfo } from '../../src/io/lock.ts';

/** The pid of a process that has exited (so no process has it, barring reuse). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  expect(processAlive(child.pid as number)).toBe(false);
  return child.pid as number;
}

/** Writes a lock file naming `pid` on `host` (started 2026-01-02T03:04:05.000Z) into `dir`; returns its text. */
export function writeLock(dir: string, pid: number, host = hostname()): string {
  const info: LockInfo = { pid, hostname: host, startedAt: '2026-01-02T03:04:05.000Z', argv: ['--suite', 'smoke'], nonce: 'x' };
  const text = `${JSON.stringify(info)}\n`;
  writeFileSync(join(dir, LOCK_FILE), text);
  return text;
}
