import type { ProfileSettingsInput, ProfileView, SecretSlot, SecretsInput, Side } from '../../../src-shared/domain/profile';

/** What the Connections screen edits: the profile's settings and any secrets typed since the last save. */
export interface ProfileDraft {
  settings: ProfileSettingsInput;
  /** Typed secrets only; an empty or absent slot keeps what main holds. */
  secrets: Partial<Record<SecretSlot, string>>;
}

export type SideSettings = ProfileSettingsInput['synapse'];

export function draftOf(profile: ProfileView): ProfileDraft {
  const { name, synapse, mas, options, rememberPasswords } = profile;
  return { settings: { name, synapse, mas, options, rememberPasswords }, secrets: {} };
}

export function withSide(draft: ProfileDraft, side: Side, next: SideSettings): ProfileDraft {
  return { ...draft, settings: { ...draft.settings, [side]: next } };
}

/** Secrets to send: only slots the admin typed into. */
export function typedSecrets(draft: ProfileDraft): SecretsInput {
  return Object.fromEntries(Object.entries(draft.secrets).filter(([, v]) => v !== undefined && v !== '')) as SecretsInput;
}

/** Props for a SecretField bound to one slot of the draft. */
export function secretBinding(draft: ProfileDraft, profile: ProfileView, slot: SecretSlot, update: (d: ProfileDraft) => void) {
  return {
    isSet: profile.secretsSet.includes(slot),
    value: draft.secrets[slot] ?? '',
    onChange: (value: string) => update({ ...draft, secrets: { ...draft.secrets, [slot]: value } }),
  };
}

/** A new profile: local config files still to name, databases as their configs say. */
export function blankSettings(name: string): ProfileSettingsInput {
  const side = (): SideSettings => ({ configFiles: { location: 'local', paths: [] }, database: { source: 'config' } });
  return { name, synapse: side(), mas: side() };
}

/** Drops the empty path slots the form keeps for typing into. */
export function cleanSettings(settings: ProfileSettingsInput): ProfileSettingsInput {
  const side = (s: SideSettings): SideSettings => ({
    ...s,
    configFiles: { ...s.configFiles, paths: s.configFiles.paths.map((p) => p.trim()).filter(Boolean) },
  });
  return { ...settings, synapse: side(settings.synapse), mas: side(settings.mas) };
}
