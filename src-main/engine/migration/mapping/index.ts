import { accessTokensStage } from './access-tokens';
import { devicesStage } from './devices';
import { externalIdsQuery, externalIdsStage } from './external-ids';
import { refreshPairsStage } from './refresh-pairs';
import { sessionsQuery } from './sessions-query';
import type { EntityStage, StageQuery } from './stage';
import { threepidsQuery, threepidsStage } from './threepids';
import { usersQuery, usersStage } from './users';

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
 * The queries that feed them, heaviest first: they ask for writers in this
 * order, so with few writers the queries that wait are the cheap ones, not
 * the one on the critical path.
 */
export const stageQueries: readonly StageQuery[] = [sessionsQuery, usersQuery, threepidsQuery, externalIdsQuery];
