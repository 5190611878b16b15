// Tests for atomic writes and CSV formatting: content, cleanup of temp files, failures.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/io/atomic.ts';
import { CsvRowLengthError, csvString, writeCsvAtomic } from '../../src/io/csv-write.ts';

/** Minimal RFC 4180 parser: rows of fields, "\n" line ends, quotes doubled inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gossip-bench-atomic-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['writeFileAtomic', (path: string, data: string | Uint8Array) => writeFileAtomic(path, data)],
  [
    'writeFileAtomicSync',
    async (path: string, data: string | Uint8Array) => writeFileAtomicSync(path, data),
  ],
] as const)('%s', (_name, write) => {
  it('writes a new file and leaves no temp file', async () => {
    const path = join(dir, 'out.txt');
    await write(path, 'héllo\n');
    expect(readFileSync(path, 'utf8')).toBe('héllo\n');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('replaces an existing file and writes bytes as given', async () => {
    const path = join(dir, 'out.bin');
    writeFileSync(path, 'old content that is longer');
    await write(path, new Uint8Array([0, 1, 2, 255]));
    expect([...readFileSync(path)]).toEqual([0, 1, 2, 255]);
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('rejects when the target folder does not exist', async () => {
    await expect(write(join(dir, 'missing', 'out.txt'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects when the parent is a regular file, leaving that file intact', async () => {
    const parent = join(dir, 'plain');
    writeFileSync(parent, 'keep me');
    await expect(write(join(parent, 'out.txt'), 'x')).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readFileSync(parent, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['plain']);
  });

  it('removes its temp file when the rename fails, leaving the target intact', async () => {
    const target = join(dir, 'target');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'keep me');
    await expect(write(target, 'x')).rejects.toBeInstanceOf(Error);
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('keep me');
  });
});

describe('writeFileAtomic under concurrency', () => {
  it('ends with one whole version and no temp files', async () => {
    const path = join(dir, 'race.txt');
    const versions = Array.from({ length: 20 }, (_, i) => `${i}:`.repeat(10_000));
    await Promise.all(versions.map((v) => writeFileAtomic(path, v)));
    expect(versions).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(dir)).toEqual(['race.txt']);
  });
});

describe('csvString', () => {
  it('formats numbers, booleans, empties and quoted fields', async () => {
    const text = await csvString(
      ['name', 'value', 'ok', 'note'],
      [
        ['a,b "c"', 0.1 + 0.2, true, null],
        ['plain', 1e21, false, undefined],
        ['line\nbreak', -3, true, ''],
      ],
    );
    expect(text).toBe(
      'name,value,ok,note\n' +
        '"a,b ""c""",0.30000000000000004,true,\n' +
        'plain,1e+21,false,\n' +
        '"line\nbreak",-3,true,\n',
    );
    expect(parseCsv(text)).toEqual([
      ['name', 'value', 'ok', 'note'],
      ['a,b "c"', '0.30000000000000004', 'true', ''],
      ['plain', '1e+21', 'false', ''],
      ['line\nbreak', '-3', 'true', ''],
    ]);
  });

  it('prints numbers so they parse back exactly', async () => {
    const values = [Math.PI, 1 / 3, 5e-324, Number.MAX_SAFE_INTEGER, -0.000123];
    const text = await csvString(['x'], values.map((v) => [v]));
    expect(parseCsv(text).slice(1).map((r) => Number(r[0]))).toEqual(values);
  });

  it('writes the header line when there are no rows', async () => {
    expect(await csvString(['a', 'b'], [])).toBe('a,b\n');
  });

  it('rejects a row of the wrong length', async () => {
    await expect(csvString(['a', 'b'], [['1', '2'], ['3']])).rejects.toBeInstanceOf(
      CsvRowLengthError,
    );
    await expect(csvString(['a'], [['1', '2']])).rejects.toMatchObject({
      rowIndex: 0,
      expected: 1,
      actual: 2,
    });
  });

  it('rejects empty headers', async () => {
    await expect(csvString([], [])).rejects.toBeInstanceOf(RangeError);
  });

  it('round-trips arbitrary strings', async () => {
    // fast-csv drops NUL characters, so they are left out here.
    const cell = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\0'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell), { maxLength: 8 }),
        async (rows) => {
          const text = await csvString(['a', 'b', 'c'], rows);
          expect(parseCsv(text)).toEqual([['a', 'b', 'c'], ...rows]);
        },
      ),
    );
  });
});

describe('writeCsvAtomic', () => {
  it('writes a CSV file that parses back', async () => {
    const path = join(dir, 'rows.csv');
    await writeCsvAtomic(path, ['n', 'rounds'], [[10, 4.5], [20, null]]);
    expect(parseCsv(readFileSync(path, 'utf8'))).toEqual([
      ['n', 'rounds'],
      ['10', '4.5'],
      ['20', ''],
    ]);
    expect(readdirSync(dir)).toEqual(['rows.csv']);
  });
});
