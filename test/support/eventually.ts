import { vi } from 'vitest';

/**
 * The one way tests wait: until `condition` holds (it may be async), polling as `vi.waitFor` does — never a fixed
 * sleep. On timeout it fails naming what it waited for.
 */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 10 },
  );
}
