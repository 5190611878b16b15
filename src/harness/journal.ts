// The journal of a run: one file per finished point in `journal/` of the result folder, written
// atomically the moment the point's last batch is back, so an interrupted, killed or failed run
// keeps every finished point and `--resume` runs only the others.
//
// One whole file per point (rather than an append-only log) because each file is then either
// absent or complete (temp file, fsync, rename: see atomic.ts), a reader needs no repair of a torn
// last line, and each entry names the point and seed base it holds, so a resume can check it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isTempFile, writeFileAtomic } from '../io/atomic.ts';
import { ROW_WIDTH, RowField } from './messages.ts';
import type { JobResult } from './pool.ts';
import type { Sweep, SweepPoint } from './sweep.ts';

/** The journal's folder inside a result folder. */
export const JOURNAL_DIR = 'journal';

/** Version of the entry layout. */
export const JOURNAL_VERSION = 1;

/** One journal file: a finished point's rows and agreement histories, and what identifies it. */
export interface JournalEntry {
  version: typeof JOURNAL_VERSION;
  suite: string;
  /** Index of the point within its suite. */
  point: number;
  /** The point's canonical key. */
  key: string;
  /** The point's seed base (master seed, suite and key): ties the rows to their seeds. */
  seedBase: string;
  trials: number;
  /** `trials * ROW_WIDTH` numbers, trial by trial (see messages.ts). */
  rows: number[];
  /** Agreement after each round of each trial (`rounds` numbers per trial); NaN is stored as null. */
  agreement: (number | null)[];
}

/** A journal file that cannot be used for this run: names the file and what is wrong. */
export class JournalError extends Error {
  override readonly name = 'JournalError';

  /**
   * @param file - the file, relative to the result folder (e.g. `journal/smoke.3.json`)
   * @param reason - what is wrong with it
   */
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** The file name of a point's entry: `<suite>.<point>.json`. */
export function journalFile(p: Pick<SweepPoint, 'suite' | 'point'>): string {
  return `${p.suite}.${p.point}.json`;
}

/** The journal folder of result folder `dir`. */
export function journalDir(dir: string): string {
  return join(dir, JOURNAL_DIR);
}

/** Creates an empty journal in `dir`, removing any earlier one. */
export function createJournal(dir: string): void {
  rmSync(journalDir(dir), { recursive: true, force: true });
  mkdirSync(journalDir(dir));
}

/** Creates the journal folder when missing, keeping its entries (for a resumed run). */
export function ensureJournal(dir: string): void {
  mkdirSync(journalDir(dir), { recursive: true });
}

/** Removes the journal of a complete run (its rows are in the CSVs). Best effort. */
export function removeJournal(dir: string): void {
  try {
    rmSync(journalDir(dir), { recursive: true, force: true });
  } catch {
    // A leftover journal is harmless: run.json says the run is complete.
  }
}

/** Saves a finished point, atomically. */
export async function writeJournalEntry(dir: string, p: SweepPoint, result: JobResult): Promise<void> {
  const entry: JournalEntry = {
    version: JOURNAL_VERSION,
    suite: p.suite,
    point: p.point,
    key: p.key,
    seedBase: p.seedBase,
    trials: p.trials,
    rows: Array.from(result.rows),
    agreement: Array.from(result.agreement, (x) => (Number.isNaN(x) ? null : x)),
  };
  await writeFileAtomic(join(journalDir(dir), journalFile(p)), `${JSON.stringify(entry)}\n`);
}

/** Checks a parsed entry against its point and returns its result. Throws JournalError. */
function entryResult(file: string, value: unknown, p: SweepPoint): JobResult {
  const bad = (reason: string): JournalError => new JournalError(file, reason);
  if (typeof value !== 'object' || value === null) throw bad('is not a journal entry');
  const e = value as Partial<Record<keyof JournalEntry, unknown>>;
  if (e.version !== JOURNAL_VERSION) throw bad(`has version ${String(e.version)}, expected ${JOURNAL_VERSION}`);
  if (e.seedBase !== p.seedBase || e.key !== p.key) {
    throw bad(`holds point ${JSON.stringify(e.seedBase)}, but this run's point is ${JSON.stringify(p.seedBase)}`);
  }
  if (e.trials !== p.trials) throw bad(`holds ${String(e.trials)} trials, but this run has ${p.trials} a point`);
  const { rows, agreement } = e;
  if (!Array.isArray(rows) || rows.length !== p.trials * ROW_WIDTH || !rows.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw bad(`rows must be ${p.trials * ROW_WIDTH} finite numbers`);
  }
  let rounds = 0;
  for (let t = 0; t < p.trials; t++) rounds += rows[t * ROW_WIDTH + RowField.rounds] as number;
  if (!Array.isArray(agreement) || agreement.length !== rounds || !agreement.every((x) => x === null || typeof x === 'number')) {
    throw bad(`agreement must be ${rounds} numbers (the trials' rounds)`);
  }
  return {
    rows: Float64Array.from(rows as number[]),
    agreement: Float64Array.from(agreement as (number | null)[], (x) => x ?? Number.NaN),
  };
}

/**
 * Reads the journal of result folder `dir` for `sweep`: the result of every point that has an
 * entry, by point index. Temp files of interrupted writes are skipped. Throws JournalError for a
 * journal that is not a folder, or a file that belongs to no point of the sweep, does not parse,
 * or holds another point or trial count than the sweep's (the run's definition changed).
 */
export function readJournal(dir: string, sweep: Sweep): Map<number, JobResult> {
  const out = new Map<number, JobResult>();
  const folder = journalDir(dir);
  if (!existsSync(folder)) return out;
  if (!statSync(folder).isDirectory()) throw new JournalError(JOURNAL_DIR, 'is not a folder');
  const byFile = new Map(sweep.points.map((p, i) => [journalFile(p), i]));
  for (const name of readdirSync(folder).sort()) {
    if (isTempFile(name)) continue;
    const file = `${JOURNAL_DIR}/${name}`;
    const index = byFile.get(name);
    if (index === undefined) throw new JournalError(file, 'belongs to no point of this run');
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    } catch (error) {
      throw new JournalError(file, `cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    out.set(index, entryResult(file, parsed, sweep.points[index] as SweepPoint));
  }
  return out;
}
