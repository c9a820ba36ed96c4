import { beforeEach, describe, expect, it } from 'vitest';
import type { DraftView } from '../../../src-shared/contract/config';
import type { ProfileSettings, ProfileView, SecretSlot } from '../../../src-shared/domain/profile';
import { draftEdited, draftReplaced, draftSaved, masDraft, noDraft, openMasDraft } from '../../../src-renderer/src/store/mas-draft';
import { checksScope, configScope } from '../../../src-renderer/src/store/profile-scope';
import { openProfile, profileChanged, replyWhileOpen, session } from '../../../src-renderer/src/store/session';
import { deferred, idA, idB, movedSynapseConfig, profileView } from './profile-views';

const profile = profileView(idA);
type Change = (s: ProfileSettings) => ProfileSettings;
const renamed: Change = (s) => ({ ...s, name: 'Renamed', rememberPasswords: false });
const otherMasDatabase: Change = (s) => ({ ...s, mas: { ...s.mas, database: { source: 'config' } } });
const otherOptions: Change = (s) => ({ ...s, options: { ...s.options, ignoreMissingAuthProviders: true } });
const otherSshRoute: Change = (s) => ({ ...s, synapse: { ...s.synapse, ssh: { ...s.synapse.ssh!, port: 22 } } });
const withPasswords = (p: ProfileView, ...secretsSet: SecretSlot[]): ProfileView => ({ ...p, secretsSet });
const hostKey = { host: 'matrix.example.org', keyType: 'ssh-ed25519', fingerprint: `SHA256:${'A'.repeat(43)}`, confirmedAt: 'now' };
const checkedOnce = { at: 'now', kind: 'check' as const, outcome: 'ok' as const, summary: 'fine' };
const movedMasConfig: Change = (s) => ({ ...s, mas: { ...s.mas, configFiles: { location: 'local', paths: ['/etc/mas/config.yaml'] } } });

describe('what a state or a reply was made from', () => {
  it('the checks: both sides, the passwords set and the options, not the name, the password policy or the history', () => {
    for (const change of [movedSynapseConfig, otherMasDatabase, otherOptions, otherSshRoute])
      expect(checksScope(profileView(idA, change))).not.toBe(checksScope(profile));
    expect(checksScope(profileView(idB))).not.toBe(checksScope(profile));
    expect(checksScope(withPasswords(profile, 'mas.database.password'))).not.toBe(checksScope(profile));
    const busy = { ...profileView(idA, renamed), updatedAt: 'later', trustedHostKeys: [hostKey], history: [checkedOnce] };
    expect(checksScope(busy)).toBe(checksScope(profile));
    const twoPasswords = withPasswords(profile, 'mas.database.password', 'synapse.ssh.passphrase');
    expect(checksScope(withPasswords(profile, 'synapse.ssh.passphrase', 'mas.database.password'))).toBe(checksScope(twoPasswords));
  });

  it('the configs: where both config files are and the SSH routes to them, not the databases, passwords or options', () => {
    for (const change of [movedSynapseConfig, movedMasConfig, otherSshRoute])
      expect(configScope(profileView(idA, change))).not.toBe(configScope(profile));
    for (const change of [otherMasDatabase, otherOptions, renamed])
      expect(configScope(profileView(idA, change))).toBe(configScope(profile));
    expect(configScope(withPasswords(profile, 'mas.database.password'))).toBe(configScope(profile));
  });

  it('does not depend on the order main wrote the settings in', () => {
    const { synapse, ...rest } = profile;
    const reordered = { ...rest, synapse: Object.fromEntries(Object.entries(synapse).reverse()) as typeof synapse };
    expect(checksScope(reordered)).toBe(checksScope(profile));
  });
});

