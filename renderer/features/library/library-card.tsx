import { memo } from 'react';
import type { Translator } from '../../../shared/i18n/translator';
import type { LibraryItem } from '../../../shared/library/library-models';
import { showActionMenu } from '../../lib/ui-actions';
import { useNoticesStore } from '../../lib/notices-store';
import { libraryActions } from './library-actions';
import { useLibraryStore } from './library-store';
import { ScrubPreview } from './scrub-preview';

/**
 * One video in the grid: its poster whole (a portrait video is not cropped to the card's shape), badges for model
 * and length, and hover-to-scrub. `showPoster` is false while the grid flies past, so no image loads start then.
 * It holds no state and subscribes to nothing (the grid passes all it shows): rows entering the view while the grid
 * scrolls mount cheaply.
 */
export const LibraryCard = memo(function LibraryCard({
  item,
  selected,
  showPoster,
  onPosterShown,
  modelLabel,
  translate,
  scrub,
  onScrub,
}: {
  item: LibraryItem;
  selected: boolean;
  showPoster: boolean;
  modelLabel: string | null;
  translate: Translator;
  /** Where the pointer is across this card (0–1) while it hovers it; null otherwise. */
  scrub: number | null;
  onScrub: (id: string, fraction: number | null) => void;
  /** Called with the item's id once its poster has been drawn (a stable function: cards re-render only on change). */
  onPosterShown: (id: string) => void;
}) {
  const { select } = useLibraryStore.getState();

  return (
    <button
      type="button"
      className={selected ? 'library-card selected' : 'library-card'}
      aria-pressed={selected}
      data-testid="library-card"
      title={translate.t('library.dragHint')}
      draggable
      onClick={() => select(item)}
      onContextMenu={(event) => {
        event.preventDefault();
        showActionMenu(libraryActions(item, translate)).catch(useNoticesStore.getState().fail);
      }}
      onDragStart={(event) => {
        // The OS drag carries the file itself; the shell starts it while this drag gesture is live.
        event.preventDefault();
        useLibraryStore.getState().startDrag(item.id);
      }}
      onPointerMove={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        onScrub(item.id, Math.max(0, Math.min(1, (event.clientX - box.left) / box.width)));
      }}
      onPointerLeave={() => onScrub(item.id, null)}
    >
      {/* Few nodes per card on purpose: the 10,000-video grid keeps under 300 in the DOM. */}
      {item.posterUrl && showPoster ? (
        <img
          className="card-poster"
          src={item.posterUrl}
          alt=""
          decoding="async"
          onLoad={() => onPosterShown(item.id)}
        />
      ) : (
        <span className="card-poster poster-placeholder" aria-hidden="true" />
      )}
      {scrub !== null && <ScrubPreview videoUrl={item.videoUrl} pointerFraction={scrub} />}
      {modelLabel && <span className="card-badge card-badge-model">{modelLabel}</span>}
      {item.sidecarKeptAside && (
        <span
          className="card-badge card-badge-damaged"
          data-testid="card-damaged"
          title={translate.t('library.damagedDetail', { name: item.fileName.replace(/\.[^.]+$/, '') })}
        >
          {translate.t('library.damagedBadge')}
        </span>
      )}
      {item.duration !== null && (
        <span className="card-badge card-badge-duration">
          {translate.t('workbench.seconds', { seconds: Math.round(item.duration) })}
        </span>
      )}
      <span className="card-title">
        {item.favorite ? '★ ' : ''}
        {item.title}
      </span>
      <span className="card-meta">
        {translate.date(item.createdAt)}
        {item.rating !== null && ` · ${'★'.repeat(item.rating)}`}
      </span>
    </button>
  );
});
