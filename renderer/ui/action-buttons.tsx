import { buttonActions, type ActionList } from '../lib/ui-actions';
import { Tip } from './tip';

/**
 * A thing's actions as a row of buttons: the same list its context menu shows. `compact` draws small icon-only
 * buttons (named by tooltip and aria-label) for rows where labels would crowd the content.
 */
export function ActionButtons({
  actions,
  compact = false,
}: {
  readonly actions: ActionList;
  readonly compact?: boolean;
}) {
  return (
    <div className={compact ? 'button-row compact-actions' : 'button-row'}>
      {buttonActions(actions).map((action) => {
        const Icon = action.icon;
        const iconOnly = compact && Icon !== undefined;
        const button = (
          <button
            key={action.id}
            type="button"
            className={[action.tone, compact ? 'small ghost' : '', iconOnly ? 'icon-only' : '']
              .filter(Boolean)
              .join(' ')}
            data-testid={action.testId}
            aria-label={iconOnly ? action.label : undefined}
            disabled={action.enabled === false}
            onClick={() => void action.run()}
          >
            {Icon && <Icon size={compact ? 14 : 15} aria-hidden="true" />}
            {!iconOnly && action.label}
          </button>
        );
        return iconOnly ? (
          <Tip key={action.id} content={action.label}>
            {button}
          </Tip>
        ) : (
          button
        );
      })}
    </div>
  );
}
