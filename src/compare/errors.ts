// Typed errors of compare: an option outside its domain. (Bad run folders and CSV files raise the
// report's RunFolderError and CsvFormatError, which name the file and the problem.)
import { formatValue } from '../engine/errors.ts';

/** An option of compare outside its domain; names the option and the value. */
export class CompareOptionError extends RangeError {
  override readonly name = 'CompareOptionError';

  /**
   * @param option - the option as the command spells it, e.g. `--threshold`
   * @param value - the value given
   * @param expected - what it must be, e.g. `a number in [0, 1)`
   */
  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`${option} must be ${expected} (got ${formatValue(value)})`);
  }
}
