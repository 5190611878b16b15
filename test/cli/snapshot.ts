// Test helpers for result folders: every file's content by relative path (to prove that nothing
// changed), and checks that every file left in a folder parses whole.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { isTempFile } from '../../src/io/atomic.ts';

/** Every file under `dir` (recursively) with its content, by path relative to `dir`; null when `dir` is missing. */
export function snapshot(dir: string): Record<string, string> | null {
  if (!existsSync(dir)) return null;
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** The rows of CSV text (RFC 4180: quoted fields may hold commas, doubled quotes and newlines). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  expect(quoted, 'a quoted field is not closed').toBe(false);
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Checks that every file in a result folder is whole: run.json and journal entries parse as JSON,
 * each CSV ends with a newline and has as many fields on every line as in its header. Temp files
 * of atomic writes (left by a SIGKILL) are skipped and returned.
 */
export function expectWholeFiles(dir: string): string[] {
  const temps: string[] = [];
  for (const [path, text] of Object.entries(snapshot(dir) ?? {})) {
    const name = path.split('/').at(-1) as string;
    if (isTempFile(name)) {
      temps.push(path);
    } else if (path.endsWith('.json')) {
      expect(() => JSON.parse(text), path).not.toThrow();
    } else if (path.endsWith('.csv')) {
      expect(text.endsWith('\n'), path).toBe(true);
      const rows = csvRows(text);
      const width = (rows[0] as string[]).length;
      for (const row of rows) expect(row.length, path).toBe(width);
    } else {
      throw new Error(`unexpected file ${path} in ${dir}`);
    }
  }
  return temps;
}
