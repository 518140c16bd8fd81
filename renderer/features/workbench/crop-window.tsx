import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { Frame } from '../../../shared/catalog/video-model';
import { cropRectangle, normalizeRect, type NormalizedRect } from '../../../shared/images/crop-geometry';

/** Image size as displayed (orientation applied). */
interface Size {
  readonly width: number;
  readonly height: number;
}

/** The window's corners, each a handle that resizes it. */
type Corner = 'nw' | 'ne' | 'sw' | 'se';
const CORNERS: readonly Corner[] = ['nw', 'ne', 'sw', 'se'];

/** Keyboard steps, as fractions of the image: a nudge, and a stride with Shift. */
const NUDGE = 0.01;
const STRIDE = 0.1;

/**
 * The crop window over the preview: drag it to move, drag its corner to resize; or focus it and use the arrow keys
 * to move (Shift: ten times as far), + and − to resize, Home to go back to the centred crop. Its ratio is always the
 * output frame's; the same geometry the main process crops with decides where it may go.
 */
export function CropWindow({
  image,
  frame,
  crop,
  onChange,
  label,
  testId = 'crop-window',
}: {
  image: Size;
  frame: Frame;
  crop: NormalizedRect | null;
  onChange: (crop: NormalizedRect) => void;
  /** The test id of the window (the first image's is `crop-window`). */
  testId?: string;
  /** What a screen reader says of it, keys included. */
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const rect = cropRectangle(image.width, image.height, frame, crop ?? undefined);
  const shown = normalizeRect(image.width, image.height, rect);

  /** The nearest crop the geometry allows to `next`, in the frame's ratio and inside the image. */
  const fit = (next: NormalizedRect | undefined) =>
    normalizeRect(image.width, image.height, cropRectangle(image.width, image.height, frame, next));

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const step = event.shiftKey ? STRIDE : NUDGE;
    const moves: Readonly<Record<string, readonly [number, number]>> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    let next: NormalizedRect | undefined;
    if (move) next = { ...shown, x: shown.x + move[0], y: shown.y + move[1] };
    else if (event.key === '+' || event.key === '=') next = { ...shown, width: shown.width + step * 2 };
    else if (event.key === '-' || event.key === '_') next = { ...shown, width: Math.max(0.05, shown.width - step * 2) };
    else if (event.key === 'Home') next = undefined;
    else return;
    event.preventDefault();
    onChange(fit(next));
  }

  /** Drags the window (`move`), or resizes it from one corner with the opposite corner held still. */
  function track(event: PointerEvent<HTMLElement>, mode: 'move' | Corner) {
    event.preventDefault();
    event.stopPropagation();
    const container = box.current?.parentElement?.getBoundingClientRect();
    if (!container) return;
    const startX = event.clientX;
    const startY = event.clientY;
    const start = shown;
    const move = (moveEvent: globalThis.PointerEvent) => {
      const dx = (moveEvent.clientX - startX) / container.width;
      const dy = (moveEvent.clientY - startY) / container.height;
      if (mode === 'move') return onChange(fit({ ...start, x: start.x + dx, y: start.y + dy }));
      const west = mode === 'nw' || mode === 'sw';
      const north = mode === 'nw' || mode === 'ne';
      const width = Math.max(0.05, start.width + (west ? -dx : dx));
      // The ratio is the frame's: the height follows the width, in the image's own proportions.
      const height = width * (start.height / start.width);
      onChange(
        fit({
          x: west ? start.x + start.width - width : start.x,
          y: north ? start.y + start.height - height : start.y,
          width,
          height,
        }),
      );
    };
    const stop = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', stop);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', stop);
  }

  return (
    <div
      ref={box}
      className="crop-window"
      data-testid={testId}
      // Focusable, so the crop can be set without a pointer; what it covers is spoken as it changes.
      tabIndex={0}
      role="group"
      aria-label={label}
      aria-roledescription="crop"
      onKeyDown={onKeyDown}
      style={{
        left: `${shown.x * 100}%`,
        top: `${shown.y * 100}%`,
        width: `${shown.width * 100}%`,
        height: `${shown.height * 100}%`,
      }}
      onPointerDown={(event) => track(event, 'move')}
    >
      <span className="crop-thirds" aria-hidden="true" />
      {CORNERS.map((corner) => (
        <span
          key={corner}
          className={`crop-handle crop-handle-${corner}`}
          // The bottom-right corner keeps its old test id: the tests that drag it predate the other three.
          data-testid={corner === 'se' ? 'crop-handle' : `crop-handle-${corner}`}
          onPointerDown={(event) => track(event, corner)}
        />
      ))}
    </div>
  );
}
