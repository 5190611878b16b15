// Tests for progress: bar only on a TTY outside CI, and the line of line mode.
import { describe, expect, it } from 'vitest';
import { formatSeconds, progressLine, useBar } from '../../src/cli/progress.ts';

describe('progress', () => {
  it('uses a bar only on a TTY when CI is not set', () => {
    const fake = (isTTY: boolean): NodeJS.WritableStream & { isTTY?: boolean } =>
      ({ isTTY, write: () => true }) as unknown as NodeJS.WritableStream & { isTTY?: boolean };
    expect(useBar({ stream: fake(true), env: {} })).toBe(true);
    expect(useBar({ stream: fake(true), env: { CI: 'true' } })).toBe(false);
    expect(useBar({ stream: fake(false), env: {} })).toBe(false);
  });

  it('prints trials, elapsed time and an ETA from the work left', () => {
    expect(progressLine({ trials: 1234, totalTrials: 5000, work: 1, totalWork: 4 }, 12)).toBe(
      '[bench] 1234/5000 trials, 12 s elapsed, ETA 36 s',
    );
    expect(progressLine({ trials: 0, totalTrials: 10, work: 0, totalWork: 4 }, 0)).toBe('[bench] 0/10 trials, 0 s elapsed, ETA ?');
  });

  it('formats seconds, minutes and hours', () => {
    expect([formatSeconds(5.4), formatSeconds(64), formatSeconds(3720)]).toEqual(['5 s', '1 min 04 s', '1 h 02 min']);
  });
});
