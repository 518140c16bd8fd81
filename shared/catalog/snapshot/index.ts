import { KLING } from './kling';
import { OTHERS } from './others';
import { SEEDANCE } from './seedance';
import type { SnapshotModel } from './snapshot-model';
import { SORA } from './sora';
import { VEO } from './veo';
import { WAN } from './wan';

/** Every model Reelbench ships knowledge of (APIMart's reference pages, §5 of the API notes), newest families first. */
export const SNAPSHOT_MODELS: readonly SnapshotModel[] = [...VEO, ...KLING, ...SEEDANCE, ...WAN, ...OTHERS, ...SORA];

/**
 * The default model when the user has used none: the first of these that is available. Sora is last, since its
 * API was closed upstream.
 */
export const PREFERRED_DEFAULTS: readonly string[] = [
  'veo3.1-fast-official',
  'kling-v3',
  'doubao-seedance-2.0',
  'wan2.6',
  'sora-2-preview',
];

export type { SnapshotModel } from './snapshot-model';
