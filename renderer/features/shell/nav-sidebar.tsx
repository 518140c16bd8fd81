import { useShellStore } from './shell-store';
import { shellSelectors } from './shell-selectors';
import { VIEWS } from './views';
import { useTranslator } from '../../i18n/use-translator';

function shortcutLabel(key: string, platform: string | undefined): string {
  return platform === 'darwin' ? `⌘${key}` : `Ctrl+${key}`;
}

/** The left-hand navigation between the frame's views. */
export function NavSidebar() {
  const translate = useTranslator();
  const view = useShellStore(shellSelectors.view);
  const showView = useShellStore(shellSelectors.showView);
  const platform = useShellStore((state) => state.appInfo?.platform);

  return (
    <nav className="nav-sidebar" aria-label={translate.t('nav.main')}>
      <div className="brand" data-testid="brand">
        <span className="brand-mark" aria-hidden="true" />
        Reelbench
      </div>
      <ul>
        {VIEWS.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={view === item.id ? 'page' : undefined}
              data-testid={`nav-${item.id}`}
              onClick={() => showView(item.id)}
            >
              <span>{translate.t(item.label)}</span>
              {item.shortcut && <kbd>{shortcutLabel(item.shortcut, platform)}</kbd>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
