// Tests of the result folder's lock: taken and released, refused while its holder lives or when
// it comes from another host, and a stale one (its holder gone) taken over by exactly one of many
// processes racing for it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE, LockHeldError, type LockInfo } from '../../src/io/lock.ts';
import { deadPid, writeLock } from './lock-files.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'lock-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let folders = 0;
/** A fresh empty folder. */
function folder(): string {
  const dir = join(tmp, `d${folders++}`);
  return mkdtempSync(`${dir}-`);
}

/** Catches what `f` throws. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('acquireLock', () => {
  it('writes who holds the folder, and release removes it', () => {
    const dir = folder();
    const lock = acquireLock(dir, ['--n', '10']);
    const info = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockInfo;
    expect(info).toMatchObject({ pid: process.pid, hostname: hostname(), argv: ['--n', '10'] });
    expect(Date.parse(info.startedAt)).toBeGreaterThan(0);
    expect(lock.tookOver).toBeNull();
    expect(readdirSync(dir)).toEqual([LOCK_FILE]); // no temp file left
    lock.release();
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a folder locked by a live process, naming it, and changes nothing', () => {
    const dir = folder();
    const text = writeLock(dir, process.pid);
    const error = thrown(() => acquireLock(dir, []));
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).reason).toBe('held');
    expect((error as LockHeldError).message).toBe(
      `${dir} is in use by pid ${process.pid} on host ${hostname()} (bench started 2026-01-02T03:04:05.000Z); ` +
        `wait for it or remove ${join(dir, LOCK_FILE)} if that process is gone`,
    );
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(text);
  });

  it('names a merge or slurm holder by its command', () => {
    const dir = folder();
    const merge = acquireLock(dir, ['merge', '--out', dir, 'a', 'b']);
    expect((thrown(() => acquireLock(dir, [])) as LockHeldError).message).toMatch(/\(merge started /);
    merge.release();
    const bench = acquireLock(dir, ['--suite', 'merge']);
    expect((thrown(() => acquireLock(dir, [])) as LockHeldError).message).toMatch(/\(bench started /);
    bench.release();
  });

  it('refuses a second lock of this very process', () => {
    const dir = folder();
    const lock = acquireLock(dir, []);
    expect((thrown(() => acquireLock(dir, [])) as LockHeldError).reason).toBe('held');
    lock.release();
    acquireLock(dir, []).release();
  });

  it('refuses a lock from another host, whose process cannot be checked, even with a dead pid', async () => {
    const dir = folder();
    const text = writeLock(dir, await deadPid(), 'elsewhere.example');
    const error = thrown(() => acquireLock(dir, [])) as LockHeldError;
    expect(error.reason).toBe('other-host');
    expect(error.message).toContain(`on host elsewhere.example`);
    expect(error.message).toContain(`cannot be checked from host ${hostname()}`);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(text);
  });

  it('refuses an unreadable lock file', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    expect((thrown(() => acquireLock(dir, [])) as LockHeldError).reason).toBe('unreadable');
  });

  it('takes over a stale lock (its pid gone from this host) and says whose it was', async () => {
    const dir = folder();
    const pid = await deadPid();
    writeLock(dir, pid);
    const lock = acquireLock(dir, ['again']);
    expect(lock.tookOver).toMatchObject({ pid, hostname: hostname() });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, argv: ['again'] });
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('is released when its process exits through process.exit (a second Ctrl-C), kept on SIGKILL', async () => {
    const hold = (dir: string, then: string): Promise<void> =>
      new Promise((resolve) => {
        const code = `import('./src/io/lock.ts').then((m) => { m.acquireLock(${JSON.stringify(dir)}, []); ${then}; })`;
        spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, stdio: 'inherit' }).on('exit', () => resolve());
      });
    const exited = folder();
    await hold(exited, 'process.exit(130)');
    expect(readdirSync(exited)).toEqual([]);
    const killed = folder();
    await hold(killed, "process.kill(process.pid, 'SIGKILL')");
    expect(readdirSync(killed)).toEqual([LOCK_FILE]);
    const lock = acquireLock(killed, []);
    expect(lock.tookOver).not.toBeNull();
    lock.release();
  });

  it('does not release a lock that is no longer its own', () => {
    const dir = folder();
    const lock = acquireLock(dir, []);
    const other = writeLock(dir, process.pid);
    lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(other);
  });
});

/**
 * What each of `count` processes racing for `dir`'s lock at one moment printed; each check of a
 * holder's pid takes up to `slowMs` (see test/fixtures/lock-taker.ts).
 */
async function race(dir: string, count: number, slowMs: number): Promise<string[]> {
  const takers = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/lock-taker.ts', dir, String(slowMs)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    let onReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    const line = new Promise<string>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        if (out.startsWith('ready\n')) onReady();
        const rest = out.slice('ready\n'.length);
        if (rest.includes('\n')) resolve(rest.trim());
      });
      child.on('exit', () => resolve(out.trim()));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    return { child, ready, line, exited };
  });
  // All loaded; then go at once. Every taker answers while the winner still holds the lock.
  await Promise.all(takers.map((t) => t.ready));
  for (const t of takers) t.child.stdin.write('go\n');
  const lines = await Promise.all(takers.map((t) => t.line));
  for (const t of takers) t.child.stdin.end();
  await Promise.all(takers.map((t) => t.exited));
  return lines;
}

describe('racing for one stale lock', () => {
  it('exactly one of many processes takes it over; the others are refused naming the winner', async () => {
    const rounds = 3;
    const count = 5;
    for (let r = 0; r < rounds; r++) {
      const dir = folder();
      writeLock(dir, await deadPid());
      const lines = await race(dir, count, r === 0 ? 0 : 20);
      const won = lines.filter((l) => l.startsWith('won'));
      expect(won, lines.join(' | ')).toHaveLength(1);
      expect(lines.filter((l) => l.startsWith('lost held')), lines.join(' | ')).toHaveLength(count - 1);
      expect(readdirSync(dir), 'the winner released its lock, nothing else is left').toEqual([]);
    }
  }, 120_000);

  it('exactly one of many processes takes a free folder', async () => {
    const dir = folder();
    const lines = await race(dir, 4, 0);
    expect(lines.filter((l) => l.startsWith('won')), lines.join(' | ')).toEqual(['won']);
  }, 60_000);
});
