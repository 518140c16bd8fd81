import { Clapperboard, Film, ListVideo, PenLine, Settings, type LucideIcon } from 'lucide-react';
import type { View } from '../../../shared/models/app-info';
import { TERMINAL_PHASES } from '../../../shared/jobs/job-models';
import { useJobsStore } from '../queue';
import { useShellStore } from '../../lib/shell-store';
import { shellSelectors } from '../../lib/shell-selectors';
import { VIEWS } from '../../../shared/models/views';
import { useTranslator } from '../../i18n/use-translator';
import { Tip } from '../../ui/tip';

const ICONS: Readonly<Record<View, LucideIcon>> = {
  workbench: PenLine,
  queue: ListVideo,
  library: Clapperboard,
  boards: Film,
  settings: Settings,
};

function shortcutLabel(key: string, platform: string | undefined): string {
  return platform === 'darwin' ? `⌘${key}` : `Ctrl+${key}`;
}

/** The left-hand navigation between the frame's views; narrow windows keep only the icons (names in tooltips). */
export function NavSidebar() {
  const translate = useTranslator();
  const view = useShellStore(shellSelectors.view);
  const showView = useShellStore(shellSelectors.showView);
  const platform = useShellStore((state) => state.appInfo?.platform);
  const running = useJobsStore((state) => state.jobs.filter((job) => !TERMINAL_PHASES.has(job.phase)).length);

  return (
    <nav className="nav-sidebar" aria-label={translate.t('nav.main')}>
      <div className="brand" data-testid="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Reelbench</span>
      </div>
      <ul>
        {VIEWS.map((item) => {
          const Icon = ICONS[item.id];
          const label = translate.t(item.label);
          const shortcut = item.shortcut ? shortcutLabel(item.shortcut, platform) : null;
          return (
            <li key={item.id}>
              <Tip content={shortcut ? `${label} · ${shortcut}` : label}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={view === item.id ? 'page' : undefined}
                  data-testid={`nav-${item.id}`}
                  onClick={() => showView(item.id)}
                >
                  <Icon size={17} aria-hidden="true" />
                  <span className="nav-label">{label}</span>
                  {item.id === 'queue' && running > 0 && (
                    <span className="nav-count" data-testid="nav-running">
                      {translate.number(running)}
                    </span>
                  )}
                  {shortcut && <kbd className="nav-shortcut">{shortcut}</kbd>}
                </button>
              </Tip>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
