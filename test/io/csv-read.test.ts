// Tests of CSV reading: by column name in any order, optional columns, and the checks that
// reject a truncated or incomplete file with a CsvFormatError naming the file.
import { describe, expect, it } from 'vitest';
import { parseCsvText, tableFromRecords, type TableSchema } from '../../src/io/csv-read.ts';
import { CsvFormatError } from '../../src/io/errors.ts';

const SCHEMA = {
  name: 't.csv',
  columns: { n: 'number', label: 'string', ok: 'boolean', theory: 'number?' },
  optional: ['theory'],
} as const satisfies TableSchema;

async function read(text: string) {
  const { header, records } = await parseCsvText('t.csv', text);
  return tableFromRecords('t.csv', SCHEMA, header, records);
}

async function rejection(text: string): Promise<CsvFormatError> {
  const err = await read(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CsvFormatError);
  return err as CsvFormatError;
}

describe('readTable by column name', () => {
  it('reads columns by name whatever their order, ignoring extra columns', async () => {
    const t = await read('extra,ok,label,n,theory\nz,true,"a, b",10,\nz,false,c,1e5,2.5\n');
    expect(t.rows).toEqual([
      { n: 10, label: 'a, b', ok: true, theory: null },
      { n: 100000, label: 'c', ok: false, theory: 2.5 },
    ]);
  });

  it('reads a missing optional column as null in every row', async () => {
    const t = await read('n,label,ok\n3,x,true\n');
    expect(t.rows[0]!.theory).toBeNull();
  });

  it('accepts a header-only file and CRLF line ends', async () => {
    expect((await read('n,label,ok\r\n')).rows).toEqual([]);
    expect((await read('n,label,ok\r\n1,a,true\r\n')).rows).toHaveLength(1);
  });
});

describe('bad CSV files', () => {
  it('rejects a missing required column, naming it', async () => {
    const err = await rejection('n,ok\n1,true\n');
    expect(err.column).toBe('label');
    expect(err.message).toContain('t.csv');
    expect(err.message).toContain('label');
  });

  it('rejects a last row with fewer fields than the header as truncated', async () => {
    const err = await rejection('n,label,ok\n1,a,true\n2,b\n');
    expect(err.message).toMatch(/truncated/);
    expect(err.row).toBe(2);
  });

  it('rejects a file without a final newline as truncated', async () => {
    expect((await rejection('n,label,ok\n1,a,true')).message).toMatch(/truncated/);
  });

  it('rejects a row with the wrong number of fields in the middle', async () => {
    expect((await rejection('n,label,ok\n1,a\n2,b,true\n')).row).toBe(1);
  });

  it('rejects an empty file, a non-number and a non-boolean, naming the value', async () => {
    await rejection('');
    expect((await rejection('n,label,ok\nten,a,true\n')).message).toContain('"ten"');
    expect((await rejection('n,label,ok\n1,a,yes\n')).column).toBe('ok');
    expect((await rejection('n,label,ok\n,a,true\n')).column).toBe('n');
  });
});
