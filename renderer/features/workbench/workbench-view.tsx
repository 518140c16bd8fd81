import { useEffect, type KeyboardEvent } from 'react';
import { useOnline } from '../shell/use-online';
import { DraftsPanel } from '../drafts/drafts-panel';
import { DraftTools } from '../drafts/draft-tools';
import { CostLine } from './cost-line';
import { GenerationControls } from './generation-controls';
import { ReferenceImage } from './reference-image';
import { useWorkbenchStore } from './workbench-store';
import { useTranslator } from '../../i18n/use-translator';

/** The Workbench: prompt, parameters, reference image, cost, and Generate (Ctrl/Cmd+Enter). */
export function WorkbenchView() {
  const translate = useTranslator();
  const { t } = translate;
  const draft = useWorkbenchStore((state) => state.draft);
  const saving = useWorkbenchStore((state) => state.saving);
  const online = useOnline();
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
        <label htmlFor="prompt" className="prompt-label">
          {t('workbench.prompt')}
          <span className="hint">
            {saving ? '…' : t('workbench.saved')} · {t('workbench.characters', { count: draft.prompt.length })}
          </span>
        </label>
        <textarea
          id="prompt"
          data-testid="prompt"
          rows={7}
          value={draft.prompt}
          placeholder={t('workbench.promptPlaceholder')}
          onChange={(event) => edit({ prompt: event.target.value })}
          onKeyDown={onKeyDown}
        />
        <GenerationControls draft={draft} />
        <div className="button-row generate-row">
          <button
            type="button"
            className="primary"
            data-testid="generate"
            disabled={draft.prompt.trim() === ''}
            onClick={() => void generate(online)}
          >
            {t('workbench.generate')} <kbd>{t('workbench.generateHint')}</kbd>
          </button>
          <CostLine draft={draft} />
        </div>
        <DraftTools draft={draft} />
      </div>
      <ReferenceImage draft={draft} />
    </div>
  );
}
