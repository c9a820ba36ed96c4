import { describe, expect, it } from 'vitest';
import { entityStages, stageStartOrder } from '../../../src-main/engine/migration/mapping';

describe('stage start order', () => {
  it('starts every entity stage exactly once', () => {
    expect([...stageStartOrder].sort()).toEqual(entityStages.map((s) => s.id).sort());
  });
});
