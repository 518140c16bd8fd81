import type { LucideIcon } from 'lucide-react';
import { Tip } from './tip';

/** A button that is only an icon: named by its tooltip and its accessible name, which are the same words. */
export function IconButton({
  icon: Icon,
  label,
  onClick,
  testId,
  small = true,
  className,
  disabled,
  pressed,
}: {
  icon: LucideIcon;
  label: string;
  onClick: () => void;
  testId?: string;
  small?: boolean;
  className?: string;
  disabled?: boolean;
  /** For a toggle (a favourite star): whether it is on, said to assistive technology. */
  pressed?: boolean;
}) {
  return (
    <Tip content={label}>
      <button
        type="button"
        className={['ghost icon-only', small ? 'small' : '', className ?? ''].filter(Boolean).join(' ')}
        data-testid={testId}
        aria-label={label}
        disabled={disabled}
        aria-pressed={pressed}
        onClick={onClick}
      >
        <Icon size={small ? 14 : 15} aria-hidden="true" />
      </button>
    </Tip>
  );
}
