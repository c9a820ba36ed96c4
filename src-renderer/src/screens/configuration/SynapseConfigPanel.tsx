import { useState } from 'react';
import type { SynapseConfigView } from '../../../../src-shared/contract/config';
import { CodeEditor } from '../../components/CodeEditor';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';

const secret = (set: boolean) => (set ? 'set (hidden)' : 'not set');
const yesNo = (on: boolean) => (on ? 'on' : 'off');

/** What the app read from homeserver.yaml, read-only; secrets only as set or not. */
export function SynapseConfigPanel({ view }: { view: SynapseConfigView }) {
  const db = view.database;
  const [showYaml, setShowYaml] = useState(false);
  return (
    <Panel title="Synapse config" actions={<StatusBadge tone="neutral">Read-only</StatusBadge>}>
      <dl className="kv" data-testid="synapse-config">
        <dt>Files</dt>
        <dd>
          {view.files.map((f) => (
            <code key={f} className="block">
              {f}
            </code>
          ))}
        </dd>
        <dt>Server name</dt>
        <dd>
          <strong>{view.serverName}</strong>
        </dd>
        <dt>Public base URL</dt>
        <dd>{view.publicBaseurl ?? 'not set'}</dd>
        <dt>Database</dt>
        <dd>
          {view.databaseDriver}
          {db
            ? ` — ${db.user ?? '?'}@${db.host ?? 'local socket'}${db.port ? `:${db.port}` : ''}/${db.database ?? '?'}, password ${secret(db.password.set)}`
            : ''}
        </dd>
        <dt>Local passwords</dt>
        <dd>
          {yesNo(view.passwords.enabled)}, local database {yesNo(view.passwords.localdb)}, pepper {secret(view.passwords.pepper.set)}
        </dd>
        <dt>Registration</dt>
        <dd>
          {yesNo(view.registration.enabled)}
          {view.registration.captcha ? ', with captcha' : ''}
        </dd>
        <dt>Identity providers</dt>
        <dd>{view.providers.length ? view.providers.map((p) => `${p.name ?? p.internalId} (${p.internalId})`).join(', ') : 'none'}</dd>
        {view.secretFiles.length ? (
          <>
            <dt>Secret files</dt>
            <dd>
              {view.secretFiles.map((s) => (
                <div key={s.key}>
                  <code>{s.key}</code>: {s.file} — {s.status === 'read' ? 'read' : 'on the server, not readable from here'}
                </div>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {/* The editor is only built when opened: one CodeMirror on the screen unless the admin asks for two. */}
      <details className="synapse-yaml" onToggle={(e) => setShowYaml(e.currentTarget.open)}>
        <summary>The whole config as read (secrets masked)</summary>
        {showYaml ? <CodeEditor label="Synapse config, read-only" value={view.maskedYaml} readOnly /> : null}
      </details>
    </Panel>
  );
}
