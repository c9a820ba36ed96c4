import { type ReactNode, useState } from 'react';
import { CheckboxField } from '../../components/CheckboxField';
import { Panel } from '../../components/Panel';

export interface NextStep {
  id: string;
  title: string;
  body?: ReactNode;
}

/** The remaining manual steps, in order, each ticked off by the admin. */
export function NextSteps({ steps }: { steps: readonly NextStep[] }) {
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, yes: boolean) =>
    setDone((d) => {
      const next = new Set(d);
      if (yes) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Panel title={`Next steps (${done.size} of ${steps.length} done)`}>
      <ol className="checklist">
        {steps.map((step, index) => (
          <li key={step.id}>
            <div className="item-body">
              <CheckboxField label={`${index + 1}. ${step.title}`} checked={done.has(step.id)} onChange={(yes) => toggle(step.id, yes)} />
              {step.body}
            </div>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
