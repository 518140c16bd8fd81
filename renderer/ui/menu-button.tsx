import { DropdownMenu } from 'radix-ui';
import { ChevronDown, type LucideIcon } from 'lucide-react';

/** One command of a menu button. */
export interface MenuCommand {
  readonly id: string;
  readonly label: string;
  readonly run: () => void;
  readonly disabled?: boolean;
}

/**
 * A button that opens a short menu of commands (Radix DropdownMenu, non-modal like the select menus): for the less
 * frequent relatives of a main action ("More exports"). Keyboard: Enter/Space/↓ opens, arrows move, Escape closes.
 */
export function MenuButton({
  label,
  icon: Icon,
  commands,
  testId,
  disabled,
  className,
  iconOnly = false,
}: {
  label: string;
  icon?: LucideIcon;
  commands: readonly MenuCommand[];
  testId?: string;
  disabled?: boolean;
  className?: string;
  /** Only the chevron shows (the half of a split button); the label names it for assistive tech and the tooltip. */
  iconOnly?: boolean;
}) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild disabled={disabled}>
        <button
          type="button"
          className={[iconOnly ? 'icon-only' : '', className ?? ''].filter(Boolean).join(' ')}
          data-testid={testId}
          aria-label={iconOnly ? label : undefined}
          title={iconOnly ? label : undefined}
        >
          {Icon && !iconOnly && <Icon size={15} aria-hidden="true" />}
          {!iconOnly && label}
          <ChevronDown size={14} aria-hidden="true" />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu-content" align="end" sideOffset={4} collisionPadding={8}>
          {commands.map((command) => (
            <DropdownMenu.Item
              key={command.id}
              className="menu-item"
              disabled={command.disabled}
              data-testid={testId ? `${testId}-${command.id}` : undefined}
              onSelect={command.run}
            >
              {command.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
