import { Sparkles } from 'lucide-react';
import { useEffect, type KeyboardEvent } from 'react';
import { useOnline } from '../../lib/use-online';
import { DraftsPanel } from './drafts-panel';
import { DraftTools } from './draft-tools';
import { CostLine } from './cost-line';
import { GenerationControls } from './generation-controls';
import { ReferenceImage } from './reference-image';
import { DraftTakes } from './draft-takes';
import { WorkbenchSide } from './workbench-side';
import { useWorkbenchStore } from './workbench-store';
import { useTranslator } from '../../i18n/use-translator';
import { useMediaQuery } from '../../lib/use-media-query';

/** Below this width the images join the centre column, under the controls, instead of a column of their own. */
const THREE_COLUMNS = '(min-width: 1181px)';

/**
 * The Workbench: drafts | prompt, model and its controls (scrolling) with cost and Generate pinned below | the
 * images by role. Ctrl/Cmd+Enter generates from anywhere in the prompt.
 */
export function WorkbenchView() {
  const translate = useTranslator();
  const { t } = translate;
  const draft = useWorkbenchStore((state) => state.draft);
  const saving = useWorkbenchStore((state) => state.saving);
  const online = useOnline();
  const threeColumns = useMediaQuery(THREE_COLUMNS);
  const { open, edit, generate, flush } = useWorkbenchStore.getState();

  useEffect(() => {
    void open();
    // Leaving the page (or the app quitting) saves what was typed in the last moments.
    const save = () => void flush();
    window.addEventListener('beforeunload', save);
    return () => {
      window.removeEventListener('beforeunload', save);
      save();
    };
  }, [open, flush]);

  if (!draft) return null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void generate(online);
    }
  };

  return (
    <div className="workbench">
      <DraftsPanel />
      <div className="workbench-main">
        <div className="workbench-scroll scroll-panel" data-testid="workbench-scroll">
          <section className="card prompt-card">
            <label htmlFor="prompt" className="prompt-label">
              <span className="section-title">{t('workbench.prompt')}</span>
              <span className="hint" aria-live="off">
                {saving ? '…' : t('workbench.saved')} · {t('workbench.characters', { count: draft.prompt.length })}
              </span>
            </label>
            <textarea
              id="prompt"
              data-testid="prompt"
              rows={8}
              value={draft.prompt}
              placeholder={t('workbench.promptPlaceholder')}
              onChange={(event) => edit({ prompt: event.target.value })}
              onKeyDown={onKeyDown}
            />
          </section>
          <GenerationControls draft={draft} />
          {!threeColumns && <ReferenceImage draft={draft} />}
          {!threeColumns && <DraftTakes draft={draft} />}
          <DraftTools draft={draft} />
        </div>
        <div className="generate-bar" data-toast-avoid="">
          <CostLine draft={draft} />
          <button
            type="button"
            className="primary large"
            data-testid="generate"
            disabled={draft.prompt.trim() === ''}
            onClick={() => void generate(online)}
          >
            <Sparkles size={16} aria-hidden="true" />
            {t('workbench.generate')} <kbd>{t('workbench.generateHint')}</kbd>
          </button>
        </div>
      </div>
      {threeColumns && (
        <div className="workbench-images scroll-panel">
          <WorkbenchSide draft={draft} />
        </div>
      )}
    </div>
  );
}
