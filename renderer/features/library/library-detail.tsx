import type { LibraryItem } from '../../../shared/library/library-models';
import { libraryActions } from './library-actions';
import { ActionButtons } from '../../app/action-buttons';
import { useLibraryStore } from './library-store';
import { useTranslator } from '../../i18n/use-translator';

/** One video: the player, what made it, and the user's fields (saved to its sidecar as they change). */
export function LibraryDetail({ item }: { item: LibraryItem }) {
  const translate = useTranslator();
  const { t } = translate;
  const { update } = useLibraryStore.getState();

  return (
    <aside className="library-detail" data-testid="library-detail" aria-label={item.title}>
      <video
        data-testid="library-player"
        src={item.videoUrl}
        poster={item.posterUrl ?? undefined}
        controls
        preload="metadata"
      />
      <label className="stacked">
        {t('library.titleField')}
        <input
          defaultValue={item.title}
          key={`${item.id}-title`}
          onBlur={(event) => event.target.value !== item.title && void update(item.id, { title: event.target.value })}
        />
      </label>
      <div className="button-row">
        <button
          type="button"
          data-testid="library-favorite"
          aria-pressed={item.favorite}
          onClick={() => void update(item.id, { favorite: !item.favorite })}
        >
          {item.favorite ? '★' : '☆'} {t('library.favorite')}
        </button>
        <span role="group" aria-label={t('library.rating')} className="rating">
          {[1, 2, 3, 4, 5].map((stars) => (
            <button
              key={stars}
              type="button"
              aria-pressed={(item.rating ?? 0) >= stars}
              aria-label={t('library.ratingStars', { stars })}
              onClick={() => void update(item.id, { rating: item.rating === stars ? null : stars })}
            >
              {(item.rating ?? 0) >= stars ? '★' : '☆'}
            </button>
          ))}
        </span>
      </div>
      <label className="stacked">
        {t('library.tags')}
        <input
          defaultValue={item.tags.join(', ')}
          key={`${item.id}-tags`}
          onBlur={(event) => void update(item.id, { tags: event.target.value.split(',') })}
        />
      </label>
      <label className="stacked">
        {t('library.notes')}
        <textarea
          defaultValue={item.notes}
          key={`${item.id}-notes`}
          rows={3}
          onBlur={(event) => event.target.value !== item.notes && void update(item.id, { notes: event.target.value })}
        />
      </label>
      <p className="detail-prompt">
        <strong>{t('library.prompt')}:</strong> {item.prompt ?? t('library.imported')}
      </p>
      <p className="hint">
        {[item.model, item.duration ? `${item.duration}s` : null, item.aspect, item.resolution, item.fileName]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <ActionButtons actions={libraryActions(item, translate)} />
    </aside>
  );
}
