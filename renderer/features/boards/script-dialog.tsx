import { FileText, FolderOpen, Loader2, RotateCcw, Sparkles, X } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { MAX_SCRIPT_CHARS } from '../../../shared/script/chat-models';
import { ErrorNotice } from '../../ui/error-message';
import { useTranslator } from '../../i18n/use-translator';
import { IconButton } from '../../ui/icon-button';
import { SelectMenu } from '../../ui/select-menu';
import { ModelPicker } from '../models';
import { useScriptStore } from './script-store';
import { useRecentModels } from '../workbench';

/** The most of a script file read (the chat request itself takes at most 150,000 characters). */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * "From a script": paste or open a script, choose the video model the shots are for and the chat model that writes
 * them, see what it costs, then break it into shots. The text is kept whatever happens; Escape closes.
 */
export function ScriptDialog() {
  const open = useScriptStore((state) => state.open);
  return open ? <ScriptDialogBody /> : null;
}

function ScriptDialogBody() {
  const translate = useTranslator();
  const recent = useRecentModels();
  const { t } = translate;
  const state = useScriptStore();
  const file = useRef<HTMLInputElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const scriptId = useId();
  useEffect(() => text.current?.focus(), []);
  const money = (value: number | null) => (value === null ? null : translate.money(value));
  const estimate = state.estimate;
  const chat = state.chatModels?.models.find((model) => model.id === state.chatModel);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') state.close();
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void state.breakdown();
  };
  const openFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      state.refuseFile(t('script.fileTooLarge', { name: chosen.name }));
      return;
    }
    state.setScript(await chosen.text());
  };
  const ready = state.script.trim() !== '' && state.videoModel !== null && state.chatModel !== null;

  return (
    <div className="dialog-backdrop">
      <section
        className="script-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${scriptId}-title`}
        data-testid="script-dialog"
        onKeyDown={onKeyDown}
      >
        <header className="dialog-head">
          <h2 id={`${scriptId}-title`}>
            <FileText size={18} aria-hidden="true" />
            {t('script.title')}
          </h2>
          <IconButton icon={X} small={false} label={t('script.close')} testId="script-close" onClick={state.close} />
        </header>
        <p className="muted dialog-lede">{t('script.lede')}</p>
        <div className="script-text">
          <div className="script-text-head">
            <label className="field-label" htmlFor={scriptId}>
              {t('script.scriptLabel')}
            </label>
            <span className="muted script-count">{t('script.characters', { count: state.script.length })}</span>
            <button
              type="button"
              className="small"
              data-testid="script-open-file"
              onClick={() => file.current?.click()}
            >
              <FolderOpen size={14} aria-hidden="true" />
              {t('script.openFile')}
            </button>
            <input
              ref={file}
              type="file"
              hidden
              accept=".txt,.md,.fountain,.text,text/plain,text/markdown"
              data-testid="script-file"
              onChange={(event) => void openFile(event.target.files?.[0])}
            />
          </div>
          <textarea
            ref={text}
            id={scriptId}
            data-testid="script-text"
            value={state.script}
            maxLength={MAX_SCRIPT_CHARS}
            placeholder={t('script.placeholder')}
            onChange={(event) => state.setScript(event.target.value)}
          />
        </div>
        <div className="script-models">
          <ModelPicker
            value={state.videoModel ?? ''}
            onChoose={state.setVideoModel}
            recent={recent}
            label={t('script.videoModel')}
          />
          <div className="field script-chat">
            <span className="field-label">{t('script.chatModel')}</span>
            <SelectMenu
              value={state.chatModel ?? ''}
              label={t('script.chatModel')}
              testId="script-chat-model"
              placeholder={t('script.chatModelLoading')}
              choices={(state.chatModels?.models ?? []).map((model) => ({
                value: model.id,
                label:
                  model.inputPerMillion === null || model.outputPerMillion === null
                    ? t('script.chatModelUnpriced', { id: model.id })
                    : t('script.chatModelPriced', {
                        id: model.id,
                        input: translate.number(model.inputPerMillion, { minimumFractionDigits: 2 }),
                        output: translate.number(model.outputPerMillion, { minimumFractionDigits: 2 }),
                      }),
              }))}
              onChange={state.setChatModel}
            />
            {state.chatModels?.offline && <span className="hint">{t('script.chatModelsOffline')}</span>}
          </div>
        </div>
        {state.running ? (
          <div className="script-progress" role="status" data-testid="script-progress">
            <Loader2 size={16} className="spin" aria-hidden="true" />
            <span>
              {state.progress?.attempt === 2
                ? t('script.repairing', { count: state.progress.shots })
                : t('script.writing', { count: state.progress?.shots ?? 0 })}
            </span>
            <button type="button" className="small" data-testid="script-cancel" onClick={() => void state.cancel()}>
              {t('script.stop')}
            </button>
          </div>
        ) : (
          <ErrorNotice error={state.error} testId="script-error" />
        )}
        {state.invalid && !state.running && (
          <div className="notice notice-error script-invalid" data-testid="script-invalid">
            <p>{t('script.invalid')}</p>
            <ul>
              {state.invalid.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
            <details open>
              <summary>{t('script.rawAnswer')}</summary>
              <pre data-testid="script-raw">{state.invalid.raw}</pre>
            </details>
          </div>
        )}
        <footer className="dialog-foot">
          <p className="script-cost" data-testid="script-cost">
            {!estimate || !chat
              ? t('script.costUnknownYet')
              : estimate.cost === null
                ? t('script.costUnpriced', {
                    tokens: translate.number(estimate.promptTokens + estimate.completionTokens),
                    model: chat.id,
                  })
                : t('script.cost', {
                    tokens: translate.number(estimate.promptTokens + estimate.completionTokens),
                    cost: money(estimate.cost) ?? '',
                    max: money(estimate.maxCost) ?? '',
                    model: chat.id,
                  })}
          </p>
          <div className="button-row">
            <button type="button" onClick={state.close}>
              {t('script.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="script-break"
              disabled={!ready || state.running}
              onClick={() => void state.breakdown()}
            >
              {state.error || state.invalid ? (
                <RotateCcw size={15} aria-hidden="true" />
              ) : (
                <Sparkles size={15} aria-hidden="true" />
              )}
              {state.error || state.invalid ? t('script.retry') : t('script.break')}
            </button>
          </div>
        </footer>
      </section>
    </div>
  );
}
