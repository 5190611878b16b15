// CSV writing: formatting a table through @fast-csv/format, and writing it atomically.
import { writeToString } from '@fast-csv/format';
import { writeFileAtomic } from './atomic.ts';

/** One CSV cell as the harness produces it, before formatting. */
export type CsvCell = string | number | boolean | null | undefined;

/** Thrown by {@link csvString} when a row's length differs from the header's. */
export class CsvRowLengthError extends Error {
  override readonly name = 'CsvRowLengthError';

  /**
   * @param rowIndex - zero-based index of the offending row (the header line not counted)
   * @param expected - number of headers
   * @param actual - number of cells in the row
   */
  constructor(
    readonly rowIndex: number,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`rows[${rowIndex}] has ${actual} cells but there are ${expected} headers`);
  }
}

/** The text of one cell: numbers as JS prints them, booleans as words, null/undefined empty. */
function cellText(cell: CsvCell): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

/**
 * Formats a table as CSV text through @fast-csv/format: a header line (always, even with no
 * rows), then one line per row, each ended by "\n".
 *
 * Numbers are printed as `String(n)` prints them (full round-trip precision, `1e+21`, `NaN`),
 * booleans as `true`/`false`, null and undefined as empty fields. Fields holding a comma, a
 * quote or a line break are quoted, with quotes doubled. Throws a RangeError when `headers` is
 * empty and {@link CsvRowLengthError} when a row's length differs from the header's.
 */
export async function csvString(
  headers: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): Promise<string> {
  const width = headers.length;
  if (width === 0) throw new RangeError('headers must name at least one column, got []');
  const texts: string[][] = new Array<string[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly CsvCell[];
    if (row.length !== width) throw new CsvRowLengthError(r, width, row.length);
    const text = new Array<string>(width);
    for (let c = 0; c < width; c++) text[c] = cellText(row[c]);
    texts[r] = text;
  }
  return writeToString(texts, {
    headers: [...headers],
    writeHeaders: true,
    alwaysWriteHeaders: true,
    rowDelimiter: '\n',
    includeEndRowDelimiter: true,
  });
}

/** Formats a table with {@link csvString} and writes it with {@link writeFileAtomic}. */
export async function writeCsvAtomic(
  path: string,
  headers: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): Promise<void> {
  await writeFileAtomic(path, await csvString(headers, rows));
}
