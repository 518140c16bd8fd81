import { buttonActions, type ActionList } from '../lib/ui-actions';

/** A thing's actions as a row of buttons: the same list its context menu shows. */
export function ActionButtons({ actions }: { readonly actions: ActionList }) {
  return (
    <div className="button-row">
      {buttonActions(actions).map((action) => (
        <button
          key={action.id}
          type="button"
          className={action.tone}
          data-testid={action.testId}
          disabled={action.enabled === false}
          onClick={() => void action.run()}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
