import { TextField } from './TextField';

export interface SecretFieldProps {
  label: string;
  /** Whether main already holds a value (the renderer never sees it). */
  isSet: boolean;
  /** What the admin typed; empty keeps the stored value. */
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}

/** A write-only secret: typing replaces the stored value, leaving it empty keeps it. */
export function SecretField({ label, isSet, value, onChange, hint }: SecretFieldProps) {
  return (
    <TextField
      label={label}
      type="password"
      autoComplete="off"
      value={value}
      onChange={onChange}
      placeholder={isSet ? '•••••••• saved — type to replace' : 'not set'}
      hint={hint}
    />
  );
}
