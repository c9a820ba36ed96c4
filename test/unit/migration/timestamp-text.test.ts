import { describe, expect, it } from 'vitest';
import { isoTimestamp } from '../../../src-main/engine/migration/mapping/timestamp-text';

describe('timestamp text', () => {
  it('writes exactly what Date#toISOString writes', () => {
    const edges = [
      0,
      1,
      999,
      86_399_999,
      86_400_000,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(2100, 1, 28),
      Date.UTC(2100, 2, 1),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
    ];
    const random = Array.from({ length: 20_000 }, () => Math.floor(Math.random() * 4_102_444_800_000));
    for (const ms of [...edges, ...random]) expect(isoTimestamp(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('falls back to Date for times before 1970, after 9999 and fractions', () => {
    for (const ms of [-1, -86_400_001, 253_402_300_800_000, 8.64e15, 1.5]) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });
});
