// Joining the Float64Array chunks a point's results arrive in (batches from the workers, slices
// from the shards) into one array, in order.

/** Concatenates `parts` in order; a single part is returned as it is, not copied. */
export function joinChunks(parts: readonly Float64Array[]): Float64Array {
  if (parts.length === 1) return parts[0] as Float64Array;
  const out = new Float64Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
