import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { libraryActions } from './library-actions';
import { useLibraryStore } from './library-store';
import { useTranslator } from '../../i18n/use-translator';
import { showActionMenu } from '../../lib/ui-actions';
import { useNoticesStore } from '../shell/notices-store';

const CARD_WIDTH = 220;
const ROW_HEIGHT = 190;

function formatDuration(seconds: number | null): string {
  return seconds === null ? '' : ` · ${seconds} s`;
}

/** The poster grid: only the rows in view exist in the DOM, so ten thousand videos scroll like ten. */
export function LibraryGrid() {
  const translate = useTranslator();
  const total = useLibraryStore((state) => state.total);
  const items = useLibraryStore((state) => state.items);
  const selectedId = useLibraryStore((state) => state.selected?.id ?? null);
  const { ensureRange, select } = useLibraryStore.getState();
  const scroller = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(4);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) =>
      setColumns(Math.max(1, Math.floor((entry?.contentRect.width ?? CARD_WIDTH) / CARD_WIDTH))),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rows = Math.ceil(total / columns);
  // The React Compiler (not used here) cannot memoize TanStack Virtual's results; plain React renders it correctly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 3,
  });
  const visible = virtualizer.getVirtualItems();
  // While the grid scrolls, only posters already shown are drawn: a fling over thousands of videos would otherwise
  // start (and throw away) dozens of image loads a frame. The rest load as soon as scrolling pauses.
  const scrolling = virtualizer.isScrolling;
  const postersShown = useRef(new Set<string>());
  const first = visible[0]?.index ?? 0;
  const last = visible[visible.length - 1]?.index ?? 0;

  useEffect(() => {
    void ensureRange(first * columns, (last + 1) * columns - 1);
  }, [first, last, columns, ensureRange]);

  return (
    <div
      ref={scroller}
      className={scrolling ? 'library-scroller scrolling' : 'library-scroller'}
      data-testid="library-grid"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {visible.map((row) => (
          <div
            key={row.key}
            className="library-row"
            style={{ transform: `translateY(${row.start}px)`, gridTemplateColumns: `repeat(${columns}, 1fr)` }}
          >
            {Array.from({ length: columns }, (_, column) => {
              const index = row.index * columns + column;
              if (index >= total) return null;
              const item = items.get(index);
              return item ? (
                <button
                  type="button"
                  key={item.id}
                  className={item.id === selectedId ? 'library-card selected' : 'library-card'}
                  aria-pressed={item.id === selectedId}
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
                >
                  {item.posterUrl && (!scrolling || postersShown.current.has(item.id)) ? (
                    <img
                      src={item.posterUrl}
                      alt=""
                      decoding="async"
                      width={320}
                      height={180}
                      onLoad={() => postersShown.current.add(item.id)}
                    />
                  ) : (
                    <span className="poster-placeholder" aria-hidden="true" />
                  )}
                  <span className="card-title">
                    {item.favorite ? '★ ' : ''}
                    {item.title}
                  </span>
                  <span className="card-meta">
                    {translate.date(item.createdAt)}
                    {formatDuration(item.duration)}
                  </span>
                </button>
              ) : (
                <span key={`pending-${index}`} className="library-card pending" aria-hidden="true" />
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
