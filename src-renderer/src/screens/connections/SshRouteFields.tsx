import type { SecretSlot, Side } from '../../../../src-shared/domain/profile';
import { CheckboxField } from '../../components/CheckboxField';
import type { SideSettings } from '../../store/profile-draft';
import { SshHopFields } from './SshHopFields';

type SshRoute = NonNullable<SideSettings['ssh']>;

type SecretBinding = { isSet: boolean; value: string; onChange: (v: string) => void };

export interface SshRouteFieldsProps {
  side: Side;
  sideName: string;
  route: SshRoute | undefined;
  onChange: (route: SshRoute | undefined) => void;
  secret: (slot: SecretSlot) => SecretBinding;
}

const newHop = { host: '', auth: 'key' as const };

/** The SSH way to the side's server: off, direct, or through a jump host. */
export function SshRouteFields({ side, sideName, route, onChange, secret }: SshRouteFieldsProps) {
  return (
    <div className="stack">
      <CheckboxField
        label={`Reach the ${sideName} server over SSH`}
        hint="For config files on the server and a database only it can reach (tunnelled)."
        checked={route !== undefined}
        onChange={(on) => onChange(on ? { ...newHop, useSshConfig: true } : undefined)}
      />
      {route ? (
        <>
          <SshHopFields
            title={`${sideName} SSH`}
            hop={route}
            onChange={(hop) => onChange({ ...route, ...hop })}
            password={secret(`${side}.ssh.password`)}
            passphrase={secret(`${side}.ssh.passphrase`)}
          />
          <CheckboxField
            label="Read ~/.ssh/config like OpenSSH"
            checked={route.useSshConfig ?? true}
            onChange={(useSshConfig) => onChange({ ...route, useSshConfig })}
          />
          <CheckboxField
            label="Go through a jump host (like ssh -J)"
            checked={route.jump !== undefined}
            onChange={(on) => {
              const { jump: _jump, ...rest } = route;
              onChange(on ? { ...rest, jump: { ...newHop } } : rest);
            }}
          />
          {route.jump ? (
            <SshHopFields
              title={`${sideName} jump`}
              hop={route.jump}
              onChange={(jump) => onChange({ ...route, jump })}
              password={secret(`${side}.jump.password`)}
              passphrase={secret(`${side}.jump.passphrase`)}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
