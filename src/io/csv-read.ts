// Reading the run's CSV files by column name into typed rows, through @fast-csv/parse, with the
// checks that catch a half-written file: a header, every named column, whole rows, a final newline.
import { readFile } from 'node:fs/promises';
import { parseString } from '@fast-csv/parse';
import { CsvFormatError } from './errors.ts';

/**
 * What a column holds: `number` and `string` must be filled, the `?` kinds may be empty (read as
 * null), `boolean` is `true` or `false`. Numbers accept `NaN` and `Infinity` as written by JS.
 */
export type CellKind = 'string' | 'string?' | 'number' | 'number?' | 'boolean';

/** The value a cell of each kind is read as. */
export type CellValue<K extends CellKind> = K extends 'number'
  ? number
  : K extends 'number?'
    ? number | null
    : K extends 'boolean'
      ? boolean
      : K extends 'string?'
        ? string | null
        : string;

/** The columns a table needs (name -> kind), plus columns that older files may lack. */
export interface TableSchema<C extends Record<string, CellKind> = Record<string, CellKind>> {
  /** Short name of the table for messages, e.g. `summary.csv`. */
  readonly name: string;
  readonly columns: C;
  /** Columns that may be missing from the header altogether (read as null in every row). */
  readonly optional?: readonly (keyof C & string)[];
}

/** One row of a table, keyed by column name (the CSV's own snake_case names). */
export type RowOf<C extends Record<string, CellKind>> = { readonly [K in keyof C]: CellValue<C[K]> };

/** A table read from disk: its file, the header as written, and the typed rows. */
export interface Table<C extends Record<string, CellKind>> {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly RowOf<C>[];
}

/** Parses CSV text into the header and the data rows (arrays of cells), checking the shape. */
export async function parseCsvText(file: string, text: string): Promise<{ header: string[]; records: string[][] }> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new CsvFormatError(file, 'empty file (no header line)');
  const all = await new Promise<string[][]>((resolve, reject) => {
    const out: string[][] = [];
    parseString<string[], string[]>(body, { headers: false, ignoreEmpty: false })
      .on('error', (err: Error) => reject(new CsvFormatError(file, `cannot parse CSV: ${err.message}`)))
      .on('data', (row: string[]) => out.push(row))
      .on('end', () => resolve(out));
  });
  const header = all[0] ?? [];
  const records = all.slice(1);
  const width = header.length;
  const last = records.length;
  for (let i = 0; i < records.length; i++) {
    const got = records[i]!.length;
    if (got === width) continue;
    if (i === last - 1 && got < width) {
      throw new CsvFormatError(file, `truncated: the last row (row ${i + 1}) has ${got} of ${width} fields`, i + 1);
    }
    throw new CsvFormatError(file, `row ${i + 1} has ${got} fields but the header has ${width}`, i + 1);
  }
  if (!body.endsWith('\n')) throw new CsvFormatError(file, 'truncated: no newline at the end of the file');
  return { header, records };
}

/** Converts one cell to its kind, or throws naming the file, row, column and value. */
function convertCell(file: string, row: number, column: string, kind: CellKind, cell: string): unknown {
  const empty = cell.trim() === '';
  switch (kind) {
    case 'string':
      if (empty) throw new CsvFormatError(file, `row ${row}: column ${column} is empty`, row, column);
      return cell;
    case 'string?':
      return empty ? null : cell;
    case 'boolean':
      if (cell === 'true') return true;
      if (cell === 'false') return false;
      throw new CsvFormatError(file, `row ${row}: column ${column} must be true or false (got ${JSON.stringify(cell)})`, row, column);
    case 'number':
    case 'number?': {
      if (empty) {
        if (kind === 'number?') return null;
        throw new CsvFormatError(file, `row ${row}: column ${column} is empty`, row, column);
      }
      const v = Number(cell);
      if (Number.isNaN(v) && cell.trim() !== 'NaN') {
        throw new CsvFormatError(file, `row ${row}: column ${column} is not a number (got ${JSON.stringify(cell)})`, row, column);
      }
      return v;
    }
  }
}

/**
 * Converts parsed records into typed rows by column name: every column of the schema must be in
 * the header (except the schema's optional ones); other columns are ignored, in any order.
 */
export function tableFromRecords<C extends Record<string, CellKind>>(
  file: string,
  schema: TableSchema<C>,
  header: readonly string[],
  records: readonly string[][],
): Table<C> {
  const optional = new Set<string>(schema.optional ?? []);
  const index = new Map(header.map((h, i) => [h.trim(), i] as const));
  const columns = Object.entries(schema.columns);
  const missing = columns.map(([c]) => c).filter((c) => !index.has(c) && !optional.has(c));
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new CsvFormatError(file, `missing required column${missing.length > 1 ? 's' : ''} ${list}`, null, missing[0]);
  }
  const rows = records.map((rec, r) => {
    const out: Record<string, unknown> = {};
    for (const [column, kind] of columns) {
      const at = index.get(column);
      out[column] = at === undefined ? null : convertCell(file, r + 1, column, kind, rec[at] ?? '');
    }
    return out as RowOf<C>;
  });
  return { file, header, rows };
}

/** Reads, checks and converts one CSV file; `label` is how messages name it (default: its path). */
export async function readTable<C extends Record<string, CellKind>>(
  path: string,
  schema: TableSchema<C>,
  label: string = path,
): Promise<Table<C>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CsvFormatError(label, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const { header, records } = await parseCsvText(label, text);
  return tableFromRecords(label, schema, header, records);
}
