import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'danger-solid' | 'ghost';
  size?: 'normal' | 'small';
  /**
   * Shows a spinner and ignores presses while an action runs. The button stays
   * focusable (aria-disabled, not disabled), so the keyboard's place is not
   * lost while it runs.
   */
  busy?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'normal',
  busy = false,
  className,
  children,
  disabled,
  type = 'button',
  onClick,
  ...rest
}: ButtonProps) {
  const classes = ['button', variant === 'danger-solid' ? 'danger solid' : variant, size === 'small' ? 'small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type={type}
      className={classes}
      disabled={disabled}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      // A submit button's click is also how Enter in a field submits its form: preventing it stops both.
      onClick={busy ? (event) => event.preventDefault() : onClick}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
