import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from './Field';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  wide?: boolean;
}

export function TextField({ label, value, onChange, hint, error, wide, className, ...rest }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={wide ? 'wide' : className}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="input"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
          {...rest}
        />
      )}
    </Field>
  );
}
