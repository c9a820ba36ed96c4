import type { Finding } from '../../../src-shared/domain/finding';

/** SPEC §3: an older MAS has no user_registration_tokens; the run writes the other tables and says so. */
export function masTokensMissingNotice(where: string): Finding {
  return {
    id: 'mas-registration-tokens-missing',
    severity: 'info',
    area: 'mas-database',
    message: `The MAS ${where} has no user_registration_tokens table (a MAS from before registration tokens): Synapse's registration tokens are not migrated.`,
    fix: 'To carry the tokens over, upgrade MAS and run `mas-cli database migrate` before migrating; otherwise recreate the tokens still needed in MAS afterwards.',
    source: 'user_registration_tokens',
  };
}

/** SPEC §13: a Synapse from before registration tokens has no registration_tokens; nothing to migrate there. */
export function synapseTokensMissingNotice(where: string): Finding {
  return {
    id: 'synapse-registration-tokens-missing',
    severity: 'info',
    area: 'synapse-database',
    message: `The Synapse ${where} has no registration_tokens table (a Synapse from before registration tokens): there are no tokens to migrate.`,
    fix: 'Nothing to do.',
    source: 'registration_tokens',
  };
}
