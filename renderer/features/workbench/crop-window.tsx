import { useRef, type PointerEvent } from 'react';
import type { Frame } from '../../../shared/catalog/catalog-schema';
import { cropRectangle, normalizeRect, type NormalizedRect } from '../../../shared/images/crop-geometry';

/** Image size as displayed (orientation applied). */
interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The crop window over the preview: drag it to move, drag its corner to resize. Its ratio is always the output
 * frame's; the same geometry the main process crops with decides where it may go.
 */
export function CropWindow({
  image,
  frame,
  crop,
  onChange,
}: {
  image: Size;
  frame: Frame;
  crop: NormalizedRect | null;
  onChange: (crop: NormalizedRect) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const rect = cropRectangle(image.width, image.height, frame, crop ?? undefined);
  const shown = normalizeRect(image.width, image.height, rect);

  function track(event: PointerEvent<HTMLElement>, mode: 'move' | 'resize') {
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
      const next =
        mode === 'move'
          ? { ...start, x: start.x + dx, y: start.y + dy }
          : { ...start, width: Math.max(0.05, start.width + dx) };
      onChange(normalizeRect(image.width, image.height, cropRectangle(image.width, image.height, frame, next)));
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
      data-testid="crop-window"
      style={{
        left: `${shown.x * 100}%`,
        top: `${shown.y * 100}%`,
        width: `${shown.width * 100}%`,
        height: `${shown.height * 100}%`,
      }}
      onPointerDown={(event) => track(event, 'move')}
    >
      <span className="crop-handle" data-testid="crop-handle" onPointerDown={(event) => track(event, 'resize')} />
    </div>
  );
}
