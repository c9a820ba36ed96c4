import { useRef, useState } from 'react';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { screenMeta } from '../../screens';
import { useStore } from '../../store/create-store';
import {
  createProfile,
  deleteProfile,
  duplicateProfile,
  exportProfile,
  importProfiles,
  renameProfile,
  sandboxChanged,
  useProfileList,
} from '../../store/profile-actions';
import { sandbox } from '../../store/sandbox';
import { openProfile } from '../../store/session';
import { FirstLaunch } from './FirstLaunch';
import { NameDialog } from './NameDialog';
import { PassphraseDialog } from '../../components/PassphraseDialog';
import { type ProfileAction, ProfileTable } from './ProfileTable';
import { SandboxPanel } from './SandboxPanel';

type Pending = { action: ProfileAction | 'new'; profile?: ProfileView } | { action: 'import'; content: string; fileName: string };

export function ProfilesScreen() {
  const meta = screenMeta('profiles');
  const listing = useProfileList();
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

  async function pickImportFile(file: File | undefined) {
    if (!file) return;
    setPending({ action: 'import', content: await file.text(), fileName: file.name });
    if (fileInput.current) fileInput.current.value = '';
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
      <SandboxPanel sandbox={sandboxInfo} onChange={(info) => void sandboxChanged(info)} />

      <NameDialog
        open={pending?.action === 'new'}
        title="New profile"
        confirmLabel="Create"
        initial=""
        onSubmit={createProfile}
        onClose={close}
      />
      <NameDialog
        open={pending?.action === 'rename'}
        title="Rename profile"
        confirmLabel="Rename"
        initial={target?.name ?? ''}
        onSubmit={(name) => renameProfile(target!, name)}
        onClose={close}
      />
      <NameDialog
        open={pending?.action === 'duplicate'}
        title="Duplicate profile"
        confirmLabel="Duplicate"
        initial={target ? `${target.name} (copy)` : ''}
        onSubmit={(name) => duplicateProfile(target!, name)}
        onClose={close}
      />
      <ConfirmDialog
        open={pending?.action === 'delete'}
        title="Delete profile"
        confirmLabel="Delete"
        danger
        onConfirm={() => deleteProfile(target!)}
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
        onSubmit={(passphrase) => exportProfile(target!, passphrase)}
        onClose={close}
      />
      <PassphraseDialog
        open={pending?.action === 'import'}
        title={`Import ${pending && 'fileName' in pending ? pending.fileName : ''}`}
        explanation="Type the passphrase chosen when the profile was exported."
        confirmLabel="Import"
        repeat={false}
        onSubmit={(passphrase) => importProfiles(pending && 'content' in pending ? pending.content : '', passphrase)}
        onClose={close}
      />
    </div>
  );
}
