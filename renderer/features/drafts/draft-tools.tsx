import { useEffect, useState } from 'react';
import type { BatchPlan } from '../../../shared/drafts/batch-models';
import type { Draft, DraftVersion, Preset, PromptDiff } from '../../../shared/drafts/draft-models';
import { api, toErrorData, unwrap } from '../../lib/bridge';
import { useWorkbenchStore } from '../workbench/workbench-store';
import { PromptDiffView } from './prompt-diff-view';
import { useTranslator } from '../../i18n/use-translator';
import { useErrorLine } from '../../app/error-message';

/** Versions, presets and batches for the open draft. */
export function DraftTools({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const { t } = translate;
  const [versions, setVersions] = useState<readonly DraftVersion[]>([]);
  const [presets, setPresets] = useState<readonly Preset[]>([]);
  const [lines, setLines] = useState('');
  const [count, setCount] = useState(2);
  const [plan, setPlan] = useState<BatchPlan | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const errorLine = useErrorLine();
  const [comparison, setComparison] = useState<{ version: DraftVersion; diff: PromptDiff } | null>(null);
  const { flush, show } = useWorkbenchStore.getState();

  useEffect(() => {
    void unwrap(api().drafts.versions({ id: draft.id })).then(setVersions, () => setVersions([]));
  }, [draft.id, draft.updatedAt]);
  useEffect(() => {
    void unwrap(api().drafts.presets()).then(setPresets, () => setPresets([]));
  }, []);

  const run = (work: () => Promise<string | null>) => () =>
    void work().then(setMessage, (error: unknown) => setMessage(errorLine(toErrorData(error))));
  const spec = () => (lines.trim() ? { mode: 'lines' as const, text: lines } : { mode: 'variations' as const, count });

  return (
    <section className="draft-tools" aria-label={t('drafts.versions')}>
      <div className="button-row">
        <button
          type="button"
          data-testid="save-version"
          onClick={run(async () => {
            await flush();
            await unwrap(api().drafts.saveVersion({ id: draft.id }));
            setVersions(await unwrap(api().drafts.versions({ id: draft.id })));
            return null;
          })}
        >
          {t('drafts.saveVersion')}
        </button>
        <label>
          {t('drafts.preset')}{' '}
          <select
            data-testid="preset"
            value=""
            onChange={(event) => {
              const presetId = event.target.value;
              run(async () => {
                await flush();
                await show(await unwrap(api().drafts.applyPreset({ draftId: draft.id, presetId })));
                return null;
              })();
            }}
          >
            <option value="">{t('drafts.presetChoose')}</option>
            {presets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {versions.length > 0 && (
        <details>
          <summary>
            {t('drafts.versions')} ({translate.number(versions.length)})
          </summary>
          <ul className="versions" data-testid="versions">
            {versions.map((version) => (
              <li key={version.id}>
                <span>
                  {translate.date(version.createdAt)} · {t(`drafts.version.${version.reason}`)} ·{' '}
                  {version.prompt.slice(0, 60)}
                </span>{' '}
                <button
                  type="button"
                  onClick={run(async () => {
                    await flush();
                    await show(await unwrap(api().drafts.restoreVersion({ versionId: version.id })));
                    return null;
                  })}
                >
                  {t('drafts.restore')}
                </button>{' '}
                <button
                  type="button"
                  data-testid="compare-version"
                  aria-pressed={comparison?.version.id === version.id}
                  onClick={run(async () => {
                    await flush();
                    setComparison({
                      version,
                      diff: await unwrap(api().drafts.diff({ from: version.id, to: 'current' })),
                    });
                    return null;
                  })}
                >
                  {t('drafts.compare')}
                </button>
              </li>
            ))}
          </ul>
          {comparison && <PromptDiffView comparison={comparison} onClose={() => setComparison(null)} />}
        </details>
      )}
      <details>
        <summary>{t('drafts.batch')}</summary>
        <p className="hint">{t('drafts.batchHelp')}</p>
        <textarea
          aria-label={t('drafts.batch')}
          data-testid="batch-lines"
          rows={4}
          value={lines}
          onChange={(event) => {
            setLines(event.target.value);
            setPlan(null);
          }}
        />
        <label>
          {t('drafts.batchVariations')}{' '}
          <input
            type="number"
            min={1}
            max={50}
            value={count}
            disabled={lines.trim() !== ''}
            onChange={(event) => {
              setCount(Number(event.target.value));
              setPlan(null);
            }}
          />
        </label>
        <div className="button-row">
          <button
            type="button"
            data-testid="batch-plan"
            onClick={run(async () => {
              await flush();
              const next = await unwrap(api().drafts.planBatch({ id: draft.id, spec: spec() }));
              setPlan(next);
              return next.estimatedCost === null
                ? t('drafts.batchSummaryUnknown', { jobs: next.jobs.length, seconds: next.totalSeconds })
                : t('drafts.batchSummary', {
                    jobs: next.jobs.length,
                    seconds: next.totalSeconds,
                    cost: next.estimatedCost,
                  });
            })}
          >
            {t('drafts.batchPlan')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="batch-run"
            disabled={!plan || plan.jobs.length === 0}
            onClick={run(async () => {
              const jobs = await unwrap(api().drafts.runBatch({ id: draft.id, spec: spec() }));
              setPlan(null);
              return t('drafts.batchQueued', { count: jobs.length });
            })}
          >
            {t('drafts.batchRun')}
          </button>
        </div>
      </details>
      {message && (
        <p role="status" className="notice" data-testid="draft-tools-message">
          {message}
        </p>
      )}
    </section>
  );
}