describe('a reply for the open profile', () => {
  beforeEach(() => openProfile(profile));

  it('comes through while the profile is open as it was asked, a rename or other options aside', async () => {
    expect(await replyWhileOpen(profile, configScope, async () => 'configs')).toBe('configs');
    const reply = deferred<string>();
    const late = replyWhileOpen(profile, configScope, () => reply.promise);
    profileChanged(profileView(idA, otherOptions));
    reply.resolve('configs');
    expect(await late).toBe('configs');
  });

  it('is dropped when another profile was opened meanwhile', async () => {
    const reply = deferred<string>();
    const late = replyWhileOpen(profile, checksScope, () => reply.promise);
    openProfile(profileView(idB));
    reply.resolve('findings of A');
    expect(await late).toBeUndefined();
  });

  it('is dropped when the profile was saved with other settings of its scope, and so is a late failure', async () => {
    const reply = deferred<string>();
    const late = replyWhileOpen(profile, configScope, () => reply.promise);
    profileChanged(profileView(idA, movedSynapseConfig));
    reply.reject(new Error('no such file'));
    expect(await late).toBeUndefined();
  });

  it('fails when the call fails for the profile still open', async () => {
    await expect(replyWhileOpen(profile, configScope, () => Promise.reject(new Error('no such file')))).rejects.toThrow('no such file');
  });
});

describe('the MAS config draft when the open profile changes', () => {
  const view = (draftId: string, preview = `matrix:\n  homeserver: ${draftId}\n`): DraftView => ({ draftId, file: null, preview });
  const open = (p = profile, draft = view('draft-aaaa')) => openMasDraft(p, false, async () => draft);

  beforeEach(() => {
    session.set({ profile: undefined, screen: 'profiles' });
    openProfile(profile, 'configuration');
  });

  it('opens the file once and keeps it for the screens that share it', async () => {
    expect(await open()).toEqual(view('draft-aaaa'));
    expect(await openMasDraft(profile, false, () => Promise.reject(new Error('opened twice')))).toEqual(view('draft-aaaa'));
    expect(masDraft.get()).toMatchObject({ profileId: idA, savedPreview: view('draft-aaaa').preview, dirty: false });
  });

  it('forgets the draft when another profile is opened, and drops a late reply', async () => {
    await open();
    const reply = deferred<DraftView>();
    const late = openMasDraft(profile, true, () => reply.promise);
    openProfile(profileView(idB));
    expect(masDraft.get()).toEqual(noDraft);
    reply.resolve(view('draft-late'));
    expect(await late).toBeUndefined();
    expect(masDraft.get()).toEqual(noDraft);
  });

  it('forgets the draft when the profile is saved with another MAS config file, not with another database', async () => {
    await open();
    draftEdited(view('draft-aaaa', 'edited\n'));
    profileChanged(profileView(idA, otherMasDatabase));
    expect(masDraft.get()).toMatchObject({ draft: view('draft-aaaa', 'edited\n'), dirty: true });
    profileChanged(profileView(idA, movedMasConfig));
    expect(masDraft.get()).toEqual(noDraft);
  });

  it('keeps the draft when its first save names the profile its MAS config file', async () => {
    const fresh = profileView(idA, (s) => ({ ...s, mas: { ...s.mas, configFiles: { location: 'local', paths: [] } } }));
    openProfile(fresh, 'configuration');
    draftReplaced(fresh, view('draft-gen1'));
    const named = profileView(idA, movedMasConfig);
    draftSaved(named);
    profileChanged(named);
    expect(masDraft.get()).toMatchObject({
      profileId: idA,
      draft: view('draft-gen1'),
      savedPreview: view('draft-gen1').preview,
      dirty: false,
    });
  });

  it('takes an edit only for the draft it edited', async () => {
    await open();
    draftReplaced(profile, view('draft-gen2'));
    draftEdited(view('draft-aaaa', 'a late edit of the replaced draft\n'));
    expect(masDraft.get().draft).toEqual(view('draft-gen2'));
  });

  it('compares a generated config with the file as opened, for the same profile only', async () => {
    await open();
    draftReplaced(profile, view('draft-gen3'));
    expect(masDraft.get()).toMatchObject({ savedPreview: view('draft-aaaa').preview, dirty: true });
    const other = profileView(idB);
    openProfile(other);
    draftReplaced(other, view('draft-gen4'));
    expect(masDraft.get()).toMatchObject({ profileId: idB, savedPreview: undefined, draft: view('draft-gen4') });
  });
});
