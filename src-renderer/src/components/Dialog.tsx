import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  /** Called when the form is submitted (Enter or the submit button); omit for an information dialog. */
  onSubmit?: () => void;
  footer: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

const focusable = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [href], [tabindex="0"]';

/**
 * A modal on the native <dialog>: the page behind is inert and Escape closes
 * it. Tab cycles inside it (the browser would move on to its own toolbar after
 * the last control), and focus returns to the control that opened it, also
 * when the dialog is unmounted rather than closed.
 */
export function Dialog({ open, title, onClose, onSubmit, footer, wide, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [open]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit?.();
  }

  function keepFocusInside(event: KeyboardEvent) {
    if (event.key !== 'Tab' || !ref.current) return;
    const controls = [...ref.current.querySelectorAll<HTMLElement>(focusable)];
    const [first, last] = [controls[0], controls.at(-1)];
    if (event.shiftKey && document.activeElement === first) last?.focus();
    else if (!event.shiftKey && document.activeElement === last) first?.focus();
    else return;
    event.preventDefault();
  }

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-labelledby={titleId}
      onKeyDown={keepFocusInside}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <form className="dialog-form" onSubmit={submit}>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
          </header>
          <div className="dialog-body">{children}</div>
          <footer className="dialog-footer">{footer}</footer>
        </form>
      ) : null}
    </dialog>
  );
}
