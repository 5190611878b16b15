// Text widths from the bundled TTF itself (advance widths via the cmap and hmtx tables), so that
// vega lays out labels, legends and titles for the font the PNGs are drawn with, instead of
// its rough estimate (0.8 em per character) when no canvas is installed.
import { readFileSync } from 'node:fs';

/** Advance widths of one font face, in font units, and the units per em. */
export interface FontMetrics {
  unitsPerEm: number;
  /** Advance width per code point of the Basic Multilingual Plane (0 = unmapped). */
  advance: Uint16Array;
  /** Advance of the missing-glyph (.notdef), used for unmapped characters. */
  missing: number;
}

/** A TTF that cannot be read for metrics; names the file and the table. */
export class FontFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'FontFileError';
  }
}

/** Reads unitsPerEm, the format-4 cmap and hmtx of a TrueType file. */
export function readFontMetrics(file: string): FontMetrics {
  const buf = readFileSync(file);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    tables.set(buf.toString('latin1', at, at + 4), view.getUint32(at + 8));
  }
  const table = (tag: string): number => {
    const at = tables.get(tag);
    if (at === undefined) throw new FontFileError(file, `no ${tag} table`);
    return at;
  };
  const unitsPerEm = view.getUint16(table('head') + 18);
  const numberOfHMetrics = view.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (glyph: number): number => view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  // Find the Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4.
  const cmap = table('cmap');
  let sub = -1;
  for (let i = 0, n = view.getUint16(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const at = cmap + view.getUint32(rec + 4);
    if (view.getUint16(at) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) sub = at;
  }
  if (sub < 0) throw new FontFileError(file, 'no format-4 Unicode cmap subtable');
  const segX2 = view.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  const advance = new Uint16Array(0x10000);
  for (let s = 0; s < segX2; s += 2) {
    const end = view.getUint16(ends + s);
    const start = view.getUint16(starts + s);
    const delta = view.getInt16(deltas + s);
    const ro = view.getUint16(rangeOffsets + s);
    for (let c = start; c <= end && c < 0xffff; c++) {
      let glyph: number;
      if (ro === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = view.getUint16(rangeOffsets + s + ro + 2 * (c - start));
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) advance[c] = glyphAdvance(glyph);
    }
  }
  return { unitsPerEm, advance, missing: glyphAdvance(0) };
}

/** Width of `text` in pixels at `fontSize` (no kerning; a few percent wide at most). */
export function textWidth(m: FontMetrics, text: string, fontSize: number): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const a = m.advance[text.charCodeAt(i)] ?? 0;
    units += a === 0 ? m.missing : a;
  }
  return (units * fontSize) / m.unitsPerEm;
}
