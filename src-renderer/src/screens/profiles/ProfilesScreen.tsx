import { useRef, useState } from 'react';
import type { SandboxInfo } from '../../../../src-shared/contract/sandbox';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { downloadText } from '../../download';
import { useLoad } from '../../hooks/useLoad';
import { client } from '../../ipc/client';
import { screenMeta } from '../../screens';
import { useStore } from '../../store/create-store';
import { sandbox } from '../../store/sandbox';
import { openProfile, profileChanged, profileRemoved } from '../../store/session';
import { blankSettings } from '../connections/draft';
import { FirstLaunch } from './FirstLaunch';
import { NameDialog } from './NameDialog';
import { PassphraseDialog } from '../../components/PassphraseDialog';
import { type ProfileAction, ProfileTable } from './ProfileTable';
import { SandboxPanel } from './SandboxPanel';

type Pending = { action: ProfileAction | 'new'; profile?: ProfileView } | { action: 'import'; content: string; fileName: string };

export function ProfilesScreen() {
  const meta = screenMeta('profiles');
  const listing = useLoad(() => client().call('profiles.list', {}), []);
  const sandboxInfo = useStore(sandbox, (s) => s.info);
  const [pending, setPending] = useState<Pending>();
  const fileInput = useRef<HTMLInputElement>(null);
  const close = () => setPending(undefined);
  const profiles = listing.data?.profiles ?? [];
  const target = pending && 'profile' in pending ? pending.profile : undefined;

  function onAction(action: ProfileAction, profile: ProfileView) {
    if (action === 'open') openProfile(profile);
    else setPending({ action, profile });
  }

  async function create(name: string) {
    const profile = await client().call('profiles.create', { settings: blankSettings(name), secrets: {} });
    listing.reload();
    openProfile(profile);
  }

  async function rename(name: string) {
    const { id, synapse, mas, options, rememberPasswords } = target!;
    profileChanged(
      await client().call('profiles.update', { id, settings: { name, synapse, mas, options, rememberPasswords }, secrets: {} }),
    );
    listing.reload();
  }

  async function duplicate(name: string) {
    await client().call('profiles.duplicate', { id: target!.id, name });
    listing.reload();
  }

  async function remove() {
    await client().call('profiles.delete', { id: target!.id });
    profileRemoved(target!.id);
    listing.reload();
  }

  async function exportProfile(passphrase: string) {
    const result = await client().call('profiles.export', { id: target!.id, passphrase });
    downloadText(result.fileName, result.content, 'application/json');
  }

  async function importProfiles(passphrase: string) {
    if (pending?.action !== 'import' || !('content' in pending)) return;
    await client().call('profiles.import', { content: pending.content, passphrase });
    listing.reload();
  }

  async function pickImportFile(file: File | undefined) {
    if (!file) return;
    setPending({ action: 'import', content: await file.text(), fileName: file.name });
    if (fileInput.current) fileInput.current.value = '';
  }

  function onSandbox(info: SandboxInfo | null) {
    sandbox.set({ info });
    listing.reload();
    if (info)
      void client()
        .call('profiles.get', { id: info.profileId })
        .then((p) => openProfile(p));
  }

  const newButton = (
    <Button variant="primary" onClick={() => setPending({ action: 'new' })}>
      New profile
    </Button>
  );
  return (
    <div className="screen">
      <ScreenHeader
        title={meta.title}
        summary={meta.summary}
        actions={
          <>
            <Button onClick={() => fileInput.current?.click()}>Import…</Button>
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              aria-label="Profile export file to import"
              tabIndex={-1}
              onChange={(e) => void pickImportFile(e.target.files?.[0])}
            />
            {profiles.length ? newButton : null}
          </>
        }
      />
      <ErrorNotice error={listing.error} />
      {listing.data?.problems.map((p) => (
        <Notice key={p.file} tone="warning" title={`A profile file could not be read: ${p.file}`}>
          {p.message}
        </Notice>
      ))}
      {listing.data && profiles.length === 0 ? <FirstLaunch actions={newButton} /> : null}
      {profiles.length ? (
        <Panel title="Saved profiles" flush>
          <ProfileTable profiles={profiles} sandboxProfileId={sandboxInfo?.profileId} onAction={onAction} />
        </Panel>
      ) : null}
      <SandboxPanel sandbox={sandboxInfo} onChange={onSandbox} />

      <NameDialog open={pending?.action === 'new'} title="New profile" confirmLabel="Create" initial="" onSubmit={create} onClose={close} />
      <NameDialog
        open={pending?.action === 'rename'}
        title="Rename profile"
        confirmLabel="Rename"
        initial={target?.name ?? ''}
        onSubmit={rename}
        onClose={close}
      />
      <NameDialog
        open={pending?.action === 'duplicate'}
        title="Duplicate profile"
        confirmLabel="Duplicate"
        initial={target ? `${target.name} (copy)` : ''}
        onSubmit={duplicate}
        onClose={close}
      />
      <ConfirmDialog
        open={pending?.action === 'delete'}
        title="Delete profile"
        confirmLabel="Delete"
        danger
        onConfirm={remove}
        onClose={close}
      >
        <p>
          Delete <strong>{target?.name}</strong> and its stored passwords? The servers and their configs are not touched.
        </p>
      </ConfirmDialog>
      <PassphraseDialog
        open={pending?.action === 'export'}
        title={`Export ${target?.name ?? ''}`}
        explanation="The export file holds the profile and its passwords, encrypted with this passphrase. You need it to import the file."
        confirmLabel="Export"
        repeat
        onSubmit={exportProfile}
        onClose={close}
      />
      <PassphraseDialog
        open={pending?.action === 'import'}
        title={`Import ${pending && 'fileName' in pending ? pending.fileName : ''}`}
        explanation="Type the passphrase chosen when the profile was exported."
        confirmLabel="Import"
        repeat={false}
        onSubmit={importProfiles}
        onClose={close}
      />
    </div>
  );
}
