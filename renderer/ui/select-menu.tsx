import { DropdownMenu } from 'radix-ui';
import { Check, ChevronDown } from 'lucide-react';
import { useId } from 'react';

/** One choice of a select menu. */
export interface SelectChoice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly disabled?: boolean;
  /** The language of the label when it is not the window's (language names in their own language). */
  readonly lang?: string;
}

/**
 * A select: a button naming the current choice that opens a menu of radio items (Radix DropdownMenu, non-modal, so
 * no scroll lock is injected as an inline style the page's CSP would refuse). Keyboard: Enter/Space/↓ opens, arrows
 * move, typing jumps, Escape closes.
 */
export function SelectMenu<T extends string>({
  value,
  choices,
  onChange,
  label,
  testId,
  id,
  disabled,
  placeholder,
}: {
  value: T | '';
  choices: readonly SelectChoice<T>[];
  onChange: (value: T) => void;
  /** The accessible name, when no visible label points at the trigger's id. */
  label?: string;
  testId?: string;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
}) {
  const current = choices.find((choice) => choice.value === value);
  const own = useId();
  // Named by its label and what it shows ("Sort Newest"), so the visible text is part of the accessible name.
  const labelledBy = label ? `${own}-label ${own}-value` : undefined;
  return (
    <DropdownMenu.Root modal={false}>
      {label && (
        <span id={`${own}-label`} className="visually-hidden">
          {label}
        </span>
      )}
      <DropdownMenu.Trigger asChild disabled={disabled}>
        <button type="button" className="select-trigger" id={id} data-testid={testId} aria-labelledby={labelledBy}>
          <span className="truncate" id={`${own}-value`} lang={current?.lang}>
            {current?.label ?? placeholder ?? ''}
          </span>
          <ChevronDown size={14} aria-hidden="true" />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu-content" align="start" sideOffset={4} collisionPadding={8}>
          <DropdownMenu.RadioGroup value={value} onValueChange={(next) => onChange(next as T)}>
            {choices.map((choice) => (
              <DropdownMenu.RadioItem
                key={choice.value}
                value={choice.value}
                disabled={choice.disabled}
                className="menu-item"
                lang={choice.lang}
                data-testid={testId ? `${testId}-option-${choice.value}` : undefined}
              >
                <DropdownMenu.ItemIndicator className="menu-item-indicator">
                  <Check size={14} aria-hidden="true" />
                </DropdownMenu.ItemIndicator>
                {choice.label}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
