import { applyCommonOptions, coerceParam, validateGeneration } from '../../shared/catalog/generation-request';
import { mainImageRole, paramFor, paramNamed } from '../../shared/catalog/model-lookup';
import type { ImageRole, ModelCatalog, Params, ParamValue, VideoModel } from '../../shared/catalog/video-model';
import { AppError } from '../../shared/errors';
import type { JobImage } from '../../shared/jobs/job-models';
import { CAMERA_MOVES, cameraMoveSchema, type CameraIntent } from '../../shared/intent/intent-models';
import { cameraFieldOf, cameraValueFor } from '../../shared/intent/camera-words';
import { UsageError, refusedValue } from './cli-io';

/** The flags that describe a request, model-neutral: the three every model has in some spelling, and `--set`. */
export interface RequestFlags {
  readonly duration?: string | undefined;
  readonly aspect?: string | undefined;
  readonly resolution?: string | undefined;
  readonly set?: readonly string[] | undefined;
  readonly image?: string | undefined;
  readonly firstFrame?: string | undefined;
  readonly lastFrame?: string | undefined;
  readonly ref?: readonly string[] | undefined;
  readonly camera?: string | undefined;
}

// A retired model's parameters are no help: the next step is another model.
/** The request flags among a command's parsed options (`generate`'s, which `board add` shares). */
export function requestFlagsOf(values: {
  readonly duration?: string | undefined;
  readonly aspect?: string | undefined;
  readonly resolution?: string | undefined;
  readonly set?: readonly string[] | undefined;
  readonly image?: string | undefined;
  readonly 'first-frame'?: string | undefined;
  readonly 'last-frame'?: string | undefined;
  readonly ref?: readonly string[] | undefined;
  readonly camera?: string | undefined;
}): RequestFlags {
  return {
    duration: values.duration,
    aspect: values.aspect,
    resolution: values.resolution,
    set: values.set,
    image: values.image,
    firstFrame: values['first-frame'],
    lastFrame: values['last-frame'],
    ref: values.ref,
    camera: values.camera,
  };
}

const refuse = (model: VideoModel, message: string) =>
  new AppError(
    'invalidInput',
    message,
    model.state === 'unavailable'
      ? '`reelbench models` lists what APIMart offers today; name one with --model.'
      : `\`reelbench models show ${model.id}\` lists what it accepts.`,
  );

/** `--duration`, `--aspect`, `--resolution` and every `--set NAME=VALUE`, as the model's own params. */
export function paramsFromFlags(model: VideoModel, flags: RequestFlags, usage: string): Params {
  const params: Record<string, ParamValue> = {};
  for (const pair of flags.set ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--set takes NAME=VALUE, not "${pair}".\n  ${usage}`);
    const name = pair.slice(0, equals);
    const param = paramNamed(model, name);
    if (!param) {
      const names = model.params.map((candidate) => candidate.name).join(', ');
      throw refuse(model, `${model.label} has no parameter "${name}"; it takes ${names}.`);
    }
    params[name] = coerceParam(param, pair.slice(equals + 1));
  }
  const duration = flags.duration === undefined ? undefined : Number(flags.duration);
  if (duration !== undefined && !Number.isFinite(duration))
    throw refusedValue(`--duration takes a number of seconds, not "${flags.duration}".`);
  const common = applyCommonOptions(model, params, {
    duration,
    aspect: flags.aspect,
    resolution: flags.resolution,
  });
  if (common.issues.length > 0) throw refuse(model, common.issues.map((issue) => issue.message).join(' '));
  // `--duration 5 --set duration=10` says two things: refused, rather than one of them quietly winning.
  for (const [flag, meaning] of [
    ['--duration', 'duration'],
    ['--aspect', 'aspect'],
    ['--resolution', 'resolution'],
  ] as const) {
    const name = paramFor(model, meaning)?.name;
    if (name === undefined || params[name] === undefined || flags[meaning] === undefined) continue;
    if (String(params[name]) !== String(common.params[name]))
      throw refusedValue(
        `${flag} ${flags[meaning]} and --set ${name}=${String(params[name])} disagree; give one of them.`,
      );
  }
  return common.params;
}

/** `--image` (the model's main image input), `--first-frame`, `--last-frame` and `--ref`, by role. */
export function imagesFromFlags(
  model: VideoModel,
  flags: RequestFlags,
  userPath: (file: string) => string,
): JobImage[] {
  const images: JobImage[] = [];
  const add = (role: ImageRole, file: string) => images.push({ role, path: userPath(file), crop: null });
  if (flags.image !== undefined) {
    const main = mainImageRole(model);
    if (!main) throw refuse(model, `${model.label} takes no image.`);
    add(main, flags.image);
  }
  if (flags.firstFrame !== undefined) add('first', flags.firstFrame);
  if (flags.lastFrame !== undefined) add('last', flags.lastFrame);
  for (const file of flags.ref ?? []) add('reference', file);
  return images;
}

/** Checks the whole request against the model before a job exists: one line naming each field that does not fit. */
export function checkRequest(
  catalog: ModelCatalog,
  model: VideoModel,
  request: {
    readonly prompt: string;
    readonly params: Params;
    readonly images: readonly JobImage[];
  },
): void {
  const checked = validateGeneration(
    catalog,
    {
      model: model.id,
      prompt: request.prompt,
      params: request.params,
      images: request.images.map((image) => ({ role: image.role, url: image.path })),
    },
    { imagesUploaded: false },
  );
  if (!checked.ok) throw refuse(model, checked.issues.map((issue) => issue.message).join(' '));
}

/** `--camera MOVE` or `--camera MOVE:STRENGTH` (0 barely moves, 1 as far as the model goes; 0.5 when not given). */
export function cameraFromFlags(model: VideoModel, flags: RequestFlags, params: Params): CameraIntent | null {
  if (flags.camera === undefined) return null;
  const [moveText = '', strengthText, ...rest] = flags.camera.split(':');
  const move = cameraMoveSchema.safeParse(moveText.trim().toLowerCase());
  if (!move.success || rest.length > 0)
    throw refusedValue(`--camera takes a move, not "${flags.camera}".`, `The moves: ${CAMERA_MOVES.join(', ')}.`);
  const strength = strengthText === undefined ? 0.5 : Number(strengthText);
  if (strengthText?.trim() === '' || !Number.isFinite(strength) || strength < 0 || strength > 1)
    throw refusedValue(`--camera ${move.data}:S takes S from 0 to 1, not "${strengthText ?? ''}".`);
  // Where the move is written into the model's camera field when sent, a --set of that field as well says two things.
  const field = cameraFieldOf(model);
  if (field && params[field.name] !== undefined && cameraValueFor(field, move.data) !== undefined)
    throw refusedValue(`--camera and --set ${field.name}=… both say how the camera moves; give one of them.`);
  return { move: move.data, strength };
}
