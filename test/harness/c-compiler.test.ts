// Building C on demand: the compiler search ($CC, else cc/gcc/clang), the cache keyed by source
// and flags, and the one-line reasons when there is no compiler or the source does not compile.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildC, findCCompiler } from '../../src/harness/c-compiler.ts';
import { resolveYardstick } from '../../src/harness/yardstick.ts';

const dir = mkdtempSync(join(tmpdir(), 'gossip-c-compiler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An environment with no C compiler: $CC unset and a PATH holding none. */
const NO_COMPILER = { PATH: join(dir, 'empty-bin') };

describe('findCCompiler', () => {
  it('reports a $CC that does not run, naming it, and tries nothing else', () => {
    const found = findCCompiler({ ...process.env, CC: '/nonexistent/cc' });
    expect(found.ok).toBe(false);
    expect(!found.ok && found.problem).toMatch(/^\$CC=\/nonexistent\/cc does not run as a C compiler/);
  });

  it('reports no compiler when none of cc, gcc, clang is on the PATH', () => {
    const found = findCCompiler(NO_COMPILER);
    expect(!found.ok && found.problem).toBe('no C compiler found (cc, gcc, clang not on the PATH; install gcc or clang, or set $CC)');
  });

  it('leaves the yardstick without a binary and with one line saying why', () => {
    const y = resolveYardstick(NO_COMPILER, { cacheDir: join(dir, 'none') });
    expect(y.binary).toBeNull();
    expect(y.problem).toMatch(/^no C yardstick, so the engine\/C ratio columns stay empty: no C compiler found/);
    expect(y.problem).not.toContain('\n');
  });
});

const compiler = findCCompiler();
const onCi = Boolean(process.env['CI']);
const skip = !compiler.ok && !onCi;
if (skip && !compiler.ok) console.warn(`C build tests skipped: ${compiler.problem} (required when CI is set)`);

describe.skipIf(skip)(`buildC${skip ? ' (skipped: no C compiler)' : ''}`, () => {
  const source = join(dir, 'hello.c');
  const cacheDir = join(dir, 'cache');

  it('compiles once into the cache, then finds it there; a changed source builds afresh', () => {
    expect(compiler.ok, 'a C compiler is required when CI is set (apt-get install gcc)').toBe(true);
    writeFileSync(source, '#include <stdio.h>\nint main(void) { puts(REFERENCE_CFLAGS); return 0; }\n');
    const first = buildC(source, { cacheDir });
    if (!first.ok) expect.fail(first.problem);
    expect(first.value.cached).toBe(false);
    expect(execFileSync(first.value.binary, { encoding: 'utf8' }).trim()).toBe(first.value.flags.join(' '));
    const mtime = statSync(first.value.binary).mtimeMs;
    const second = buildC(source, { cacheDir });
    expect(second.ok && second.value).toMatchObject({ binary: first.value.binary, cached: true });
    expect(statSync(first.value.binary).mtimeMs).toBe(mtime);
    writeFileSync(source, '#include <stdio.h>\nint main(void) { puts("changed"); return 0; }\n');
    const third = buildC(source, { cacheDir });
    expect(third.ok && third.value.cached).toBe(false);
    expect(third.ok && third.value.binary).not.toBe(first.value.binary);
    // Built through temp files renamed into place: none is left behind.
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('says in one line why a source does not compile, and leaves nothing in the cache', () => {
    const broken = join(dir, 'broken.c');
    writeFileSync(broken, 'int main(void) { return undeclared; }\n');
    const built = buildC(broken, { cacheDir: join(dir, 'broken-cache') });
    expect(built.ok).toBe(false);
    expect(!built.ok && built.problem).toMatch(/could not compile .*broken\.c: .*undeclared/);
    expect(!built.ok && built.problem).not.toContain('\n');
    expect(readdirSync(join(dir, 'broken-cache'))).toEqual([]);
  });
});
