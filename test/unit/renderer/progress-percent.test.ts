import { describe, expect, it } from 'vitest';
import { progressPercent } from '../../../src-renderer/src/components/progress-percent';

describe('how full a progress bar is drawn', () => {
  it('is full when done, whatever the counts said (an estimate, or nothing to do)', () => {
    expect(progressPercent(52, 52, true)).toBe(100);
    expect(progressPercent(7, 10, true)).toBe(100);
    expect(progressPercent(0, undefined, true)).toBe(100);
    expect(progressPercent(0, 0, true)).toBe(100);
  });

  it('is never full before done, even when the count reached or passed the estimate', () => {
    expect(progressPercent(10, 10, false)).toBe(99);
    expect(progressPercent(12, 10, false)).toBe(99);
    expect(progressPercent(999, 1000, false)).toBe(99);
  });

  it('shows the share done, rounded down, and nothing while the total is unknown', () => {
    expect(progressPercent(1, 3, false)).toBe(33);
    expect(progressPercent(2, 3, false)).toBe(66);
    expect(progressPercent(5, undefined, false)).toBe(0);
  });
});
