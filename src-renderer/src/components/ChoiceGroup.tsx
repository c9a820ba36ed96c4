import { useId } from 'react';
import type { Option } from './SelectField';

export interface ChoiceGroupProps<V extends string> {
  legend: string;
  value: V;
  options: readonly Option<V>[];
  onChange: (value: V) => void;
}

/** A small set of exclusive choices shown as a segmented control (radio buttons underneath, so arrow keys work). */
export function ChoiceGroup<V extends string>({ legend, value, options, onChange }: ChoiceGroupProps<V>) {
  const name = useId();
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      <div className="segmented">
        {options.map((o) => (
          <label key={o.value}>
            <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
