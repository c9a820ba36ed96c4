import { useState } from 'react';
import type { Side } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useAction } from '../../hooks/useAction';
import { useProfileConfigs } from '../../store/config-actions';
import { browseServer } from '../../store/connection-actions';
import { saveProfile, trustHostKey } from '../../store/profile-actions';
import { goTo } from '../../store/session';
import { useOpenProfile } from '../../store/useOpenProfile';
import { cleanSettings, draftOf, type ProfileDraft, secretBinding, typedSecrets, withSide } from '../../store/profile-draft';
import { FileBrowserDialog } from './FileBrowserDialog';
import type { PresentedHostKey } from '../../../../src-shared/contract/connections';
import { HostKeyDialog } from './HostKeyDialog';
import { SidePanel } from './SidePanel';
import { useConnectionTest } from './useConnectionTest';

export function ConnectionsScreen() {
  const profile = useOpenProfile();
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(profile));
  const [dirty, setDirty] = useState(false);
  const [browsing, setBrowsing] = useState<{ side: Side; index: number }>();
  const tests = { synapse: useConnectionTest('synapse'), mas: useConnectionTest('mas') };
  // Read again whenever the saved profile changes; a failure is the connection test's to explain.
  const configs = useProfileConfigs(profile);
  const readBy = (name: Side) => {
    const view = dirty ? undefined : configs.data?.[name];
    return view ? { files: view.files, warnings: view.warnings } : undefined;
  };
  const update = (next: ProfileDraft) => {
    setDraft(next);
    setDirty(true);
  };

  const save = useAction(async () => {
    const saved = await saveProfile(profile.id, cleanSettings(draft.settings), typedSecrets(draft));
    setDraft({ ...draftOf(saved), settings: draft.settings });
    setDirty(false);
    return saved;
  });

  /** Main connects with the saved profile, so unsaved changes are saved before testing or browsing. */
  async function saved(): Promise<boolean> {
    return !dirty || (await save.run()) !== undefined;
  }

  async function test(side: Side) {
    if (await saved()) await tests[side].run(profile.id);
  }

  async function trust(side: Side, key: PresentedHostKey) {
    await trustHostKey(profile, key);
    tests[side].clearHostKey();
    await tests[side].run(profile.id);
  }

  const side = (name: Side) => (
    <SidePanel
      side={name}
      settings={draft.settings[name]}
      onChange={(s) => update(withSide(draft, name, s))}
      secret={(slot) => secretBinding(draft, profile, slot, update)}
      onBrowse={(index) => void saved().then((ok) => ok && setBrowsing({ side: name, index }))}
      onTest={() => void test(name)}
      testing={tests[name].testing}
      steps={tests[name].steps}
      testError={tests[name].error}
      read={readBy(name)}
    />
  );

  function pickPath(path: string) {
    if (!browsing) return;
    const files = draft.settings[browsing.side].configFiles;
    const paths = files.paths.length ? [...files.paths] : [''];
    paths[browsing.index] = path;
    update(withSide(draft, browsing.side, { ...draft.settings[browsing.side], configFiles: { ...files, paths } }));
    setBrowsing(undefined);
  }

  const pendingKey = (['synapse', 'mas'] as const).find((s) => tests[s].hostKey);
  return (
    <div className="screen">
      <ScreenHeader
        title="Connections"
        summary="Where each side's config and database are, directly or over SSH. Test each side: every hop is checked in turn."
        actions={
          <>
            <Button variant="primary" onClick={() => void save.run()} busy={save.busy} disabled={!dirty}>
              {dirty ? 'Save changes' : 'Saved'}
            </Button>
            <Button onClick={() => goTo('configuration')} disabled={dirty}>
              Next: configuration
            </Button>
          </>
        }
      />
      <ErrorNotice error={save.error} />
      {side('synapse')}
      {side('mas')}
      <Panel title="Passwords">
        <CheckboxField
          label="Remember passwords in this profile"
          hint="Stored encrypted. Off: they are asked again after the app restarts."
          checked={draft.settings.rememberPasswords ?? true}
          onChange={(rememberPasswords) => update({ ...draft, settings: { ...draft.settings, rememberPasswords } })}
        />
      </Panel>
      <HostKeyDialog
        hostKey={pendingKey ? tests[pendingKey].hostKey : undefined}
        onTrust={(key) => trust(pendingKey!, key)}
        onClose={() => pendingKey && tests[pendingKey].clearHostKey()}
      />
      {browsing ? (
        <FileBrowserDialog
          open
          title={`Choose the ${browsing.side === 'synapse' ? 'Synapse' : 'MAS'} config file on the server`}
          start={draft.settings[browsing.side].configFiles.paths[browsing.index] || '/etc'}
          list={(folder) => browseServer(profile.id, browsing.side, folder)}
          onPick={pickPath}
          {...(browsing.side === 'synapse' ? { onPickFolder: pickPath } : {})}
          onClose={() => setBrowsing(undefined)}
        />
      ) : null}
    </div>
  );
}
