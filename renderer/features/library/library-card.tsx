import { useState } from 'react';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { LibraryItem } from '../../../shared/library/library-models';
import { useTranslator } from '../../i18n/use-translator';
import { showActionMenu } from '../../lib/ui-actions';
import { useModelsStore } from '../models/models-store';
import { useNoticesStore } from '../shell/notices-store';
import { libraryActions } from './library-actions';
import { useLibraryStore } from './library-store';
import { ScrubPreview } from './scrub-preview';

/**
 * One video in the grid: its poster whole (a portrait video is not cropped to the card's shape), badges for model
 * and length, and hover-to-scrub. `showPoster` is false while the grid flies past, so no image loads start then.
 */
export function LibraryCard({
  item,
  selected,
  showPoster,
  onPosterShown,
}: {
  item: LibraryItem;
  selected: boolean;
  showPoster: boolean;
  onPosterShown: () => void;
}) {
  const translate = useTranslator();
  const { select } = useLibraryStore.getState();
  const catalog = useModelsStore((state) => state.catalog);
  const [scrub, setScrub] = useState<number | null>(null);
  const modelLabel = item.model ? (findModel(catalog, item.model)?.label ?? item.model) : null;

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
        setScrub(Math.max(0, Math.min(1, (event.clientX - box.left) / box.width)));
      }}
      onPointerLeave={() => setScrub(null)}
    >
      {/* Few nodes per card on purpose: the 10,000-video grid keeps under 300 in the DOM. */}
      {item.posterUrl && showPoster ? (
        <img className="card-poster" src={item.posterUrl} alt="" decoding="async" onLoad={onPosterShown} />
      ) : (
        <span className="card-poster poster-placeholder" aria-hidden="true" />
      )}
      {scrub !== null && <ScrubPreview videoUrl={item.videoUrl} pointerFraction={scrub} />}
      {modelLabel && <span className="card-badge card-badge-model">{modelLabel}</span>}
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
}
