import { useShellStore } from './shell-store';
import { shellSelectors } from './shell-selectors';
import { VIEWS } from './views';

/** The main area: the current view's heading and content. */
export function ViewPanel() {
  const view = useShellStore(shellSelectors.view);
  const descriptor = VIEWS.find((item) => item.id === view) ?? VIEWS[0];
  if (!descriptor) return null;

  return (
    <main className="view-panel" data-testid={`view-${descriptor.id}`} aria-labelledby="view-title">
      <header className="view-header">
        <h1 id="view-title">{descriptor.label}</h1>
      </header>
      <section className="empty-state">
        <p>{descriptor.summary}</p>
      </section>
    </main>
  );
}
