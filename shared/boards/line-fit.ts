import { SPEECH_SPEED } from '../audio/speech';
import type { VideoModel } from '../catalog/video-model';

/** A shot's line against its shot: how long each is, and the two ways to make the line fit when it runs over. */
export interface LineFit {
  readonly lineSeconds: number;
  readonly shotSeconds: number;
  /** Whether the line runs past the end of its shot (by more than a frame or so). */
  readonly tooLong: boolean;
  /** The shortest duration the model offers that holds the line (its param and value); null when none does. */
  readonly longerShot: { readonly name: string; readonly value: string | number } | null;
  /** The speed at which the line fits the shot as it is (in steps of 0.05); null when even the fastest is too slow. */
  readonly fasterVoice: number | null;
}

/** How a line of `lineSeconds` (spoken at `speed`) fits a shot of `shotSeconds` made with `model`. */
export function lineFit(model: VideoModel | null, lineSeconds: number, speed: number, shotSeconds: number): LineFit {
  const tooLong = lineSeconds > shotSeconds + 0.05;
  const needed = shotSeconds > 0 ? Math.ceil(((speed * lineSeconds) / shotSeconds) * 20) / 20 : Infinity;
  return {
    lineSeconds,
    shotSeconds,
    tooLong,
    longerShot: tooLong && model ? longerDuration(model, lineSeconds) : null,
    fasterVoice: tooLong && needed <= SPEECH_SPEED.max ? needed : null,
  };
}

function longerDuration(model: VideoModel, seconds: number): LineFit['longerShot'] {
  const param = model.params.find((candidate) => candidate.meaning === 'duration');
  if (!param) return null;
  if (param.kind === 'choice') {
    const fits = param.values
      .filter((value) => Number.isFinite(Number(value)) && Number(value) >= seconds)
      .sort((a, b) => Number(a) - Number(b));
    const value = fits[0];
    return value === undefined ? null : { name: param.name, value };
  }
  if (param.kind === 'number') {
    const value = Math.max(Math.ceil(seconds), param.min ?? 0);
    return param.max !== null && value > param.max ? null : { name: param.name, value };
  }
  return null;
}
