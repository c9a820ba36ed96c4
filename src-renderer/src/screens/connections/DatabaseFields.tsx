import type { DatabaseSettings, DatabaseTls, TlsMode } from '../../../../src-shared/domain/profile';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { SecretField } from '../../components/SecretField';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import type { SideSettings } from '../../store/profile-draft';

type DatabaseInput = SideSettings['database'];

export interface DatabaseFieldsProps {
  sideName: string;
  database: DatabaseInput;
  onChange: (database: DatabaseInput) => void;
  password: { isSet: boolean; value: string; onChange: (v: string) => void };
  /** The side is reached over SSH: the host is as the SSH server sees it. */
  tunnelled: boolean;
}

const sources = [
  { value: 'config', label: 'From the config' },
  { value: 'fields', label: 'Host and name' },
  { value: 'uri', label: 'Connection URI' },
] as const;

const tlsModes = [
  { value: 'default', label: 'As the config says' },
  { value: 'disable', label: 'Off' },
  { value: 'prefer', label: 'Prefer (no verification)' },
  { value: 'require', label: 'Require (no verification)' },
  { value: 'verify-ca', label: 'Verify the CA' },
  { value: 'verify-full', label: 'Verify the CA and host name' },
] as const satisfies readonly { value: TlsMode | 'default'; label: string }[];

/** The TLS settings with one file set, or left out when the field is emptied. */
function withFile(tls: DatabaseTls, key: 'caFile' | 'certFile' | 'keyFile', value: string): DatabaseTls {
  const { [key]: _old, ...rest } = tls;
  return value ? { ...rest, [key]: value } : rest;
}

/** Where the side's database is: as its config says, or given here; with TLS and the password. */
export function DatabaseFields({ sideName, database, onChange, password, tunnelled }: DatabaseFieldsProps) {
  const tls = database.tls;
  const setTls = (next: DatabaseTls | undefined) => onChange({ ...database, tls: next });
  const setSource = (source: DatabaseSettings['source']) => {
    if (source === 'config') onChange({ source, ...(tls ? { tls } : {}) });
    if (source === 'fields')
      onChange({ source, host: tunnelled ? '127.0.0.1' : '', port: 5432, database: '', user: '', ...(tls ? { tls } : {}) });
    if (source === 'uri') onChange({ source, uri: 'postgresql://', ...(tls ? { tls } : {}) });
  };
  return (
    <div className="stack">
      <ChoiceGroup legend={`${sideName} database`} value={database.source} options={sources} onChange={setSource} />
      {database.source === 'config' ? (
        <p className="small muted">
          The database section of the {sideName} config is used{tunnelled ? ', reached through the SSH server' : ''}.
        </p>
      ) : null}
      {database.source === 'fields' ? (
        <div className="fields">
          <TextField
            label={`${sideName} database host`}
            value={database.host}
            onChange={(host) => onChange({ ...database, host })}
            hint={tunnelled ? 'As the SSH server sees it' : 'Host, IP or socket folder'}
            spellCheck={false}
          />
          <TextField
            label={`${sideName} database port`}
            value={String(database.port ?? 5432)}
            onChange={(v) => onChange({ ...database, port: Number(v) || 5432 })}
            inputMode="numeric"
          />
          <TextField
            label={`${sideName} database name`}
            value={database.database}
            onChange={(name) => onChange({ ...database, database: name })}
            spellCheck={false}
          />
          <TextField
            label={`${sideName} database user`}
            value={database.user}
            onChange={(user) => onChange({ ...database, user })}
            spellCheck={false}
          />
        </div>
      ) : null}
      {database.source === 'uri' ? (
        <TextField
          label={`${sideName} database URI`}
          value={database.uri}
          onChange={(uri) => onChange({ ...database, uri })}
          hint="postgresql://user@host:5432/name — the password goes in its own field"
          spellCheck={false}
        />
      ) : null}
      <div className="fields">
        {database.source !== 'config' ? <SecretField label={`${sideName} database password`} {...password} /> : null}
        <SelectField
          label={`${sideName} database TLS`}
          value={tls?.mode ?? 'default'}
          options={tlsModes}
          onChange={(mode) => setTls(mode === 'default' ? undefined : { ...tls, mode })}
        />
        {tls?.mode === 'verify-ca' || tls?.mode === 'verify-full' ? (
          <TextField
            label={`${sideName} database CA file`}
            value={tls.caFile ?? ''}
            onChange={(caFile) => setTls(withFile(tls, 'caFile', caFile))}
            placeholder="system CAs"
            hint="PEM file on this computer"
            spellCheck={false}
          />
        ) : null}
        {tls && tls.mode !== 'disable' ? (
          <>
            <TextField
              label={`${sideName} database client certificate`}
              value={tls.certFile ?? ''}
              onChange={(certFile) => setTls(withFile(tls, 'certFile', certFile))}
              placeholder="none"
              hint="For servers that ask for one (PEM file on this computer)"
              spellCheck={false}
            />
            <TextField
              label={`${sideName} database client key`}
              value={tls.keyFile ?? ''}
              onChange={(keyFile) => setTls(withFile(tls, 'keyFile', keyFile))}
              placeholder="none"
              hint="The certificate's private key (PEM file, readable by you only)"
              spellCheck={false}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}
