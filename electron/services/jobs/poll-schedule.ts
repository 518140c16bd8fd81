import type { TaskSnapshot } from '../../../shared/models/apimart';

/** The polling floor: never closer than this, unless configured lower (tests). */
export const DEFAULT_POLL_FLOOR_MS = 5_000;
/** The longest wait between two polls. */
export const DEFAULT_POLL_CEILING_MS = 30_000;

/**
 * When to ask about a task next: about a quarter of its estimated remaining time, between the floor and 30 s,
 * jittered ±20% so many jobs do not poll in step.
 */
export function nextPollDelay(
  snapshot: TaskSnapshot,
  floorMs: number,
  random: () => number,
  ceilingMs = DEFAULT_POLL_CEILING_MS,
): number {
  let base: number;
  if (snapshot.status === 'pending') base = 10_000;
  else if (snapshot.estimatedSeconds !== null && snapshot.estimatedSeconds > 0) {
    const remainingSeconds = snapshot.estimatedSeconds * (1 - snapshot.progress / 100);
    base = (remainingSeconds * 1000) / 4;
  } else base = 10_000;
  const bounded = Math.min(Math.max(floorMs, ceilingMs), Math.max(floorMs, base));
  const jittered = bounded * (0.8 + random() * 0.4);
  return Math.max(floorMs, Math.round(jittered));
}

/** Seconds left, estimated from the task's own estimate and progress. */
export function etaSeconds(snapshot: TaskSnapshot): number | null {
  if (snapshot.estimatedSeconds === null) return null;
  return Math.max(0, Math.round(snapshot.estimatedSeconds * (1 - snapshot.progress / 100)));
}
