// Deterministic lattices: the ring lattice (k nearest on each side) and the 2-D torus.
import { ParameterError } from '../errors.ts';
import { checkEntries, checkInteger, checkNodes, heapCsr, type CsrAllocator, type Topology } from './topology.ts';

/**
 * The ring lattice C(n, k): node v is linked to v +- 1, ..., v +- k (mod n), so every degree is
 * 2k. Requires 1 <= k <= (n - 1) / 2 (at equality the graph is complete); a k too large for n
 * is blamed on `k`. Written straight into CSR, since the offsets are `2k * v`: no edge list,
 * O(nk) time, 8 B per edge + 4 B per node. The lists read v-k, ..., v-1, v+1, ..., v+k.
 */
export function ring(n: number, k: number, alloc: CsrAllocator = heapCsr): Topology {
  checkNodes(n, 3);
  checkInteger('k', k, 1, Math.floor((n - 1) / 2));
  const deg = 2 * k;
  checkEntries('k', k, n * deg);
  const offsets = alloc(n + 1);
  const targets = alloc(n * deg);
  for (let v = 0, p = 0; v < n; v++) {
    offsets[v] = p;
    for (let j = k; j >= 1; j--) {
      const w = v - j;
      targets[p++] = w < 0 ? w + n : w;
    }
    for (let j = 1; j <= k; j++) {
      const w = v + j;
      targets[p++] = w >= n ? w - n : w;
    }
  }
  offsets[n] = n * deg;
  return { kind: 'ring', n, offsets, targets };
}

/**
 * The 2-D torus: a `width` x `height` grid (node `y * width + x`) with wrap-around, 4
 * neighbours each, in the order up, left, right, down. Without `width`, n must be a perfect
 * square and the grid square; with it, `width` must divide n. Both sides must be >= 3 (with 2
 * the left and right neighbours coincide). Written straight into CSR: O(n), 16 B + 4 B per node.
 */
export function torus(n: number, width?: number, alloc: CsrAllocator = heapCsr): Topology {
  checkNodes(n, 9);
  let w: number;
  if (width === undefined) {
    w = Math.round(Math.sqrt(n));
    if (w * w !== n) throw new ParameterError('n', n, 'a perfect square (or give width)');
  } else {
    w = checkInteger('width', width, 3, Math.floor(n / 3));
    if (n % w !== 0) throw new ParameterError('width', width, `a divisor of n = ${n}`);
  }
  const h = n / w; // >= 3: n >= 9 when square, w <= n / 3 otherwise
  checkEntries('n', n, 4 * n);
  const offsets = alloc(n + 1);
  const targets = alloc(4 * n);
  for (let y = 0, v = 0; y < h; y++) {
    const row = y * w;
    const up = (y === 0 ? h - 1 : y - 1) * w;
    const down = (y === h - 1 ? 0 : y + 1) * w;
    for (let x = 0; x < w; x++, v++) {
      const p = 4 * v;
      offsets[v] = p;
      targets[p] = up + x;
      targets[p + 1] = row + (x === 0 ? w - 1 : x - 1);
      targets[p + 2] = row + (x === w - 1 ? 0 : x + 1);
      targets[p + 3] = down + x;
    }
  }
  offsets[n] = 4 * n;
  return { kind: 'torus', n, offsets, targets };
}
