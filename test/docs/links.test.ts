// Every relative link and image in README.md and docs/**/*.md points at a file that exists, and
// every `#anchor` at a heading of the target markdown file (GitHub's heading slugs).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A link found in a markdown file: its target as written and the 1-based line it is on. */
interface Link {
  target: string;
  line: number;
}

/** Reads a file of the tree (a path relative to the root), or null when there is none. */
type Reader = (path: string) => string | null;

/** Blanks fenced code blocks (keeping line numbers), so links and headings inside them are ignored. */
function withoutFences(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split('\n').map((line) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null && open !== null) {
      fence = open[1]!.slice(0, 3);
      return '';
    }
    if (fence !== null) {
      if (line.trim().startsWith(fence)) fence = null;
      return '';
    }
    return line;
  });
}

/** GitHub's slug of a heading's text: lowercase, punctuation but `-` and `_` dropped, spaces to `-`. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/[*`]/g, '') // emphasis and code marks
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors of a markdown file's headings, duplicates numbered `-1`, `-2`, … as GitHub does. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of withoutFences(markdown)) {
    const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (m === null) continue;
    const slug = githubSlug(m[1]!);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The inline links and images of a markdown file, outside code; external ones (any scheme) left out. */
function relativeLinks(markdown: string): Link[] {
  const links: Link[] = [];
  withoutFences(markdown).forEach((raw, i) => {
    const line = raw.replace(/`[^`]*`/g, '``'); // inline code holds no links
    for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:, ...
      links.push({ target, line: i + 1 });
    }
  });
  return links;
}

/**
 * The broken links of the given markdown files (paths relative to the root, `/`-separated), each as
 * `file:line: target (reason)`. `read` gives a file's text; `isDir` says whether a path is a folder.
 */
function brokenLinks(files: readonly string[], read: Reader, isDir: (path: string) => boolean = () => false): string[] {
  const broken: string[] = [];
  for (const file of files) {
    const text = read(file);
    if (text === null) throw new Error(`${file}: cannot be read`);
    for (const { target, line } of relativeLinks(text)) {
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
      const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
      const path = pathPart === '' ? file : posix.normalize(posix.join(posix.dirname(file), pathPart));
      const where = `${file}:${line}: ${target}`;
      if (path.startsWith('../') || (read(path) === null && !isDir(path))) {
        broken.push(`${where} (no file ${path})`);
        continue;
      }
      if (anchor === null) continue;
      const targetText = path.endsWith('.md') ? read(path) : null;
      if (targetText === null) broken.push(`${where} (an anchor into ${path}, which is not a markdown file)`);
      else if (!headingAnchors(targetText).has(anchor)) broken.push(`${where} (no heading #${anchor} in ${path})`);
    }
  }
  return broken;
}

/** README.md and every markdown file under docs/, relative to the root. */
function docFiles(): string[] {
  const files = ['README.md'];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(path);
    }
  };
  if (existsSync(join(ROOT, 'docs'))) walk('docs');
  return files;
}

const readTree: Reader = (path) => {
  const full = join(ROOT, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : null;
};
const isTreeDir = (path: string): boolean => existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isDirectory();

describe('githubSlug and headingAnchors', () => {
  it('lowercase, drop punctuation but - and _, spaces to -, code marks dropped', () => {
    expect(githubSlug('Seeds and reproducibility')).toBe('seeds-and-reproducibility');
    expect(githubSlug('`run.json`: what produced the folder')).toBe('runjson-what-produced-the-folder');
    expect(githubSlug("The seed's examples")).toBe('the-seeds-examples');
    expect(githubSlug('`throughput.csv` and `throughput-samples.csv`')).toBe('throughputcsv-and-throughput-samplescsv');
    expect(githubSlug('Reliability: interrupts, crashes and `--resume`')).toBe('reliability-interrupts-crashes-and---resume');
    expect(githubSlug('snake_case **bold** [link](x.md)')).toBe('snake_case-bold-link');
  });

  it('numbers duplicates and ignores headings in code fences', () => {
    const md = '# A\n## Topologies\n```\n# not a heading\n```\n### Topologies\n## Topologies ##\n';
    expect([...headingAnchors(md)]).toEqual(['a', 'topologies', 'topologies-1', 'topologies-2']);
  });
});

describe('relativeLinks', () => {
  it('finds links and images, not external links or links in code', () => {
    const md = [
      '[a](docs/a.md#x) and ![img](img/b.png "title")',
      '[web](https://example.org) [mail](mailto:a@b.c) `[code](no.md)`',
      '```',
      '[fenced](no.md)',
      '```',
      '[self](#here)',
    ].join('\n');
    expect(relativeLinks(md)).toEqual([
      { target: 'docs/a.md#x', line: 1 },
      { target: 'img/b.png', line: 1 },
      { target: '#here', line: 6 },
    ]);
  });
});

describe('brokenLinks', () => {
  const tree: Record<string, string> = {
    'README.md': '# Top\n[ok](docs/a.md#part-one) [img](docs/img/x.png) [gone](docs/none.md) [bad](docs/a.md#nope)\n',
    'docs/a.md': '# A\n## Part one\n[back](../README.md#top) [self](#part-one) [up](../../x.md) [self-bad](#missing)\n',
    'docs/img/x.png': 'png',
  };
  const read: Reader = (path) => tree[path] ?? null;

  it('reports a missing file, a missing anchor and a path outside the tree, and nothing else', () => {
    expect(brokenLinks(['README.md', 'docs/a.md'], read)).toEqual([
      'README.md:2: docs/none.md (no file docs/none.md)',
      'README.md:2: docs/a.md#nope (no heading #nope in docs/a.md)',
      'docs/a.md:3: ../../x.md (no file ../x.md)',
      'docs/a.md:3: #missing (no heading #missing in docs/a.md)',
    ]);
  });
});

describe('README.md and docs/', () => {
  it('every relative link and image resolves', () => {
    const files = docFiles();
    expect(files.length).toBeGreaterThan(1);
    expect(brokenLinks(files, readTree, isTreeDir)).toEqual([]);
  });

  it('every docs page links back to the README', () => {
    const pages = docFiles().filter((f) => f.startsWith('docs/'));
    const without = pages.filter((f) => !relativeLinks(readTree(f) ?? '').some((l) => l.target.startsWith('../README.md')));
    expect(without).toEqual([]);
  });

  it('the README links to every docs page', () => {
    const linked = new Set(relativeLinks(readTree('README.md') ?? '').map((l) => posix.normalize(l.target.split('#')[0]!)));
    const pages = docFiles().filter((f) => f.startsWith('docs/'));
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });
});
