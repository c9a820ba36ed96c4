import type { ReactNode } from 'react';
import { Field } from './Field';

export interface Option<V extends string> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string> {
  label: string;
  value: V;
  options: readonly Option<V>[];
  onChange: (value: V) => void;
  hint?: ReactNode;
  disabled?: boolean;
  wide?: boolean;
}

export function SelectField<V extends string>({ label, value, options, onChange, hint, disabled, wide }: SelectFieldProps<V>) {
  return (
    <Field label={label} hint={hint} className={wide ? 'wide' : undefined}>
      {({ id, describedBy }) => (
        <select
          id={id}
          className="select"
          value={value}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
