import { ChevronRight, GitCompare, History, Layers, Save } from 'lucide-react';
import { useEffect } from 'react';
import { SelectMenu } from '../../ui/select-menu';
import { useShallow } from 'zustand/react/shallow';
import type { Draft } from '../../../shared/drafts/draft-models';
import { useTranslator } from '../../i18n/use-translator';
import { useDraftToolsStore } from './draft-tools-store';
import { PromptDiffView } from './prompt-diff-view';

/** Versions, presets and batches for the open draft. */
export function DraftTools({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const { t } = translate;
  const { versions, presets, comparison, lines, count, plan } = useDraftToolsStore(
    useShallow(({ versions, presets, comparison, lines, count, plan }) => ({
      versions,
      presets,
      comparison,
      lines,
      count,
      plan,
    })),
  );
  const tools = useDraftToolsStore.getState();

  useEffect(() => {
    void useDraftToolsStore.getState().load(draft.id);
  }, [draft.id, draft.updatedAt]);

  return (
    <section className="draft-tools card" aria-label={t('drafts.versions')}>
      <div className="button-row">
        <button type="button" className="small" data-testid="save-version" onClick={() => void tools.saveVersion()}>
          <Save size={14} aria-hidden="true" />
          {t('drafts.saveVersion')}
        </button>
        <span className="field-label" aria-hidden="true">
          {t('drafts.preset')}
        </span>
        <SelectMenu
          label={t('drafts.preset')}
          testId="preset"
          value=""
          placeholder={t('drafts.presetChoose')}
          disabled={presets.length === 0}
          onChange={(id) => void tools.applyPreset(id)}
          choices={presets.map((preset) => ({ value: preset.id, label: preset.name }))}
        />
      </div>
      {versions.length > 0 && (
        <details>
          <summary>
            <ChevronRight size={14} aria-hidden="true" className="advanced-chevron" />
            <History size={14} aria-hidden="true" /> {t('drafts.versions')} ({translate.number(versions.length)})
          </summary>
          <ul className="versions" data-testid="versions">
            {versions.map((version) => (
              <li key={version.id}>
                <span>
                  {translate.date(version.createdAt)} · {t(`drafts.version.${version.reason}`)} ·{' '}
                  {version.prompt.slice(0, 60)}
                </span>{' '}
                <button type="button" className="small" onClick={() => void tools.restore(version.id)}>
                  {t('drafts.restore')}
                </button>{' '}
                <button
                  type="button"
                  className="small"
                  data-testid="compare-version"
                  aria-pressed={comparison?.version.id === version.id}
                  onClick={() => void tools.compare(version)}
                >
                  <GitCompare size={13} aria-hidden="true" />
                  {t('drafts.compare')}
                </button>
              </li>
            ))}
          </ul>
          {comparison && <PromptDiffView comparison={comparison} onClose={tools.closeComparison} />}
        </details>
      )}
      <details>
        <summary>
          <ChevronRight size={14} aria-hidden="true" className="advanced-chevron" />
          <Layers size={14} aria-hidden="true" /> {t('drafts.batch')}
        </summary>
        <p className="hint">{t('drafts.batchHelp')}</p>
        <textarea
          aria-label={t('drafts.batch')}
          data-testid="batch-lines"
          rows={4}
          value={lines}
          onChange={(event) => tools.setLines(event.target.value)}
        />
        <label className="batch-count">
          {t('drafts.batchVariations')}
          <input
            type="number"
            min={1}
            max={50}
            value={count}
            disabled={lines.trim() !== ''}
            onChange={(event) => tools.setCount(Number(event.target.value))}
          />
        </label>
        <div className="button-row">
          <button type="button" className="small" data-testid="batch-plan" onClick={() => void tools.planBatch()}>
            {t('drafts.batchPlan')}
          </button>
          <button
            type="button"
            className="primary small"
            data-testid="batch-run"
            disabled={!plan || plan.jobs.length === 0}
            onClick={() => void tools.runBatch()}
          >
            {t('drafts.batchRun')}
          </button>
        </div>
        {plan && (
          // What it will cost stays in view until it is queued or changed.
          <p role="status" className="notice" data-testid="batch-summary">
            {plan.estimatedCost === null
              ? t('drafts.batchSummaryUnknown', { jobs: plan.jobs.length, seconds: plan.totalSeconds })
              : t('drafts.batchSummary', {
                  jobs: plan.jobs.length,
                  seconds: plan.totalSeconds,
                  cost: translate.money(plan.estimatedCost),
                })}
          </p>
        )}
      </details>
    </section>
  );
}
