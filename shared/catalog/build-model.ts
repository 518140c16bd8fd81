import { describeSchema } from './describe-schema';
import type { InputSchema } from './input-schema';
import type { SnapshotModel } from './snapshot';
import type { ModelState, VideoModel } from './video-model';

/** The image size limit APIMart documents for generation (§2): 10 MB unless a model is known to take less. */
export const DEFAULT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** A label for a model nobody shipped knowledge of: its id, lightly tidied (`acme-motion-2` → `acme-motion-2`). */
const familyOf = (id: string) => id.split(/[-_.\d]/)[0] || id;

/** What is known about one model from a live schema: when it was read and what it said. */
export interface LiveSchema {
  readonly schema: InputSchema;
  readonly checkedAt: string;
}

/**
 * One model from what is known of it: the shipped snapshot (labels, frames, price), a live schema (whose allowed
 * values win), or both. A live schema of a model nobody shipped is enough to offer it.
 */
export function buildModel(
  id: string,
  snapshot: SnapshotModel | undefined,
  live: LiveSchema | undefined,
  state: ModelState,
): VideoModel {
  const schema = live?.schema ?? snapshot?.schema;
  const reading = schema ? describeSchema(schema) : { promptField: 'prompt', params: [], images: [] };
  return {
    id,
    family: snapshot?.family ?? familyOf(id),
    label: snapshot?.label ?? id,
    description: snapshot?.description ?? '',
    state,
    checkedAt: live?.checkedAt ?? null,
    price: snapshot?.price
      ? { perSecond: snapshot.price.perSecond, asOf: snapshot.price.asOf, source: 'shipped' }
      : { perSecond: null, asOf: null, source: 'none' },
    promptField: reading.promptField,
    params: [...reading.params],
    images: [...reading.images],
    frames: [...(snapshot?.frames ?? [])],
    imageMaxBytes: snapshot?.imageMaxBytes ?? DEFAULT_IMAGE_MAX_BYTES,
    fixedSeconds: snapshot?.fixedSeconds ?? null,
    extend: snapshot?.extend ?? null,
  };
}

/** The model with the user's own price per second, when they set one. */
export function withUserPrice(model: VideoModel, perSecond: number | undefined): VideoModel {
  if (perSecond === undefined) return model;
  return { ...model, price: { perSecond, asOf: null, source: 'user' } };
}
