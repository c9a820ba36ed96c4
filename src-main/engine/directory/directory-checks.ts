import type { Finding } from '../../../src-shared/domain/finding';
import { plural } from '../../../src-shared/text';
import { type AppError, directoryReadFailures } from '../../../src-shared/errors';
import { type MasConfig, masSource } from '../config/mas/mas-config';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import type { DirectoryLinking } from './directory-links';
import { type LdapModule, moduleSource } from './ldap-module';
import { ldapIdpId } from './mas-ldap-provider';

const examplesMax = 20;

/** SPEC §11 checks on the configs alone: the MAS provider for the links, and a bind password sent in clear. */
export function checkDirectoryConfig(
  syn: SynapseConfig,
  module: LdapModule,
  mas: MasConfig | undefined,
  options: { ignoreMissingAuthProviders: boolean },
): Finding[] {
  const findings: Finding[] = [];
  const providers = mas?.model.upstream_oauth2?.providers ?? [];
  if (mas && !providers.some((p) => p.synapse_idp_id === ldapIdpId)) {
    const ignored = options.ignoreMissingAuthProviders;
    findings.push({
      id: 'ldap-provider-missing',
      severity: ignored ? 'warning' : 'error',
      area: 'mas-config',
      message: `Synapse authenticates users with matrix-synapse-ldap3, but no MAS upstream provider has synapse_idp_id: ${ldapIdpId}${ignored ? '; the directory users are not linked (--ignore-missing-auth-providers)' : ''}.`,
      fix: ignored
        ? 'Acknowledge: directory users without a password will not be able to log in to MAS.'
        : `Add the provider for Dex (\`config generate --dex-output dex.yaml\` writes it and Dex's config), or rerun with --ignore-missing-auth-providers.`,
      source: providers.length > 0 ? masSource(mas, ['upstream_oauth2', 'providers']) : mas.files.join(', '),
    });
  }
  const s = module.settings;
  const plain = s.uris.filter((uri) => /^ldap:\/\//i.test(uri));
  if (plain.length > 0 && !s.startTls) {
    findings.push({
      id: 'ldap-plaintext',
      severity: 'warning',
      area: 'synapse-config',
      message: `The directory is reached with ${plain.join(', ')} without start_tls: the bind password (and each user's password) travels in clear.`,
      fix: 'Use ldaps:// or set start_tls: true, in the module and in the Dex config.',
      source: moduleSource(syn, module, 'uri'),
    });
  }
  return findings;
}

/** The directory could not be read: an error finding with the error's code (named with the URI, never the password). */
export function directoryFailureFinding(error: AppError): Finding | undefined {
  // A directory that could not be read fails the check (SPEC §11: it never passes).
  if (!directoryReadFailures.has(error.code)) return undefined;
  return {
    id: error.code === 'secret-unreadable' ? 'ldap-bind-failed' : error.code,
    severity: 'error',
    area: 'connection',
    message: `The directory could not be read, so the users to link are unknown: ${error.message}`,
    fix: error.hint ?? 'Check the module settings in homeserver.yaml.',
    code: error.code,
  };
}

/** The users with no one entry (none of them linked): a localpart several entries claim, or one entry carrying several users' uids. */
function ambiguousFinding(ambiguous: DirectoryLinking['ambiguous'], source: string): Finding {
  const shared = ambiguous.filter((a) => a.sharedBy).length;
  const claimed = ambiguous.length - shared;
  const why = [
    ...(claimed
      ? [`${plural(claimed, 'localpart is', 'localparts are')} claimed by more than one directory entry (their uid values lowercase alike)`]
      : []),
    ...(shared ? [`${plural(shared, 'user shares', 'users share')} a directory entry (one entry carries several users' uids)`] : []),
  ];
  return {
    id: 'ldap-ambiguous',
    severity: 'warning',
    area: 'synapse-database',
    message: `${why.join('; ')}; none of them is linked.`,
    fix: 'Make the uid values unique regardless of case and give each user an entry of its own (or narrow the filter), then check again.',
    source,
    count: ambiguous.length,
    examples: ambiguous
      .slice(0, examplesMax)
      .map((a) => `${a.localpart}: ${a.dns.join(' | ')}${a.sharedBy ? ` (carries the uids of ${a.sharedBy.join(', ')})` : ''}`),
  };
}

/** SPEC §11 checks on the links: who cannot log in, who is ambiguous, and the counts. */
export function checkDirectoryLinks(linking: DirectoryLinking, syn: SynapseConfig, module: LdapModule): Finding[] {
  const findings: Finding[] = [];
  const source = moduleSource(syn, module);
  if (linking.unmatched.length > 0) {
    const count = linking.unmatched.length;
    findings.push({
      id: 'ldap-unmatched-users',
      severity: 'warning',
      area: 'synapse-database',
      message: linking.activeDirectory
        ? `${count} users have no password and no external ID, and Active Directory mode (active_directory: true) is not linked: they cannot log in after the migration.`
        : `${count} users have no password, no external ID and no (usable) directory entry: they cannot log in after the migration.`,
      fix: 'Check the module base and filter, set these users a password in MAS, or link them by hand once MAS runs.',
      source,
      count,
      examples: linking.unmatched.slice(0, examplesMax),
    });
  }
  if (linking.ambiguous.length > 0) findings.push(ambiguousFinding(linking.ambiguous, source));
  if (linking.missingId.length > 0) {
    findings.push({
      id: 'ldap-id-missing',
      severity: 'warning',
      area: 'synapse-database',
      message: `${linking.missingId.length} directory entries that match a user have no value for the ID attribute; those users are not linked.`,
      fix: 'Choose an ID attribute every entry has (--ldap-id-attribute), e.g. entryUUID.',
      source,
      count: linking.missingId.length,
      examples: linking.missingId.slice(0, examplesMax).map((m) => `${m.localpart}: ${m.dn}`),
    });
  }
  findings.push(
    {
      id: 'ldap-links',
      severity: 'info',
      area: 'synapse-database',
      message: `${linking.links.length} users will be linked to their directory entry.`,
      fix: 'Nothing to do.',
      source,
      count: linking.links.length,
    },
    {
      id: 'ldap-entries-without-user',
      severity: 'info',
      area: 'synapse-database',
      message: `${linking.entriesWithoutUser} directory entries have no Synapse user; they get an account on their first login.`,
      fix: 'Nothing to do.',
      source,
      count: linking.entriesWithoutUser,
    },
  );
  return findings;
}
