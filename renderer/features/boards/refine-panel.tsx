import { Check, Loader2, Wand2 } from 'lucide-react';
import { refineCeiling } from '../../../shared/script/chat-models';
import { SelectMenu } from '../../ui/select-menu';
import { useScriptStore } from './script-store';
import { ErrorMessage } from '../../ui/error-message';
import { useTranslator } from '../../i18n/use-translator';
import { useRefineStore } from './refine-store';

/**
 * The rewrite as a word diff: each change is a button that keeps or drops it (struck-through words come back when
 * dropped). Nothing changes in the shot until "Use these changes".
 */
export function RefinePanel({ shotId, prompt, model }: { shotId: string; prompt: string; model: string }) {
  const translate = useTranslator();
  const { t } = translate;
  const state = useRefineStore();
  const chatModels = useScriptStore((script) => script.chatModels);
  const chatModel = useScriptStore((script) => script.chatModel);
  if (state.shotId !== shotId) return null;
  const chat = chatModels?.models.find((candidate) => candidate.id === chatModel);
  if (state.asking) {
    const ceiling = chat ? refineCeiling(chat, prompt) : null;
    return (
      <div className="refine-panel" data-testid="refine-panel" role="region" aria-label={t('refine.heading')}>
        <p>{t('refine.ask', { model })}</p>
        <SelectMenu
          value={chatModel ?? ''}
          label={t('script.chatModel')}
          testId="refine-chat-model"
          placeholder={t('script.chatModelLoading')}
          choices={(chatModels?.models ?? []).map((candidate) => ({ value: candidate.id, label: candidate.id }))}
          onChange={useScriptStore.getState().setChatModel}
        />
        <p className="hint" data-testid="refine-cost">
          {ceiling === null ? t('refine.costUnknown') : t('refine.cost', { cost: translate.money(ceiling) })}
        </p>
        <div className="button-row">
          <button type="button" className="small" data-testid="refine-discard" onClick={state.discard}>
            {t('script.cancel')}
          </button>
          <button
            type="button"
            className="small primary"
            data-testid="refine-send"
            disabled={!chat}
            onClick={() => void state.refine()}
          >
            <Wand2 size={14} aria-hidden="true" />
            {t('refine.send')}
          </button>
        </div>
      </div>
    );
  }
  // Each change's number among the changes (what "keep" and "drop" name).
  const numbers = state.runs.map((run, index) =>
    run.kind === 'change' ? state.runs.slice(0, index).filter((before) => before.kind === 'change').length : -1,
  );
  const total = numbers.filter((number) => number >= 0).length;
  return (
    <div className="refine-panel" data-testid="refine-panel" role="region" aria-label={t('refine.heading')}>
      {state.running ? (
        <p className="refine-wait" role="status">
          <Loader2 size={14} className="spin" aria-hidden="true" />
          {t('refine.working')}
        </p>
      ) : state.error ? (
        <div className="notice notice-error" data-testid="refine-error">
          <ErrorMessage error={state.error} />
        </div>
      ) : (
        state.outcome && (
          <>
            <p className="hint">{state.outcome.usedDocs ? t('refine.fromDocs') : t('refine.noDocs')}</p>
            <p className="refine-diff" data-testid="refine-diff">
              {state.runs.map((run, index) => {
                if (run.kind === 'same') return <span key={index}>{run.text}</span>;
                const number = numbers[index] ?? -1;
                const kept = state.accepted.has(number);
                return (
                  <button
                    key={index}
                    type="button"
                    className="refine-change"
                    aria-pressed={kept}
                    data-testid="refine-change"
                    title={kept ? t('refine.drop') : t('refine.keep')}
                    onClick={() => state.toggle(number)}
                  >
                    {run.removed && <del>{run.removed}</del>}
                    {run.added && <ins>{run.added}</ins>}
                  </button>
                );
              })}
            </p>
            <p className="hint">{t('refine.howTo', { kept: state.accepted.size, total })}</p>
          </>
        )
      )}
      <div className="button-row">
        <button type="button" className="small" data-testid="refine-discard" onClick={state.discard}>
          {t('refine.discard')}
        </button>
        {state.outcome && !state.running && (
          <button type="button" className="small primary" data-testid="refine-apply" onClick={state.apply}>
            <Check size={14} aria-hidden="true" />
            {t('refine.apply')}
          </button>
        )}
      </div>
    </div>
  );
}
