import { accessTokensStage } from './access-tokens';
import { devicesStage } from './devices';
import { externalIdsStage } from './external-ids';
import type { MasTable } from '../mas/mas-tables';
import { refreshPairsStage } from './refresh-pairs';
import { noRegistrationTokensSql, registrationTokensStage } from './registration-tokens';
import { type EntityStage, rowStagePlan, type StagePlan } from './stage';
import { userMergePlan } from './user-merge';
import { threepidsStage } from './threepids';
import { usersStage } from './users';

/** The entity stages in the order SPEC §6 lists them. */
export const entityStages: readonly EntityStage[] = [
  usersStage,
  threepidsStage,
  externalIdsStage,
  accessTokensStage,
  refreshPairsStage,
  devicesStage,
  registrationTokensStage,
];

/**
 * The plans that feed them, heaviest first: they ask for writers in this
 * order, so with few writers the plans that wait are the cheap ones, not
 * the one on the critical path.
 */
export const stagePlans: readonly StagePlan[] = [userMergePlan, rowStagePlan(registrationTokensStage)];

/** What one run migrates (SPEC §3, §13): the plans whose tables this MAS has, and their stages in entityStages' order. */
export interface RunPlans {
  plans: StagePlan[];
  stages: EntityStage[];
}

/** A Synapse without registration_tokens gives the tokens' plan nothing to read: MAS's table is still paused, rebuilt, emptied. */
export function runPlans(masHas: readonly MasTable[], synapseHasTokens: boolean): RunPlans {
  const plans = stagePlans
    .filter((p) => p.stages.every((s) => s.outputs.every((t) => masHas.includes(t))))
    .map((p) => (p.stages.includes(registrationTokensStage) && !synapseHasTokens ? { ...p, selects: () => [noRegistrationTokensSql] } : p));
  const stages = entityStages.filter((s) => plans.some((p) => p.stages.includes(s)));
  return { plans, stages };
}
