// Holm's step-down correction of p-values for many tests at once, so that comparing every point
// of a run keeps the chance of any false alarm at the chosen level.

/**
 * Holm-adjusted p-values, in the order given: sort the m p-values ascending, multiply the i-th
 * smallest (from 0) by m − i, make the sequence non-decreasing and cap it at 1. A test is
 * significant at family-wise level α when its adjusted p is below α; this controls the chance of
 * one or more false alarms among all the tests, whatever their dependence.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const adjusted = new Array<number>(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank] as number;
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[i] as number)));
    adjusted[i] = running;
  }
  return adjusted;
}
