import { describe, expect, it } from 'vitest';
import { entityStages, runPlans, stagePlans } from '../../../src-main/engine/mapping';
import { masTables } from '../../../src-main/engine/mas/mas-tables';
import { sqlContext } from '../../../src-main/engine/synapse/sql-context';

describe('stage plans', () => {
  it('feed every entity stage exactly once', () => {
    expect(stagePlans.flatMap((p) => p.stages.map((s) => s.id)).sort()).toEqual(entityStages.map((s) => s.id).sort());
  });

  it("one run's plans: all with every table; without the tokens' table, no tokens stage; without Synapse's, tokens read nothing", () => {
    const q = sqlContext("':example.org'", true);
    const tokenSelects = (run: ReturnType<typeof runPlans>) =>
      run.plans.filter((p) => p.stages.some((s) => s.id === 'registration-tokens')).flatMap((p) => p.selects(q));
    const all = runPlans(masTables, true);
    expect(all.stages).toEqual(entityStages);
    expect(tokenSelects(all)).toEqual([expect.stringContaining('FROM registration_tokens')]);

    const olderMas = runPlans(
      masTables.filter((t) => t !== 'user_registration_tokens'),
      true,
    );
    expect(olderMas.stages.map((s) => s.id)).toEqual(entityStages.map((s) => s.id).filter((id) => id !== 'registration-tokens'));
    expect(olderMas.plans.flatMap((p) => p.stages.flatMap((s) => s.outputs))).not.toContain('user_registration_tokens');

    const olderSynapse = runPlans(masTables, false);
    expect(olderSynapse.stages).toEqual(entityStages);
    expect(tokenSelects(olderSynapse)).toEqual([expect.stringMatching(/WHERE false$/)]);
    expect(tokenSelects(olderSynapse)[0]).not.toContain('registration_tokens');
  });
});
