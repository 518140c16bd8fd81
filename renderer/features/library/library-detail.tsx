import { Star, X } from 'lucide-react';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { LibraryItem } from '../../../shared/library/library-models';
import { libraryActions } from './library-actions';
import { ActionButtons } from '../../ui/action-buttons';
import { useLibraryStore } from './library-store';
import { RatingControl } from './rating-control';
import { useTranslator } from '../../i18n/use-translator';
import { useModelsStore } from '../models';

/**
 * One video: the player at the video's own shape, what made it, and the user's fields (saved to its sidecar as they
 * change). The fields scroll; the actions stay pinned at the bottom, whatever the window's height.
 */
export function LibraryDetail({ item }: { item: LibraryItem }) {
  const translate = useTranslator();
  const { t } = translate;
  const { update, select } = useLibraryStore.getState();
  const catalog = useModelsStore((state) => state.catalog);
  const modelLabel = item.model ? (findModel(catalog, item.model)?.label ?? item.model) : null;
  const actions = libraryActions(item, translate).filter(
    (action) => !(typeof action === 'object' && action.id === 'close'),
  );
  const facts = [
    modelLabel,
    item.duration ? t('workbench.seconds', { seconds: Math.round(item.duration) }) : null,
    item.aspect ? t(`library.aspect.${item.aspect}`) : null,
    item.resolution,
    translate.date(item.createdAt),
  ].filter((fact): fact is string => Boolean(fact));

  return (
    <aside className="library-detail" data-testid="library-detail" aria-label={item.title}>
      <header className="detail-head">
        <h2 className="truncate" title={item.title}>
          {item.title}
        </h2>
        <button
          type="button"
          className="ghost small icon-only"
          aria-label={t('library.close')}
          data-testid="library-close"
          onClick={() => select(null)}
        >
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="detail-scroll scroll-panel">
        <div className={`detail-player detail-player-${item.aspect ?? 'landscape'}`}>
          <video
            data-testid="library-player"
            src={item.videoUrl}
            poster={item.posterUrl ?? undefined}
            controls
            preload="metadata"
          />
        </div>
        {item.sidecarKeptAside && (
          <p className="notice notice-warning detail-damaged" data-testid="detail-damaged">
            {t('library.damagedDetail', { name: item.fileName.replace(/\.[^.]+$/, '') })}
          </p>
        )}
        <p className="detail-facts">
          {facts.map((fact) => (
            <span key={fact}>{fact}</span>
          ))}
        </p>
        <div className="detail-rate">
          <button
            type="button"
            className={item.favorite ? 'small favorite-on' : 'small'}
            data-testid="library-favorite"
            aria-pressed={item.favorite}
            onClick={() => void update(item.id, { favorite: !item.favorite })}
          >
            <Star size={14} aria-hidden="true" fill={item.favorite ? 'currentColor' : 'none'} />
            {t('library.favorite')}
          </button>
          <RatingControl rating={item.rating} onRate={(rating) => void update(item.id, { rating })} />
        </div>
        <label className="field">
          <span className="field-label">{t('library.titleField')}</span>
          <input
            defaultValue={item.title}
            key={`${item.id}-title`}
            onBlur={(event) => event.target.value !== item.title && void update(item.id, { title: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('library.tags')}</span>
          <input
            defaultValue={item.tags.join(', ')}
            key={`${item.id}-tags`}
            onBlur={(event) => void update(item.id, { tags: event.target.value.split(',') })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('library.notes')}</span>
          <textarea
            defaultValue={item.notes}
            key={`${item.id}-notes`}
            rows={3}
            onBlur={(event) => event.target.value !== item.notes && void update(item.id, { notes: event.target.value })}
          />
        </label>
        <div className="field">
          <span className="field-label">{t('library.prompt')}</span>
          <p className="detail-prompt">{item.prompt ?? t('library.imported')}</p>
        </div>
        <p className="hint detail-file">{item.fileName}</p>
      </div>
      <footer className="detail-actions">
        <ActionButtons actions={actions} />
      </footer>
    </aside>
  );
}
