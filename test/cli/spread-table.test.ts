// The dissemination table printed after a run: one line per rumor-mongering or memberlist point,
// measured beside theory; nothing for a run without them.
import { describe, expect, it } from 'vitest';
import { spreadTable } from '../../src/cli/spread-table.ts';
import { runBatch } from '../../src/harness/batch.ts';
import { buildSweep } from '../../src/harness/sweep.ts';
import { summarizePoint } from '../../src/harness/tables.ts';

function summaries(grid: object): { table: string } {
  const sweep = buildSweep([{ suite: { name: 's', description: '', grid, trials: 4, claims: [] }, mode: 'default' }], { masterSeed: 1 });
  const sums = sweep.points.map((p) => {
    const reply = runBatch({ id: 0, pointIndex: 0, params: p.params, seedBase: p.seedBase, firstTrial: 0, count: p.trials });
    if (!('rows' in reply)) throw new Error(reply.error.message);
    return summarizePoint(p, { rows: reply.rows, agreement: reply.agreement });
  });
  return { table: spreadTable(sweep.points, sums) };
}

describe('spreadTable', () => {
  it('is empty without dissemination points', () => {
    expect(summaries({ n: 100, fanout: 3 }).table).toBe('');
  });

  it('has a line per dissemination point, with Serf beside memberlist and the mean-field residue beside feedback + coin', () => {
    const { table } = summaries([{ n: 100, fanout: 3 }, { n: 300, fanout: 3, protocol: 'memberlist' }, { n: 300, fanout: 1, protocol: 'rumor-mongering', k: 2 }]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^suite +n +fanout .*residue +e\^-m +mean-field +traffic .*Serf 99\.99%/);
    expect(lines[1]).toContain('memberlist mult 4');
    expect(lines[2]).toContain('rumor-mongering feedback coin k 2');
    // Serf only for memberlist (column 10), the mean-field residue only for feedback + coin (column 6).
    const cells = (line: string): string[] => line.trim().split(/ {2,}/);
    expect(cells(lines[1]!)[10]).not.toBe('-');
    expect(cells(lines[2]!)[10]).toBe('-');
    expect(cells(lines[1]!)[6]).toBe('-');
    expect(Number(cells(lines[2]!)[6])).toBeCloseTo(0.0595, 3);
  });
});
