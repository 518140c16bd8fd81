import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslator } from '../../i18n/use-translator';
import { useModelsStore } from '../models';
import { LibraryCard } from './library-card';
import { useLibraryStore } from './library-store';

/** The narrowest a card gets before the grid drops a column. */
const CARD_MIN_WIDTH = 200;
const GAP = 12;
/** The title and date under each poster. */
const CARD_TEXT_HEIGHT = 50;

/** The grid's shape for a width: columns, and the row height that keeps each poster box 16:9 at that card width. */
function layoutFor(width: number): { columns: number; rowHeight: number } {
  const columns = Math.max(1, Math.floor((width + GAP) / (CARD_MIN_WIDTH + GAP)));
  const cardWidth = (width - GAP * (columns - 1)) / columns;
  return { columns, rowHeight: Math.round((cardWidth * 9) / 16) + CARD_TEXT_HEIGHT + GAP };
}

/** The poster grid: only the rows in view exist in the DOM, so ten thousand videos scroll like ten. */
export function LibraryGrid() {
  const total = useLibraryStore((state) => state.total);
  const items = useLibraryStore((state) => state.items);
  const selectedId = useLibraryStore((state) => state.selected?.id ?? null);
  const { ensureRange } = useLibraryStore.getState();
  const scroller = useRef<HTMLDivElement>(null);
  const [{ columns, rowHeight }, setLayout] = useState(() => layoutFor(4 * CARD_MIN_WIDTH));

  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    // A narrower grid (the detail panel opening) means fewer or smaller cards, never re-cropped posters.
    const observer = new ResizeObserver(([entry]) => {
      const next = layoutFor(entry?.contentRect.width ?? 4 * CARD_MIN_WIDTH);
      setLayout((current) =>
        current.columns === next.columns && current.rowHeight === next.rowHeight ? current : next,
      );
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rows = Math.ceil(total / columns);
  // The React Compiler (not used here) cannot memoize TanStack Virtual's results; plain React renders it correctly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    // Rows are tall: two beyond each edge is enough to scroll smoothly, and keeps the DOM small.
    overscan: 2,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const visible = virtualizer.getVirtualItems();
  // While the grid scrolls, only posters already shown are drawn: a fling over thousands of videos would otherwise
  // start (and throw away) dozens of image loads a frame. The rest load as soon as scrolling pauses.
  const scrolling = virtualizer.isScrolling;
  const postersShown = useRef(new Set<string>());
  const markPosterShown = useCallback((id: string) => void postersShown.current.add(id), []);
  const translate = useTranslator();
  const catalog = useModelsStore((state) => state.catalog);
  // Labels looked up once per catalog, not once per card mounted while scrolling.
  const labels = useMemo(() => new Map(catalog.models.map((model) => [model.id, model.label])), [catalog]);
  const [scrub, setScrub] = useState<{ id: string; fraction: number } | null>(null);
  const onScrub = useCallback(
    (id: string, fraction: number | null) =>
      setScrub((current) => (fraction === null ? (current?.id === id ? null : current) : { id, fraction })),
    [],
  );
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
            style={{
              transform: `translateY(${row.start}px)`,
              height: rowHeight,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {Array.from({ length: columns }, (_, column) => {
              const index = row.index * columns + column;
              if (index >= total) return null;
              const item = items.get(index);
              return item ? (
                <LibraryCard
                  key={item.id}
                  item={item}
                  selected={item.id === selectedId}
                  showPoster={!scrolling || postersShown.current.has(item.id)}
                  onPosterShown={markPosterShown}
                  modelLabel={item.model ? (labels.get(item.model) ?? item.model) : null}
                  translate={translate}
                  scrub={scrub?.id === item.id ? scrub.fraction : null}
                  onScrub={onScrub}
                />
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
