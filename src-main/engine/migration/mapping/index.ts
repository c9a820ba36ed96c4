import { accessTokensStage } from './access-tokens';
import { devicesStage } from './devices';
import { externalIdsStage } from './external-ids';
import { refreshPairsStage } from './refresh-pairs';
import type { EntityStage } from './stage';
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
 * The order stages ask for writers: heaviest queries first. With the usual 8
 * writers and 10 target tables, the stages that wait for a free writer are
 * then the cheap ones, not the ones on the critical path.
 */
export const stageStartOrder: readonly EntityStage['id'][] = [
  'refresh-pairs',
  'access-tokens',
  'devices',
  'users',
  'external-ids',
  'threepids',
];
