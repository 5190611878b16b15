// Typed errors of reading results: input that is not a usable run folder or CSV file. Each names
// the file and the problem in one line; the charts, report and compare commands map them to exit 2.

/** Bad input to the charts and the report: the file it concerns and what is wrong with it. */
export class ReportInputError extends Error {
  /** The offending file or folder, as the user gave it (relative or absolute). */
  readonly file: string;
  /** What is wrong, in words, naming the value where there is one. */
  readonly problem: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ReportInputError';
    this.file = file;
    this.problem = problem;
  }
}

/** The folder is not a run folder: no run.json, unreadable or invalid run.json, other schema. */
export class RunFolderError extends ReportInputError {
  constructor(file: string, problem: string) {
    super(file, problem);
    this.name = 'RunFolderError';
  }
}

/** A CSV file that cannot be used: truncated, a missing column, a cell of the wrong kind. */
export class CsvFormatError extends ReportInputError {
  /** 1-based data row (the header not counted) where the problem is, or null for the file. */
  readonly row: number | null;
  /** The column concerned, or null. */
  readonly column: string | null;

  constructor(file: string, problem: string, row: number | null = null, column: string | null = null) {
    super(file, problem);
    this.name = 'CsvFormatError';
    this.row = row;
    this.column = column;
  }
}
