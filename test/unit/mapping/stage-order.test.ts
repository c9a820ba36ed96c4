import { describe, expect, it } from 'vitest';
import { entityStages, stagePlans } from '../../../src-main/engine/mapping';

describe('stage plans', () => {
  it('feed every entity stage exactly once', () => {
    expect(stagePlans.flatMap((p) => p.stages.map((s) => s.id)).sort()).toEqual(entityStages.map((s) => s.id).sort());
  });
});
