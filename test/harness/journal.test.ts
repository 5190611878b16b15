// Tests for the journal: entries round-trip exactly (NaN included), temp files of a killed write
// are skipped, and an entry that does not belong to the sweep's points is refused by name.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTrial } from '../../src/engine/trial.ts';
import {
  createJournal,
  ensureJournal,
  journalDir,
  JournalError,
  readJournal,
  removeJournal,
  writeJournalEntry,
} from '../../src/harness/journal.ts';
import { ROW_WIDTH, RowField } from '../../src/harness/messages.ts';
import type { JobResult } from '../../src/harness/pool.ts';
import { buildSweep, type Sweep, type SweepPoint } from '../../src/harness/sweep.ts';
import { trialSeedAt } from '../../src/harness/seeds.ts';
import type { Suite } from '../../src/harness/suite.ts';

const SUITE: Suite = { name: 'j', description: '', grid: { n: [10, 50], fanout: 3 }, trials: 4, claims: [] };

/** The sweep of SUITE with master seed `seed` and `trials` a point. */
function sweepOf(seed: number | string = 1, trials = 4): Sweep {
  return buildSweep([{ suite: SUITE, mode: 'default' }], { masterSeed: seed, trials });
}

/** The real result of a point, as the pool would return it. */
function resultOf(p: SweepPoint): JobResult {
  const rows = new Float64Array(p.trials * ROW_WIDTH);
  const agreement: number[] = [];
  for (let t = 0; t < p.trials; t++) {
    const seed = trialSeedAt(p.seedBase, t);
    const r = runTrial({ ...p.params, recordAgreement: true }, seed);
    rows.set([seed, r.rounds, r.converged ? 1 : 0, r.winner ?? -1, r.messages, r.finalAgreement, r.live], t * ROW_WIDTH);
    agreement.push(...r.agreement!);
  }
  return { rows, agreement: Float64Array.from(agreement) };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-'));
  createJournal(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the journal', () => {
  it('reads back exactly what was written, NaN included, by point index', async () => {
    const sweep = sweepOf();
    const p = sweep.points[1] as SweepPoint;
    const result = resultOf(p);
    result.agreement[0] = Number.NaN;
    await writeJournalEntry(dir, p, result);
    const back = readJournal(dir, sweep);
    expect([...back.keys()]).toEqual([1]);
    expect(back.get(1)?.rows).toEqual(result.rows);
    expect(Number.isNaN(back.get(1)?.agreement[0])).toBe(true);
    expect(back.get(1)?.agreement.slice(1)).toEqual(result.agreement.slice(1));
    expect(readdirSync(journalDir(dir))).toEqual(['j.1.json']);
  });

  it('skips the temp file of an interrupted write', async () => {
    const sweep = sweepOf();
    writeFileSync(join(journalDir(dir), '.j.0.json.123.0.tmp'), '{"half');
    expect(readJournal(dir, sweep).size).toBe(0);
  });

  it('is empty when the folder has no journal, and removable', () => {
    removeJournal(dir);
    expect(readJournal(dir, sweepOf()).size).toBe(0);
    ensureJournal(dir);
    expect(readdirSync(dir)).toEqual(['journal']);
  });

  /** The JournalError of reading `dir` for `sweep`. */
  function journalError(sweep: Sweep): JournalError {
    try {
      readJournal(dir, sweep);
    } catch (error) {
      expect(error).toBeInstanceOf(JournalError);
      return error as JournalError;
    }
    throw new Error('expected a JournalError');
  }

  it('refuses an entry of another seed, another trial count, or no point of the sweep', async () => {
    await writeJournalEntry(dir, sweepOf(1).points[0] as SweepPoint, resultOf(sweepOf(1).points[0] as SweepPoint));
    expect(journalError(sweepOf(2)).file).toBe('journal/j.0.json');
    expect(journalError(sweepOf(1, 5)).reason).toContain('trials');
    writeFileSync(join(journalDir(dir), 'j.7.json'), '{}');
    expect(journalError(sweepOf(1)).file).toBe('journal/j.7.json');
  });

  it('refuses an entry that does not parse or whose rows do not add up', async () => {
    const sweep = sweepOf();
    const p = sweep.points[0] as SweepPoint;
    await writeJournalEntry(dir, p, resultOf(p));
    const path = join(journalDir(dir), 'j.0.json');
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.slice(0, good.length / 2));
    expect(journalError(sweep).reason).toContain('JSON');
    const entry = JSON.parse(good) as { rows: number[]; agreement: number[] };
    entry.rows[RowField.rounds] = (entry.rows[RowField.rounds] as number) + 1;
    writeFileSync(path, JSON.stringify(entry));
    expect(journalError(sweep).reason).toContain('agreement');
    writeFileSync(path, JSON.stringify({ ...entry, rows: entry.rows.slice(1) }));
    expect(journalError(sweep).reason).toContain('rows');
  });

  it('refuses a journal that is not a folder', () => {
    removeJournal(dir);
    writeFileSync(journalDir(dir), 'x');
    expect(journalError(sweepOf()).file).toBe('journal');
  });

  it('starts empty on a fresh run', async () => {
    const sweep = sweepOf();
    await writeJournalEntry(dir, sweep.points[0] as SweepPoint, resultOf(sweep.points[0] as SweepPoint));
    createJournal(dir);
    expect(readdirSync(journalDir(dir))).toEqual([]);
  });
});
