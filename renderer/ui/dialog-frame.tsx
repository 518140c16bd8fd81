import { X, type LucideIcon } from 'lucide-react';
import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { IconButton } from './icon-button';

/**
 * A modal dialog in the window's frame: the window dimmed behind it, a titled head with an icon and a close button,
 * Escape closing it (and any other key the dialog wants through `onKey`).
 */
export function DialogFrame({
  className,
  testId,
  icon: Icon,
  title,
  closeLabel,
  closeTestId,
  onClose,
  onKey,
  children,
}: {
  className: string;
  testId: string;
  icon: LucideIcon;
  title: string;
  closeLabel: string;
  closeTestId?: string;
  onClose: () => void;
  onKey?: (event: KeyboardEvent<HTMLElement>) => void;
  children: ReactNode;
}) {
  const id = useId();
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') onClose();
    else onKey?.(event);
  };
  return (
    <div className="dialog-backdrop">
      <section
        className={className}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-head">
          <h2 id={`${id}-title`}>
            <Icon size={18} aria-hidden="true" />
            {title}
          </h2>
          <IconButton icon={X} small={false} label={closeLabel} testId={closeTestId} onClick={onClose} />
        </header>
        {children}
      </section>
    </div>
  );
}
