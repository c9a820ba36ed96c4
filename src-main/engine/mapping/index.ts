import { accessTokensStage } from './access-tokens';
import { devicesStage } from './devices';
import { externalIdsStage } from './external-ids';
import { refreshPairsStage } from './refresh-pairs';
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
];

/**
 * The plans that feed them, heaviest first: they ask for writers in this
 * order, so with few writers the plans that wait are the cheap ones, not
 * the one on the critical path.
 */
export const stagePlans: readonly StagePlan[] = [userMergePlan, rowStagePlan(usersStage)];
