// Test helper: reading what vega drew from its SVG output, by the role classes vega writes
// (`role-title-text`, `role-axis-title`, `role-legend-title`, `role-mark`, ...).

/** Decodes the few entities vega writes in text content. */
function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The text of every `<text>` inside groups of the given vega role, e.g. `axis-title`. */
export function roleTexts(svg: string, role: string): string[] {
  const out: string[] = [];
  const group = new RegExp(`<g class="mark-text role-${role}"[^>]*>((?:<text[^>]*>[^<]*</text>)+)</g>`, 'g');
  for (const m of svg.matchAll(group)) {
    for (const t of m[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) out.push(decode(t[1]!));
  }
  return out;
}

/** Whether the SVG has a group of the given role (e.g. `legend`). */
export function hasRole(svg: string, role: string): boolean {
  return new RegExp(`class="[^"]*\\brole-${role}\\b`).test(svg);
}

/** The 8-byte PNG signature. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
