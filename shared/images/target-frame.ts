import type { ImageTarget } from '../catalog/model-lookup';
import type { Frame } from '../catalog/video-model';

/** The longest side an image is sent at when the model's exact frame is not known. */
const LONG_SIDE_LIMIT = 1920;

/**
 * The pixel frame an image of `source` size is prepared to: the model's exact frame when known; otherwise the exact
 * shape at the largest size not above the source and {@link LONG_SIDE_LIMIT} on the long side; for a model that
 * follows the image (`adaptive`), the image's own shape, only made smaller when it is larger than that.
 */
export function frameForTarget(target: ImageTarget, source: Frame): Frame {
  if (target.kind === 'frame') return target.frame;
  if (target.kind === 'adaptive') {
    const scale = Math.min(1, LONG_SIDE_LIMIT / Math.max(source.width, source.height));
    return {
      width: Math.max(1, Math.round(source.width * scale)),
      height: Math.max(1, Math.round(source.height * scale)),
    };
  }
  const { width, height } = target.ratio;
  // Whole multiples of the reduced ratio keep the shape exact, not merely close.
  const multiple = Math.max(
    1,
    Math.floor(Math.min(source.width / width, source.height / height, LONG_SIDE_LIMIT / Math.max(width, height))),
  );
  return { width: width * multiple, height: height * multiple };
}
