import { describe, expect, it } from 'vitest';
import { entityStages, stageQueries } from '../../../src-main/engine/migration/mapping';

describe('stage queries', () => {
  it('feed every entity stage exactly once', () => {
    expect(stageQueries.flatMap((q) => q.stages.map((s) => s.id)).sort()).toEqual(entityStages.map((s) => s.id).sort());
  });
});
