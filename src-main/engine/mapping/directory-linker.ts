import type { CopyRows } from '../../connect/postgres/copy-binary';
import { type DirectoryIndex, matchUser } from '../directory/directory-links';
import { idScratch, type MappingContext } from './stage';

const textDecoder = new TextDecoder();

/**
 * SPEC §11 in the external-IDs stage: each migrated user (its user ID held
 * by the merge) matched against the directory read before the run, and
 * linked to its one entry's ID on the MAS provider with synapse_idp_id: ldap.
 * Unmatched and ambiguous users are not linked (the check names them).
 */
export class DirectoryLinker {
  readonly #suffixLength: number;

  constructor(
    readonly index: DirectoryIndex,
    /** The ldap provider's uuid (16 bytes). */
    readonly provider: Uint8Array,
    readonly activeDirectory: boolean,
    userIdSuffix: Uint8Array,
  ) {
    this.#suffixLength = userIdSuffix.length;
  }

  /**
   * Writes the user's link when the rule gives one and returns its subject
   * (as bytes, to tell the same link given by a user_external_ids row); or
   * why a user with entries is not linked; undefined for a user without any.
   */
  link(
    user: { bytes: Uint8Array; start: number; length: number },
    guest: boolean,
    createdMs: number,
    userId: () => Uint8Array,
    links: CopyRows,
    ctx: MappingContext,
  ): Buffer | 'ldap-ambiguous' | 'ldap-id-missing' | undefined {
    const localpart = textDecoder.decode(user.bytes.subarray(user.start + 1, user.start + user.length - this.#suffixLength));
    // Application services' users never get here: their rows are skipped as the user is.
    const candidate = { localpart, createdAt: new Date(createdMs), guest, appservice: false, hasPassword: false, hasExternalId: false };
    const match = matchUser(candidate, this.index, { activeDirectory: this.activeDirectory });
    if (match.kind === 'ambiguous') return 'ldap-ambiguous';
    if (match.kind === 'missing-id') return 'ldap-id-missing';
    if (match.kind !== 'link') return undefined;
    links.row(6);
    links.uuid(ctx.ids.fresh(createdMs, idScratch[1]));
    links.uuid(this.provider);
    links.uuid(userId());
    links.text(match.link.subject);
    links.timestamp(createdMs);
    links.text(match.link.humanAccountName);
    return Buffer.from(match.link.subject);
  }
}
