import { accessTokensStage } from './access-tokens';
import { devicesStage } from './devices';
import { externalIdsStage } from './external-ids';
import { refreshPairsStage } from './refresh-pairs';
import type { EntityStage } from './stage';
import { threepidsStage } from './threepids';
import { usersStage } from './users';

/** The entity stages in the order SPEC §6 lists them. */
export const entityStages: readonly EntityStage[] = [usersStage, threepidsStage, externalIdsStage, accessTokensStage, refreshPairsStage, devicesStage];
