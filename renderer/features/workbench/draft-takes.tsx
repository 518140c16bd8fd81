import { Clapperboard, FolderOpen, ImagePlus, Loader2, Play, Sparkles, Star } from 'lucide-react';
import { useEffect, useId } from 'react';
import { findModel, imageSlotsOf, secondsOf } from '../../../shared/catalog/model-lookup';
import type { Draft } from '../../../shared/drafts/draft-models';
import { TERMINAL_PHASES, type Job } from '../../../shared/jobs/job-models';
import { costOf } from '../../../shared/text/money';
import { useTranslator } from '../../i18n/use-translator';
import { useSettingsStore } from '../../lib/settings-store';
import { IconButton } from '../../ui/icon-button';
import { NumberStepper } from '../../ui/number-stepper';
import { useModelsStore } from '../models';
import { JobProgress, useJobPicture, useJobsStore } from '../queue';
import { MAX_VARIATIONS, useTakesStore } from './takes-store';

/** This draft's takes, newest first (the jobs it queued, from any version of it). */
export function useDraftTakes(draftId: string): readonly Job[] {
  const jobs = useJobsStore((state) => state.jobs);
  return jobs.filter((job) => job.request.draftId === draftId);
}

/** One take: its poster (its video playing in place once chosen), where it is while made, and what to do with it. */
function TakeCard({ job, canContinue }: { job: Job; canContinue: boolean }) {
  const translate = useTranslator();
  const { t } = translate;
  const picture = useJobPicture(job);
  const itemId = job.phase === 'done' ? job.libraryItemId : null;
  const item = useTakesStore((state) => (itemId ? state.items.get(itemId) : undefined));
  const playing = useTakesStore((state) => state.playing === job.id);
  const continuing = useTakesStore((state) => state.continuing === job.id);
  const { loadItem, play, toggleFavorite, reveal, continueFrom } = useTakesStore.getState();
  useEffect(() => {
    if (itemId) void loadItem(itemId);
  }, [itemId, loadItem]);
  const working = !TERMINAL_PHASES.has(job.phase);
  const title = job.request.title ?? job.request.prompt;
  return (
    <li className={`take-card take-${job.phase}`} data-testid="draft-take" data-phase={job.phase}>
      <div className="take-media">
        {playing && item ? (
          <video src={item.videoUrl} controls autoPlay data-testid="draft-take-video" onEnded={() => play(null)} />
        ) : item ? (
          <button
            type="button"
            className="take-poster"
            aria-label={t('takes.play', { title })}
            data-testid="draft-take-play"
            onClick={() => play(job.id)}
          >
            {item.posterUrl ? (
              <img src={item.posterUrl} alt="" />
            ) : (
              // No poster captured yet: a frame of the video itself stands in (half a second in, past a fade).
              <video
                src={`${item.videoUrl}#t=0.5`}
                preload="metadata"
                muted
                playsInline
                tabIndex={-1}
                aria-hidden="true"
              />
            )}
            <span className="take-play-badge" aria-hidden="true">
              <Play size={16} />
            </span>
          </button>
        ) : (
          <div className="take-poster placeholder" aria-hidden="true">
            {picture ? <img src={picture} alt="" /> : <Clapperboard size={20} />}
          </div>
        )}
      </div>
      <div className="take-foot">
        <span className="take-state" data-testid="draft-take-state" title={translate.date(job.createdAt)}>
          {t(`queue.phase.${job.phase}`)}
        </span>
        {item && (
          <span className="take-actions">
            <IconButton
              icon={Star}
              label={item.favorite ? t('takes.unfavorite') : t('takes.favorite')}
              pressed={item.favorite}
              className={item.favorite ? 'take-favorite on' : 'take-favorite'}
              testId="draft-take-favorite"
              onClick={() => void toggleFavorite(item.id)}
            />
            {canContinue && (
              <IconButton
                icon={continuing ? Loader2 : ImagePlus}
                label={t('takes.continue')}
                testId="draft-take-continue"
                disabled={continuing}
                onClick={() => void continueFrom(job)}
              />
            )}
            <IconButton icon={FolderOpen} label={t('takes.reveal')} onClick={() => void reveal(item.id)} />
          </span>
        )}
      </div>
      {working && job.phase !== 'queued' && <JobProgress job={job} title={title} />}
    </li>
  );
}

/**
 * What this draft made, beside the prompt: each take with its poster, newest first, playing in place; status while
 * one is made; and "Vary": the same intent again, N times at once with new seeds, the total cost shown first.
 */
export function DraftTakes({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const { t } = translate;
  const takes = useDraftTakes(draft.id);
  const catalog = useModelsStore((state) => state.catalog);
  const userPrice = useSettingsStore((state) => state.settings?.prices[draft.model]);
  const count = useTakesStore((state) => state.varyCount);
  const { setVaryCount, vary } = useTakesStore.getState();
  const model = findModel(catalog, draft.model);
  const price = userPrice ?? model?.price.perSecond ?? null;
  const seconds = (model ? secondsOf(model, draft.params) : null) ?? 0;
  const total = price === null ? null : translate.money(costOf(price, seconds * count));
  const canContinue = model !== undefined && imageSlotsOf(model).first > 0;
  const countId = useId();
  return (
    <section className="card takes-card" aria-label={t('takes.title')} data-testid="draft-takes">
      <header className="takes-head">
        <span className="section-title">
          {t('takes.title')} <span className="badge">{translate.number(takes.length)}</span>
        </span>
        <span className="takes-vary">
          <label className="visually-hidden" htmlFor={countId}>
            {t('takes.count')}
          </label>
          <NumberStepper
            id={countId}
            value={count}
            min={1}
            max={MAX_VARIATIONS}
            step={1}
            testId="vary-count"
            decrease={t('takes.fewer')}
            increase={t('takes.more')}
            onChange={(value) => setVaryCount(value ?? 1)}
          />
          <button
            type="button"
            className="small"
            data-testid="vary"
            disabled={draft.prompt.trim() === ''}
            title={t('takes.varyHint')}
            onClick={() => void vary()}
          >
            <Sparkles size={14} aria-hidden="true" />
            {total === null ? t('takes.varyUnknown', { count }) : t('takes.vary', { count, cost: total })}
          </button>
        </span>
      </header>
      {takes.length === 0 ? (
        <p className="muted takes-empty">{t('takes.empty')}</p>
      ) : (
        <ol className="takes-grid">
          {takes.map((job) => (
            <TakeCard key={job.id} job={job} canContinue={canContinue} />
          ))}
        </ol>
      )}
    </section>
  );
}
