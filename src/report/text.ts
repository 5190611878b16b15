// Text helpers of the HTML report: escaping everything that comes from files, formatting
// numbers for tables, and namespacing the ids inside each inline SVG.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Placeholder for a missing value. */
export const NONE = '–';

/**
 * A number for a table: integers with thousands separators, others to `digits` significant
 * digits (no exponent below 1e21); null and undefined as {@link NONE}. Returns plain text.
 */
export function fmtNum(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined) return NONE;
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const rounded = Number(x.toPrecision(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 12 });
}

/** A share in [0, 1] as a percentage with up to one decimal: 0.955 -> `95.5%`. */
export function fmtPct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NONE;
  return `${Number((x * 100).toFixed(1))}%`;
}

/** A byte count in GiB: 34359738368 -> `32 GiB`. */
export function fmtGiB(bytes: number | null): string {
  return bytes === null ? NONE : `${Number((bytes / 2 ** 30).toFixed(1))} GiB`;
}

/**
 * Prefixes every id in an SVG (and the `url(#...)` and `href="#..."` references to them), so
 * several charts inlined in one page do not share clip-path or gradient ids.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/\b((?:xlink:)?href)="#([^"]+)"/g, (_, attr: string, id: string) => `${attr}="#${prefix}-${id}"`);
}

/** Removes an XML declaration or doctype before an `<svg` so it can be inlined in HTML. */
export function inlineSvg(svg: string): string {
  const at = svg.indexOf('<svg');
  return at > 0 ? svg.slice(at) : svg;
}
