import { firstFenced } from '../text/plain-text';
import { z } from 'zod';
import { durationsOf, shapeNamesOf } from '../catalog/model-lookup';
import type { Params, VideoModel } from '../catalog/video-model';
import { compileFor } from '../intent/compile-intent';

/** What a chat model is asked to answer for a script, checked against one video model's allowed values. */
export interface ShotAnswer {
  readonly title: string;
  readonly characters: readonly { readonly name: string; readonly description: string }[];
  readonly shots: readonly {
    readonly prompt: string;
    readonly duration: number | null;
    readonly shape: string | null;
    readonly camera: string;
    readonly continuity: string;
    readonly characters: readonly string[];
  }[];
}

/** The most shots one breakdown makes (a storyboard holds 200; a script's first pass should be far fewer). */
export const MAX_ANSWER_SHOTS = 60;

/** The durations a model allows, in words for the chat model and for error messages. */
export function allowedDurations(model: VideoModel): {
  readonly words: string;
  readonly accepts: (n: number) => boolean;
} {
  const durations = durationsOf(model);
  if (durations.kind === 'list')
    return { words: `one of ${durations.seconds.join(', ')}`, accepts: (n) => durations.seconds.includes(n) };
  if (durations.kind === 'range')
    return {
      words: `a whole number from ${durations.min} to ${durations.max}`,
      accepts: (n) => Number.isInteger(n) && n >= durations.min && n <= durations.max,
    };
  return {
    words: durations.seconds === null ? 'null (the model decides)' : `${durations.seconds} (fixed)`,
    accepts: (n) => durations.seconds === null || n === durations.seconds,
  };
}

/** The zod schema of an answer for this model: the durations and shapes it allows, characters that were introduced. */
function shotAnswerSchema(model: VideoModel, promptMax: number): z.ZodType<ShotAnswer> {
  const durations = allowedDurations(model);
  const shapes = shapeNamesOf(model);
  const text = (max: number) => z.string().trim().max(max);
  const shot = z.object({
    prompt: z.string().trim().min(1).max(promptMax),
    duration: z
      .number()
      .nullable()
      .default(null)
      .refine((value) => value === null || durations.accepts(value), {
        message: `duration must be ${durations.words}`,
      }),
    shape: z
      .string()
      .nullable()
      .default(null)
      .refine((value) => value === null || shapes.length === 0 || shapes.includes(value), {
        message: `shape must be one of ${shapes.join(', ')}`,
      }),
    camera: text(1_000).default(''),
    continuity: text(1_000).default(''),
    characters: z.array(text(100)).max(20).default([]),
  });
  return z
    .object({
      title: text(200).default(''),
      characters: z
        .array(z.object({ name: text(100).min(1), description: text(2_000).default('') }))
        .max(50)
        .default([]),
      shots: z.array(shot).min(1).max(MAX_ANSWER_SHOTS),
    })
    .superRefine((answer, context) => {
      const names = new Set(answer.characters.map((character) => character.name.toLowerCase()));
      answer.shots.forEach((entry, index) => {
        for (const name of entry.characters)
          if (!names.has(name.toLowerCase()))
            context.addIssue({
              code: 'custom',
              path: ['shots', index, 'characters'],
              message: `"${name}" is not in the characters list`,
            });
      });
    });
}

/** The JSON of an answer: the first object in the text, without the code fence chat models like to put around it. */
export function answerJson(text: string): unknown {
  const body = (firstFenced(text) ?? text).trim();
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end < start) throw new SyntaxError('the answer holds no JSON object');
  return JSON.parse(body.slice(start, end + 1));
}

/** The checked answer, or the problems to send back for the one repair attempt. */
export function readShotAnswer(
  text: string,
  model: VideoModel,
  promptMax: number,
): { readonly ok: true; readonly answer: ShotAnswer } | { readonly ok: false; readonly problems: string[] } {
  let json: unknown;
  try {
    json = answerJson(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = shotAnswerSchema(model, promptMax).safeParse(json);
  if (parsed.success) return { ok: true, answer: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 12).map((issue) => `${issue.path.join('.') || 'answer'}: ${issue.message}`),
  };
}

/**
 * A shot's params for the model from the answer's duration and shape, compiled like every other request (a length
 * the model does not offer becomes the nearest it does), with the camera its note names.
 */
export function paramsFromAnswer(model: VideoModel, shot: ShotAnswer['shots'][number]): Params {
  return compileFor(model, {
    prompt: shot.prompt,
    seconds: shot.duration,
    shape: shot.shape,
    resolution: null,
    camera: null,
    sound: null,
    images: [],
  }).params;
}
