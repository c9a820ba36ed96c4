import type { SecretSlot, Side } from '../../../../src-shared/domain/profile';
import type { ConfigFilesFieldsProps } from './ConfigFilesFields';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { type StepItem, StepList } from '../../components/StepList';
import { ConfigFilesFields } from './ConfigFilesFields';
import { DatabaseFields } from './DatabaseFields';
import type { SideSettings } from '../../store/profile-draft';
import { SshRouteFields } from './SshRouteFields';

export interface SidePanelProps {
  side: Side;
  settings: SideSettings;
  onChange: (settings: SideSettings) => void;
  secret: (slot: SecretSlot) => { isSet: boolean; value: string; onChange: (v: string) => void };
  onBrowse: (index: number) => void;
  onTest: () => void;
  testing: boolean;
  steps: readonly StepItem[];
  testError: unknown;
  /** The files the saved config paths gave, as main last read them. */
  read?: ConfigFilesFieldsProps['read'];
}

const names: Record<Side, { name: string; placeholder: string; hint?: string }> = {
  synapse: { name: 'Synapse', placeholder: '/etc/matrix-synapse/homeserver.yaml' },
  mas: {
    name: 'MAS',
    placeholder: '/etc/mas/config.yaml',
    hint: 'No MAS config yet? Leave it empty: the Configuration screen generates one and saves it where you choose.',
  },
};

/** One side of the migration: its config files, how to reach its server and database, and a test of each hop. */
export function SidePanel({ side, settings, onChange, secret, onBrowse, onTest, testing, steps, testError, read }: SidePanelProps) {
  const { name, placeholder, hint } = names[side];
  return (
    <Panel
      title={name}
      actions={
        <Button onClick={onTest} busy={testing}>
          {/* The visible words are part of the name, so speech input finds the button by what it shows. */}
          Test <span className="visually-hidden">the {name} </span>connection
        </Button>
      }
    >
      <div className="subsection">
        <ConfigFilesFields
          sideName={name}
          files={settings.configFiles}
          onChange={(configFiles) => onChange({ ...settings, configFiles })}
          onBrowse={onBrowse}
          placeholder={placeholder}
          hint={hint}
          folders={side === 'synapse'}
          read={read}
        />
      </div>
      <div className="subsection">
        <SshRouteFields
          side={side}
          sideName={name}
          route={settings.ssh}
          onChange={(ssh) => onChange(ssh ? { ...settings, ssh } : withoutSsh(settings))}
          secret={secret}
        />
      </div>
      <div className="subsection">
        <DatabaseFields
          sideName={name}
          database={settings.database}
          onChange={(database) => onChange({ ...settings, database })}
          password={secret(`${side}.database.password`)}
          tunnelled={settings.ssh !== undefined}
        />
      </div>
      {steps.length ? <StepList label={`${name} connection test`} steps={steps} /> : null}
      <ErrorNotice error={testError} />
    </Panel>
  );
}

function withoutSsh(settings: SideSettings): SideSettings {
  const { ssh: _ssh, ...rest } = settings;
  return { ...rest, configFiles: { ...rest.configFiles, location: 'local' } };
}
