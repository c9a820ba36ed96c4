import { useState } from 'react';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export interface RealRunDialogProps {
  open: boolean;
  serverName: string;
  /** Other sessions the checks saw on Synapse's database (SPEC §2 synapse-connections), as the checks named them. */
  synapseSessions: readonly string[];
  onConfirm: (choices: { allowSynapseConnections: boolean; verify: boolean }) => void;
  onClose: () => void;
}

/** The real run needs downtime and is hard to undo: the admin confirms each precondition and types the server name. */
export function RealRunDialog({ open, serverName, synapseSessions, onConfirm, onClose }: RealRunDialogProps) {
  const [stopped, setStopped] = useState(false);
  const [backup, setBackup] = useState(false);
  const [masDown, setMasDown] = useState(false);
  const [notSynapse, setNotSynapse] = useState(false);
  const [verify, setVerify] = useState(false);
  const sessions = synapseSessions.length > 0;
  function close() {
    setStopped(false);
    setBackup(false);
    setMasDown(false);
    setNotSynapse(false);
    setVerify(false);
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      title="Start the real migration"
      confirmLabel="Migrate now"
      danger
      typeToConfirm={serverName}
      ready={stopped && backup && masDown && (!sessions || notSynapse)}
      onConfirm={() => onConfirm({ allowSynapseConnections: sessions && notSynapse, verify })}
      onClose={close}
    >
      <p>This writes every account into MAS. Users keep their sessions; Synapse is never written to.</p>
      <CheckboxField
        label="Synapse is stopped"
        hint="The migration locks Synapse's tables and stops if Synapse still holds them."
        checked={stopped}
        onChange={setStopped}
      />
      <CheckboxField label="I have a backup of the Synapse database and its config" checked={backup} onChange={setBackup} />
      <CheckboxField
        label="MAS is configured but not running"
        hint="MAS must not start until the migration has finished."
        checked={masDown}
        onChange={setMasDown}
      />
      <CheckboxField
        label="Verify MAS once the migration commits"
        hint="Compares every row with Synapse right after the commit, before MAS starts, which makes the run take longer. The migration is kept either way; the Report shows what differs."
        checked={verify}
        onChange={setVerify}
      />
      {sessions ? (
        <>
          <p>
            The checks saw other sessions on Synapse's database. A real run refuses to start while they are connected, unless you say they
            are not Synapse:
          </p>
          <ul className="list-plain small">
            {synapseSessions.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <CheckboxField
            label="These sessions are not Synapse or its workers: migrate while they are connected"
            hint="If they are Synapse, stop it and its workers instead, then run the checks again."
            checked={notSynapse}
            onChange={setNotSynapse}
          />
        </>
      ) : null}
    </ConfirmDialog>
  );
}
