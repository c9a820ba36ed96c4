import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { saveSynapseSection } from '../../store/config-actions';
import { profileSources } from '../../store/profile-sources';
import type { SavedFile } from '../configuration/SaveDraftButton';
import { SavedNotice } from '../configuration/SavedNotice';

/** What the section looks like; its secret is written by main and never shown here. */
const sectionShape = `matrix_authentication_service:
  enabled: true
  endpoint: <MAS public URL (http.public_base)>
  secret: <MAS matrix.secret, written by the app>`;

const folderOf = (path: string) => path.replace(/\/[^/]*$/, '') || '.';

/** Writes the homeserver's matrix_authentication_service section (SPEC §9) next to its config, keeping a backup of a file it replaces. */
export function HomeserverSectionStep({ profile }: { profile: ProfileView }) {
  const { synapsePaths } = profileSources(profile);
  const [path, setPath] = useState(`${folderOf(synapsePaths[0] ?? '.')}/mas-integration.yaml`);
  const [confirm, setConfirm] = useState(false);
  const [saved, setSaved] = useState<SavedFile>();
  return (
    <div className="stack">
      <pre className="snippet">{sectionShape}</pre>
      <p className="small muted">
        Load it as an extra config file (synapse … -c homeserver.yaml -c {path.split('/').pop()}) or paste it into homeserver.yaml. It needs
        Synapse 1.136.0 or later.
      </p>
      <div className="row bottom">
        <div className="grow">
          <TextField label="Write the section to" value={path} onChange={setPath} spellCheck={false} />
        </div>
        <Button onClick={() => setConfirm(true)} disabled={!path.trim()}>
          Write the section…
        </Button>
      </div>
      <SavedNotice saved={saved} />
      <ConfirmDialog
        open={confirm}
        title="Add the MAS section to the Synapse config"
        confirmLabel="Write it"
        onConfirm={async () => setSaved(await saveSynapseSection(profile, path))}
        onClose={() => setConfirm(false)}
      >
        <p>
          Writes <code>{path}</code> on the Synapse side (
          {profile.synapse.configFiles.location === 'ssh' ? 'on the server, over SSH' : 'on this computer'}) with the MAS config's{' '}
          <code>matrix.secret</code> and public URL, readable by its owner only. A file already there is kept as a timestamped backup.
        </p>
      </ConfirmDialog>
    </div>
  );
}
