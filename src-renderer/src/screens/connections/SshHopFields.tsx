import type { SshAuthMethod, SshHop } from '../../../../src-shared/domain/profile';
import { SecretField } from '../../components/SecretField';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';

export interface SshHopFieldsProps {
  hop: SshHop;
  onChange: (hop: SshHop) => void;
  password: { isSet: boolean; value: string; onChange: (v: string) => void };
  passphrase: { isSet: boolean; value: string; onChange: (v: string) => void };
  /** "SSH server" or "Jump host": prefixes every label so each control has its own name. */
  title: string;
}

const authOptions = [
  { value: 'key', label: 'Private key' },
  { value: 'password', label: 'Password' },
  { value: 'agent', label: 'SSH agent' },
] as const satisfies readonly { value: SshAuthMethod; label: string }[];

const portOf = (text: string) => (text.trim() === '' ? undefined : Number(text));
const textOrUndefined = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** One SSH server: where, who, and how to authenticate. Blank port and user come from ~/.ssh/config. */
export function SshHopFields({ hop, onChange, password, passphrase, title }: SshHopFieldsProps) {
  const set = (patch: Partial<SshHop>) => onChange({ ...hop, ...patch });
  return (
    <div className="fields">
      <TextField
        label={`${title} host`}
        value={hop.host}
        onChange={(host) => set({ host })}
        placeholder="matrix.example.org"
        hint="A host name, an IP or a Host alias of ~/.ssh/config"
        spellCheck={false}
      />
      <TextField
        label={`${title} port`}
        value={hop.port?.toString() ?? ''}
        onChange={(v) => set({ port: portOf(v) })}
        inputMode="numeric"
        placeholder="22"
      />
      <TextField
        label={`${title} user`}
        value={hop.user ?? ''}
        onChange={(v) => set({ user: textOrUndefined(v) })}
        placeholder="from ~/.ssh/config"
        spellCheck={false}
      />
      <SelectField label={`${title} authentication`} value={hop.auth} options={authOptions} onChange={(auth) => set({ auth })} />
      {hop.auth === 'password' ? <SecretField label={`${title} password`} {...password} /> : null}
      {hop.auth === 'key' ? (
        <>
          <TextField
            label={`${title} key file`}
            value={hop.keyFile ?? ''}
            onChange={(v) => set({ keyFile: textOrUndefined(v) })}
            placeholder="~/.ssh/id_ed25519"
            hint="Blank: IdentityFile of ~/.ssh/config"
            spellCheck={false}
          />
          <SecretField label={`${title} key passphrase`} hint="Only if the key is encrypted" {...passphrase} />
        </>
      ) : null}
    </div>
  );
}
