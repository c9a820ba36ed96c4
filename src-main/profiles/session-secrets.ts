import type { SecretSlot, SecretValues } from '../../src-shared/domain/profile';

/** Secrets of profiles that do not remember passwords: kept in this process's memory only, for the session. */
export class SessionSecrets {
  readonly #byProfile = new Map<string, SecretValues>();

  get(profileId: string): SecretValues {
    return { ...this.#byProfile.get(profileId) };
  }

  set(profileId: string, values: SecretValues): void {
    this.#byProfile.set(profileId, { ...this.#byProfile.get(profileId), ...values });
  }

  clear(profileId: string, slots?: readonly SecretSlot[]): void {
    if (!slots) {
      this.#byProfile.delete(profileId);
      return;
    }
    const current = this.#byProfile.get(profileId);
    for (const slot of slots) delete current?.[slot];
  }
}
