import type { IntentChange } from '../../shared/intent/intent-models';

/** One change a compile made, as the CLI prints it: "camera: orbit → prompt phrase (no camera field)". */
export const changeLine = (change: IntentChange): string =>
  `${change.what}: ${change.from} → ${change.to ?? 'left out'} (${change.why})`;
