import type { Frame } from '../catalog/video-model';

/** A rectangle as fractions (0–1) of the displayed image: what the UI's crop window sends. */
export interface NormalizedRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A rectangle in pixels of the displayed (orientation-corrected) image. */
export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** `1280×720` → `16:9`, `1792×1024` → `7:4`: the frame's ratio in lowest terms. */
export function ratioLabel(frame: Frame): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const divisor = gcd(frame.width, frame.height);
  return `${frame.width / divisor}:${frame.height / divisor}`;
}

/**
 * The crop in pixels, always exactly the frame's ratio (up to one pixel of rounding) and inside the image.
 * Without a crop: the largest centred window. With one: its centre and width are kept, its height follows the
 * ratio, and it is shrunk and moved as needed to fit — so a stale or hostile rectangle still yields a valid crop.
 */
export function cropRectangle(imageWidth: number, imageHeight: number, frame: Frame, crop?: NormalizedRect): PixelRect {
  const ratio = frame.width / frame.height;
  const fullWidth = Math.min(imageWidth, imageHeight * ratio);

  let width =
    crop && Number.isFinite(crop.width) && crop.width > 0 ? clamp(crop.width * imageWidth, 1, fullWidth) : fullWidth;
  let height = width / ratio;
  if (height > imageHeight) {
    height = imageHeight;
    width = height * ratio;
  }
  const centreX =
    crop && Number.isFinite(crop.x)
      ? (crop.x + (Number.isFinite(crop.width) ? crop.width : 0) / 2) * imageWidth
      : imageWidth / 2;
  const centreY =
    crop && Number.isFinite(crop.y)
      ? (crop.y + (Number.isFinite(crop.height) ? crop.height : 0) / 2) * imageHeight
      : imageHeight / 2;

  const roundedWidth = Math.max(1, Math.min(imageWidth, Math.round(width)));
  const roundedHeight = Math.max(1, Math.min(imageHeight, Math.round(height)));
  const left = Math.round(clamp(centreX - roundedWidth / 2, 0, imageWidth - roundedWidth));
  const top = Math.round(clamp(centreY - roundedHeight / 2, 0, imageHeight - roundedHeight));
  return { left, top, width: roundedWidth, height: roundedHeight };
}

/** The same rectangle as fractions of the image, for the UI to draw. */
export function normalizeRect(imageWidth: number, imageHeight: number, rect: PixelRect): NormalizedRect {
  return {
    x: rect.left / imageWidth,
    y: rect.top / imageHeight,
    width: rect.width / imageWidth,
    height: rect.height / imageHeight,
  };
}
