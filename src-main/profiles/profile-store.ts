import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ulid } from 'ulid';
import {
  type HistoryEntry,
  Profile,
  ProfileSettings,
  type ProfileSettingsInput,
  type ProfileView,
  SecretSlot,
  type SecretsInput,
  type SecretValues,
  type TrustedHostKey,
} from '../../src-shared/domain/profile';
import { ProfileId } from '../../src-shared/domain/ids';
import { AppError } from '../../src-shared/errors';
import { writeFileAtomic } from '../connect/files/atomic-file';
import { type ProfileFile, readProfileFile, type SealedSecret } from './profile-file';
import type { SecretCipher } from './secret-cipher';
import { SessionSecrets } from './session-secrets';

const historyLimit = 200;

export interface ProfileStoreOptions {
  dataDir: string;
  /** The cipher for stored secrets; asked for only when a secret is read or written (it may throw "vault locked"). */
  cipher: () => SecretCipher;
  session?: SessionSecrets;
}

export interface ProfileListing {
  profiles: ProfileView[];
  /** Files that could not be read: listed so the admin can fix them; other profiles stay usable. */
  problems: { file: string; message: string }[];
}

/** Profiles as JSON files in `<dataDir>/profiles`, one per profile, each written atomically. */
export class ProfileStore {
  readonly dir: string;
  readonly session: SessionSecrets;
  readonly #cipher: () => SecretCipher;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ProfileStoreOptions) {
    this.dir = join(options.dataDir, 'profiles');
    this.#cipher = options.cipher;
    this.session = options.session ?? new SessionSecrets();
  }

  #path(id: string): string {
    if (!ProfileId.safeParse(id).success)
      throw new AppError('profile-not-found', `There is no profile with id "${id}".`, 'Pick a profile from the list.');
    return join(this.dir, `${id}.json`);
  }

  async #read(id: string): Promise<ProfileFile> {
    try {
      return await readProfileFile(this.#path(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new AppError('profile-not-found', `There is no profile with id "${id}".`, 'Pick a profile from the list.');
      throw error;
    }
  }

  async #write(file: ProfileFile): Promise<void> {
    await writeFileAtomic(this.#path(file.profile.id), `${JSON.stringify(file, null, 2)}\n`);
  }

  #view(file: ProfileFile): ProfileView {
    const session = this.session.get(file.profile.id);
    const set = SecretSlot.options.filter((slot) => file.secrets[slot] !== undefined || session[slot] !== undefined);
    return { ...file.profile, secretsSet: set };
  }

  async list(): Promise<ProfileListing> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], problems: [] };
      throw error;
    }
    const listing: ProfileListing = { profiles: [], problems: [] };
    for (const name of names) {
      try {
        listing.profiles.push(this.#view(await readProfileFile(join(this.dir, name))));
      } catch (error) {
        listing.problems.push({ file: join(this.dir, name), message: error instanceof Error ? error.message : String(error) });
      }
    }
    listing.profiles.sort((a, b) => a.name.localeCompare(b.name));
    return listing;
  }

  async get(id: string): Promise<ProfileView> {
    return this.#view(await this.#read(id));
  }

  async findByName(name: string): Promise<ProfileView> {
    const { profiles, problems } = await this.list();
    const found = profiles.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
    if (found) return found;
    const known = profiles.map((p) => `"${p.name}"`).join(', ') || 'none';
    const broken = problems.length
      ? ` ${problems.length} profile file(s) could not be read: ${problems.map((p) => p.file).join(', ')}.`
      : '';
    throw new AppError(
      'profile-not-found',
      `There is no profile named "${name}" in ${this.dir} (profiles: ${known}).${broken}`,
      'Check the name, or pass --data-dir for another folder.',
    );
  }

  /** Which vaults sealed the profile's stored secrets (none when it stores none). */
  async sealedWith(id: string): Promise<Set<SecretCipher['kind']>> {
    const file = await this.#read(id);
    return new Set(Object.values(file.secrets).map((sealed) => sealed.cipher));
  }

  async #assertNameFree(name: string, exceptId?: string): Promise<void> {
    const { profiles } = await this.list();
    if (profiles.some((p) => p.id !== exceptId && p.name.toLowerCase() === name.trim().toLowerCase())) {
      throw new AppError('profile-name-taken', `A profile named "${name.trim()}" already exists.`, 'Choose another name.');
    }
  }

  /** Applies write-only secrets: persisted when the profile remembers passwords, else kept for this session only. */
  async #applySecrets(file: ProfileFile, secrets: SecretsInput): Promise<void> {
    const id = file.profile.id;
    for (const [slot, value] of Object.entries(secrets) as [SecretSlot, string | null | undefined][]) {
      if (value === undefined) continue;
      delete file.secrets[slot];
      this.session.clear(id, [slot]);
      if (value === null) continue;
      if (file.profile.rememberPasswords) file.secrets[slot] = await this.#seal(id, slot, value);
      else this.session.set(id, { [slot]: value });
    }
  }

  async #seal(id: string, slot: SecretSlot, value: string): Promise<SealedSecret> {
    const cipher = this.#cipher();
    return { cipher: cipher.kind, box: await cipher.seal(value, `${id}/${slot}`) };
  }

  /** Runs writes one at a time, so concurrent calls (e.g. two connection tests adding history) do not lose each other's changes. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => {});
    return run;
  }

  create(settings: ProfileSettingsInput, secrets: SecretsInput = {}): Promise<ProfileView> {
    return this.#exclusive(() => this.#create(settings, secrets, {}));
  }

  async #create(
    settings: ProfileSettingsInput,
    secrets: SecretsInput,
    kept: Partial<Pick<Profile, 'trustedHostKeys' | 'history'>>,
  ): Promise<ProfileView> {
    const parsed = ProfileSettings.parse(settings);
    await this.#assertNameFree(parsed.name);
    const now = new Date().toISOString();
    const profile = Profile.parse({ ...parsed, ...kept, id: ulid(), createdAt: now, updatedAt: now });
    const file: ProfileFile = { format: 'mas-migrator-profile', version: 1, profile, secrets: {} };
    await this.#applySecrets(file, secrets);
    await this.#write(file);
    return this.#view(file);
  }

  update(id: string, settings: ProfileSettingsInput, secrets: SecretsInput = {}): Promise<ProfileView> {
    return this.#exclusive(() => this.#update(id, settings, secrets));
  }

  async #update(id: string, settings: ProfileSettingsInput, secrets: SecretsInput): Promise<ProfileView> {
    const parsed = ProfileSettings.parse(settings);
    const file = await this.#read(id);
    await this.#assertNameFree(parsed.name, id);
    const wasRemembering = file.profile.rememberPasswords;
    file.profile = { ...file.profile, ...parsed, updatedAt: new Date().toISOString() };
    if (wasRemembering && !parsed.rememberPasswords) {
      // Forgetting: the stored secrets move to memory and leave the disk.
      this.session.set(id, await this.#openAll(file));
      file.secrets = {};
    } else if (!wasRemembering && parsed.rememberPasswords) {
      const remembered = this.session.get(id);
      this.session.clear(id);
      await this.#applySecrets(file, remembered);
    }
    await this.#applySecrets(file, secrets);
    await this.#write(file);
    return this.#view(file);
  }

  async #openAll(file: ProfileFile): Promise<SecretValues> {
    const values: SecretValues = {};
    const entries = Object.entries(file.secrets) as [SecretSlot, SealedSecret][];
    if (entries.length === 0) return values;
    const cipher = this.#cipher();
    for (const [slot, sealed] of entries) {
      if (sealed.cipher !== cipher.kind) {
        throw new AppError(
          'secret-unreadable',
          `The secret "${slot}" of profile "${file.profile.name}" was stored with the ${sealed.cipher} vault, not this one (${cipher.kind}).`,
          'Enter that secret again in the profile.',
        );
      }
      values[slot] = await cipher.open(sealed.box, `${file.profile.id}/${slot}`);
    }
    return values;
  }

  /** The profile's secrets in clear, for main-process use only (connecting): stored ones plus, unless told otherwise, this session's. */
  async secrets(id: string, options: { includeSession?: boolean } = {}): Promise<SecretValues> {
    const file = await this.#read(id);
    return { ...(await this.#openAll(file)), ...(options.includeSession === false ? {} : this.session.get(id)) };
  }

  /** Secrets for this session only, e.g. asked just before connecting when the profile does not remember passwords. */
  async provideSessionSecrets(id: string, secrets: SecretsInput): Promise<ProfileView> {
    const file = await this.#read(id);
    for (const [slot, value] of Object.entries(secrets) as [SecretSlot, string | null | undefined][]) {
      if (typeof value === 'string') this.session.set(id, { [slot]: value });
      else if (value === null) this.session.clear(id, [slot]);
    }
    return this.#view(file);
  }

  duplicate(id: string, name: string): Promise<ProfileView> {
    return this.#exclusive(async () => {
      const file = await this.#read(id);
      const secrets = await this.secrets(id);
      const { id: _id, createdAt: _c, updatedAt: _u, trustedHostKeys, history: _h, ...settings } = file.profile;
      return this.#create({ ...settings, name }, secrets, { trustedHostKeys });
    });
  }

  remove(id: string): Promise<void> {
    return this.#exclusive(async () => {
      await this.#read(id);
      await rm(this.#path(id));
      this.session.clear(id);
    });
  }

  #mutate(id: string, change: (profile: Profile) => Profile): Promise<ProfileView> {
    return this.#exclusive(async () => {
      const file = await this.#read(id);
      file.profile = change(file.profile);
      await this.#write(file);
      return this.#view(file);
    });
  }

  /** Remembers a host key the admin confirmed by fingerprint (replacing none: a changed key is never overwritten silently). */
  async trustHostKey(id: string, key: Omit<TrustedHostKey, 'confirmedAt'>): Promise<ProfileView> {
    return this.#mutate(id, (p) => {
      const others = p.trustedHostKeys.filter((k) => !(k.host === key.host && k.keyType === key.keyType));
      return { ...p, trustedHostKeys: [...others, { ...key, confirmedAt: new Date().toISOString() }] };
    });
  }

  async addHistory(id: string, entry: Omit<HistoryEntry, 'at'>): Promise<ProfileView> {
    return this.#mutate(id, (p) => ({ ...p, history: [...p.history, { ...entry, at: new Date().toISOString() }].slice(-historyLimit) }));
  }

  /** Imports a whole profile (from an export) under a new id. */
  adopt(profile: Omit<Profile, 'id' | 'createdAt' | 'updatedAt'>, secrets: SecretValues): Promise<ProfileView> {
    const { trustedHostKeys, history, ...settings } = profile;
    return this.#exclusive(() => this.#create(settings, secrets, { trustedHostKeys, history }));
  }
}
