// A claim's detail text (claims.csv `detail`) as the report shows it: the one-line verdict summary
// (the text before the first `; ` outside brackets), and the rest; for a complexity claim the
// fits of every class (`fits CLASS: a=… b=… R2=… err=… BIC=…; CLASS: …`) as one list item each.
import { escapeHtml as esc } from './text.ts';

/** The fit of one class, from a complexity claim's detail. */
export interface DetailFit {
  cls: string;
  /** The BIC as written (e.g. `12.3`). */
  bic: string;
  /** The other fit figures as written (`a=… b=… R2=… err=…`). */
  figures: string;
}

/** A claim's detail split for display. */
export interface ClaimDetail {
  /** The one-line verdict summary. */
  summary: string;
  /** The remaining clauses, in order (the fits not included). */
  more: string[];
  /** The fits of every class (complexity claims), in the detail's order; empty otherwise. */
  fits: DetailFit[];
}

/** Splits `text` at `; ` outside parentheses and brackets. */
function clauses(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ';' && depth === 0 && text[i + 1] === ' ') {
      out.push(text.slice(from, i));
      from = i + 2;
    }
  }
  out.push(text.slice(from));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** One class's fit: `CLASS: FIGURES BIC=X` (FIGURES may be empty). */
const FIT = /^([^:]+): (.*?)\s*BIC=(\S+)$/;

/**
 * Splits a claim's detail into its summary (first clause), further clauses, and (for complexity
 * claims) the fit of every class: the clause `fits CLASS: … BIC=…` and each following clause of
 * that form.
 */
export function parseClaimDetail(detail: string): ClaimDetail {
  const [summary = '', ...rest] = clauses(detail);
  const more: string[] = [];
  const fits: DetailFit[] = [];
  let inFits = false;
  for (const clause of rest) {
    const text = !inFits && clause.startsWith('fits ') ? clause.slice('fits '.length) : clause;
    const m = (inFits || text !== clause) && FIT.exec(text);
    if (m) {
      inFits = true;
      fits.push({ cls: m[1]!.trim(), figures: m[2]!.trim(), bic: m[3]! });
    } else {
      inFits = false;
      more.push(clause);
    }
  }
  return { summary, more, fits };
}

/**
 * The detail cell's content: the summary alone when there is nothing more, else a
 * `<details>` (no script) whose `<summary>` is the one-line summary and whose body holds the other
 * clauses and the fits as a list, one `CLASS: BIC …` a line, the chosen class (`bestClass`) marked.
 */
export function claimDetailHtml(detail: string, bestClass: string | null): string {
  const d = parseClaimDetail(detail);
  if (d.more.length === 0 && d.fits.length === 0) return esc(d.summary);
  const more = d.more.map((c) => `<p>${esc(c)}</p>`).join('');
  const fits =
    d.fits.length === 0
      ? ''
      : `<p>fits by BIC (lower is better):</p><ul class="fits">${d.fits
          .map((f) => {
            const chosen = f.cls === bestClass;
            const head = `<code>${esc(f.cls)}</code>: BIC ${esc(f.bic)}${chosen ? ' <span class="chosen-mark">(chosen)</span>' : ''}`;
            return `<li${chosen ? ' class="chosen"' : ''}>${head} <span class="muted">${esc(f.figures)}</span></li>`;
          })
          .join('')}</ul>`;
  return `<details class="claim-detail"><summary>${esc(d.summary)}</summary>${more}${fits}</details>`;
}
