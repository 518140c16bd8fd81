import type { VideoSample } from 'mediabunny';
import type { SubtitleStyle } from '../../../shared/boards/board-models';
import type { SubtitleCue } from '../../../shared/boards/subtitles';

/** Text height per size, as a share of the picture's height (broadcast subtitles sit near 5–7%). */
const TEXT_HEIGHT = { small: 0.045, medium: 0.06, large: 0.08 } as const;
/** Distance from the picture's edge, as a share of its height (inside the title-safe area). */
const MARGIN = 0.07;

/**
 * Draws one cue onto a picture as a viewer reads it: centred, its lines stacked, white on a translucent black box
 * (or outlined in black without the box), at the bottom or the top.
 */
export function drawCue(
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  width: number,
  height: number,
  text: string,
  style: SubtitleStyle,
): void {
  const size = Math.max(10, Math.round(height * TEXT_HEIGHT[style.size]));
  const lineHeight = Math.round(size * 1.3);
  const lines = text.split('\n');
  context.font = `600 ${size}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  const block = lineHeight * lines.length;
  const top = style.position === 'top' ? height * MARGIN : height * (1 - MARGIN) - block;
  for (const [at, line] of lines.entries()) {
    const y = top + lineHeight * at + lineHeight / 2;
    if (style.box) {
      const padding = size * 0.35;
      const measured = context.measureText(line).width;
      context.fillStyle = 'rgba(0, 0, 0, 0.62)';
      context.fillRect(width / 2 - measured / 2 - padding, y - lineHeight / 2, measured + padding * 2, lineHeight);
    } else {
      context.lineWidth = Math.max(2, size / 8);
      context.strokeStyle = 'rgba(0, 0, 0, 0.9)';
      context.lineJoin = 'round';
      context.strokeText(line, width / 2, y);
    }
    context.fillStyle = '#ffffff';
    context.fillText(line, width / 2, y);
  }
}

/**
 * The frame processor for one take of the film: each frame drawn with the cue showing at its time in the film. The
 * take's first frame marks where its clip starts, whatever the encoder's own timestamps start from.
 */
export function subtitleOverlay(
  cues: readonly SubtitleCue[],
  style: SubtitleStyle,
  clipStart: number,
): (sample: VideoSample) => OffscreenCanvas | VideoSample {
  let canvas: OffscreenCanvas | null = null;
  let first: number | null = null;
  return (sample) => {
    first ??= sample.timestamp;
    const at = clipStart + (sample.timestamp - first);
    const cue = cues.find((candidate) => candidate.start <= at && at < candidate.end);
    if (!cue) return sample;
    const width = sample.displayWidth;
    const height = sample.displayHeight;
    if (canvas?.width !== width || canvas.height !== height) canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return sample;
    context.clearRect(0, 0, width, height);
    sample.draw(context, 0, 0, width, height);
    drawCue(context, width, height, cue.text, style);
    return canvas;
  };
}
