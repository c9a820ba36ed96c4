import { z } from 'zod';
import { ProfileId } from './ids';

/**
 * A migration profile: everything needed to rerun a migration. Secrets are
 * never part of these shapes: they live in named slots, sent write-only to
 * main, and the renderer only learns which slots are set.
 */

export const Side = z.enum(['synapse', 'mas']);
export type Side = z.infer<typeof Side>;

/** libpq sslmode values; `require` encrypts without verifying, `verify-ca` checks the chain, `verify-full` also the host name. */
export const TlsMode = z.enum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full']);
export type TlsMode = z.infer<typeof TlsMode>;

export const DatabaseTls = z
  .object({
    mode: TlsMode,
    /** PEM file of the CA that signed the server certificate (verify-ca / verify-full); the system CAs when absent. */
    caFile: z.string().min(1).optional(),
    /** A client certificate and its key (PEM files), for servers that ask for one. */
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
  })
  .strict();
export type DatabaseTls = z.infer<typeof DatabaseTls>;

const port = z.number().int().min(1).max(65535);

/** A libpq URI without a password: the password goes to the `database.password` slot. */
const uriWithoutPassword = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URI')
  .refine((uri) => !/^postgres(ql)?:\/\/[^@/]*:[^@/]*@/.test(uri), 'must not contain a password (give it as the database password)');

/** Where the database is: as the side's config says, or an override. TLS, when given, overrides the config's. */
export const DatabaseSettings = z.discriminatedUnion('source', [
  z.object({ source: z.literal('config'), tls: DatabaseTls.optional() }).strict(),
  z
    .object({
      source: z.literal('fields'),
      /** A host name, an IP, or a Unix socket folder (as the database server's host sees it when tunnelled). */
      host: z.string().min(1),
      port: port.default(5432),
      database: z.string().min(1),
      user: z.string().min(1),
      tls: DatabaseTls.optional(),
    })
    .strict(),
  z.object({ source: z.literal('uri'), uri: uriWithoutPassword, tls: DatabaseTls.optional() }).strict(),
]);
export type DatabaseSettings = z.infer<typeof DatabaseSettings>;

export const SshAuthMethod = z.enum(['password', 'key', 'agent']);
export type SshAuthMethod = z.infer<typeof SshAuthMethod>;

/** One SSH server on the way. Port and user fall back to ~/.ssh/config, then 22 and the local user. */
export const SshHop = z
  .object({
    /** A host name or a Host alias of ~/.ssh/config. */
    host: z.string().min(1),
    port: port.optional(),
    user: z.string().min(1).optional(),
    auth: SshAuthMethod,
    /** Private key file (auth `key`); IdentityFile entries of ~/.ssh/config otherwise. */
    keyFile: z.string().min(1).optional(),
  })
  .strict();
export type SshHop = z.infer<typeof SshHop>;

export const SshRoute = SshHop.extend({
  /** A jump host (like `ssh -J`); ~/.ssh/config's ProxyJump applies when absent. */
  jump: SshHop.optional(),
  /** Read ~/.ssh/config like OpenSSH does. */
  useSshConfig: z.boolean().default(true),
  /** Reach the database through this SSH connection (its address is then as the SSH server sees it). */
  tunnelDatabase: z.boolean().default(true),
}).strict();
export type SshRoute = z.infer<typeof SshRoute>;

export const ConfigFiles = z
  .object({
    /** `local`: files on this machine; `ssh`: files on the server reached by the side's SSH route. */
    location: z.enum(['local', 'ssh']),
    paths: z.array(z.string().min(1)).max(20),
  })
  .strict();
export type ConfigFiles = z.infer<typeof ConfigFiles>;

export const ProfileSide = z
  .object({
    configFiles: ConfigFiles,
    database: DatabaseSettings,
    ssh: SshRoute.optional(),
  })
  .strict();
export type ProfileSide = z.infer<typeof ProfileSide>;

export const ProfileOptions = z
  .object({
    ignoreMissingAuthProviders: z.boolean().default(false),
    writerConnections: z.number().int().min(1).max(32).default(4),
    /** LDAP (SPEC §11): the directory attribute Dex gives as the user's ID; unset, the module's uid attribute. */
    ldapIdAttribute: z
      .string()
      .trim()
      .regex(/^([A-Za-z][A-Za-z0-9-]{0,99}|\d+(\.\d+)+)$/, 'give an LDAP attribute name (e.g. uid or entryUUID) or its OID')
      .optional(),
  })
  .strict();

export const ProfileName = z.string().trim().min(1).max(100);

/** What the admin edits. */
export const ProfileSettings = z
  .object({
    name: ProfileName,
    synapse: ProfileSide,
    mas: ProfileSide,
    options: ProfileOptions.default({ ignoreMissingAuthProviders: false, writerConnections: 4 }),
    /** Off: secrets are asked each time and kept in memory for the session only. */
    rememberPasswords: z.boolean().default(true),
  })
  .strict();
export type ProfileSettings = z.infer<typeof ProfileSettings>;
export type ProfileSettingsInput = z.input<typeof ProfileSettings>;

/** A host key the admin confirmed by its fingerprint. `host` is written as known_hosts does: `name` or `[name]:port`. */
export const TrustedHostKey = z
  .object({
    host: z.string().min(1),
    keyType: z.string().min(1),
    fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
    confirmedAt: z.string(),
  })
  .strict();
export type TrustedHostKey = z.infer<typeof TrustedHostKey>;

export const HistoryEntry = z
  .object({
    at: z.string(),
    kind: z.enum(['connection-test', 'check', 'dry-run', 'migrate', 'verify']),
    outcome: z.enum(['ok', 'warnings', 'errors', 'failed']),
    summary: z.string().max(1000),
  })
  .strict();
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Profile = ProfileSettings.extend({
  id: ProfileId,
  createdAt: z.string(),
  updatedAt: z.string(),
  trustedHostKeys: z.array(TrustedHostKey).default([]),
  history: z.array(HistoryEntry).default([]),
}).strict();
export type Profile = z.infer<typeof Profile>;

const secretKinds = ['database.password', 'ssh.password', 'ssh.passphrase', 'jump.password', 'jump.passphrase'] as const;
/** Named places for secrets: `<side>.database.password`, `<side>.ssh.passphrase` (of the key file), … */
export const SecretSlot = z.enum(
  Side.options.flatMap((side) => secretKinds.map((kind) => `${side}.${kind}` as const)) as [`${Side}.${(typeof secretKinds)[number]}`],
);
export type SecretSlot = z.infer<typeof SecretSlot>;

/** Write-only secrets sent to main: a string sets the slot, null clears it, absence leaves it. */
export const SecretsInput = z.partialRecord(SecretSlot, z.string().min(1).max(10_000).nullable());
export type SecretsInput = z.infer<typeof SecretsInput>;

/** Secrets in main, by slot: what connecting needs. Never sent to the renderer. */
export type SecretValues = Partial<Record<SecretSlot, string>>;

/** What the renderer sees of a profile: the profile and which secret slots hold a value. */
export const ProfileView = Profile.extend({ secretsSet: z.array(SecretSlot) });
export type ProfileView = z.infer<typeof ProfileView>;
