// The house: imports under src/ run downward only. No file imports, directly or through others,
// a file that imports it back (no cycles, type imports included), and each folder imports only
// the folders below it in LAYERS, the map that docs/architecture.md draws.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

/**
 * Each folder of src/ and the folders it may import (besides itself); lower rooms first. The
 * command line alone may import `suites/` (the declarations it runs).
 */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  engine: [],
  stats: [],
  io: ['stats'],
  claims: ['engine', 'stats', 'io'],
  harness: ['engine', 'claims', 'stats', 'io'],
  results: ['io'],
  report: ['claims', 'stats', 'io'],
  compare: ['engine', 'stats', 'io', 'results'],
  api: ['engine'],
  cli: ['engine', 'claims', 'harness', 'results', 'report', 'compare', 'stats', 'io', 'api', 'suites'],
};

const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|^\s*import\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

/** Every .ts file under `dir`, as paths relative to the repository root. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(relative(ROOT, p));
  }
  return out;
}

/** The relative imports of each file, resolved to repository paths (files outside src/ too). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(join(ROOT, f), 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      let target = normalize(join(dirname(f), spec));
      if (!target.endsWith('.ts')) target = existsSync(join(ROOT, `${target}.ts`)) ? `${target}.ts` : join(target, 'index.ts');
      deps.push(target);
    }
    graph.set(f, deps);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** The folder of src/ a file belongs to (`engine` for src/engine/topology/x.ts). */
const room = (file: string): string => relative(SRC, join(ROOT, file)).split(/[\\/]/)[0]!;

/** The imports that do not run downward in {@link LAYERS}, as `from -> to`. */
export function sidewaysImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const [from, deps] of graph) {
    for (const to of deps) {
      const a = room(from);
      const b = to.startsWith('suites/') ? 'suites' : room(to);
      if (!to.startsWith('src/') && b !== 'suites') out.push(`${from} -> ${to} (outside src/)`);
      else if (a !== b && !(LAYERS[a] ?? []).includes(b)) out.push(`${from} -> ${to}`);
    }
  }
  return out;
}

describe('the import graph under src/', () => {
  const files = tsFiles(SRC);
  const graph = importGraph(files);

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const broken = new Map(graph);
    broken.set('src/engine/rng.ts', [...(graph.get('src/engine/rng.ts') ?? []), 'src/engine/trial.ts']);
    expect(cycles(broken).length).toBeGreaterThan(0);
  });

  it('names every folder of src/ in the layer map', () => {
    expect([...new Set(files.map(room))].sort()).toEqual(Object.keys(LAYERS).sort());
  });


  it('only imports downward: each folder into the folders below it', () => {
    expect(sidewaysImports(graph)).toEqual([]);
  });

  it('finds a sideways import when there is one (the check can fail)', () => {
    const broken = new Map(graph);
    broken.set('src/compare/load.ts', [...(graph.get('src/compare/load.ts') ?? []), 'src/report/html.ts']);
    expect(sidewaysImports(broken)).toEqual(['src/compare/load.ts -> src/report/html.ts']);
  });

  it('keeps the layer map itself acyclic', () => {
    const layers = new Map(Object.entries(LAYERS).map(([k, v]) => [k, [...v]]));
    expect(cycles(layers)).toEqual([]);
  });
});
