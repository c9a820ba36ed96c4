import { describeError } from '../ipc/describe-error';
import { Notice } from './Notice';

/** Shows a failed call as main reported it: what went wrong, and what to do. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const { message, hint } = describeError(error);
  return (
    <Notice tone="error" title={message}>
      {hint}
    </Notice>
  );
}
