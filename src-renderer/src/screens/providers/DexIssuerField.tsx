import { TextField } from '../../components/TextField';
import type { BridgeInputs } from '../../store/bridge-actions';

export interface DexIssuerFieldProps {
  label: string;
  hint: string;
  inputs: BridgeInputs;
  onChange: (change: Partial<BridgeInputs>) => void;
}

/** Dex's public URL: one value for both cards, since one Dex serves the directory and SAML. */
export function DexIssuerField({ label, hint, inputs, onChange }: DexIssuerFieldProps) {
  return (
    <TextField
      label={label}
      value={inputs.dexIssuer}
      onChange={(dexIssuer) => onChange({ dexIssuer })}
      placeholder="https://dex.example.org/dex"
      hint={hint}
      spellCheck={false}
    />
  );
}
