import { describe, expect, it } from 'vitest';
import { createSpendGuard } from '../../../electron/cli/mcp/spend-guard';

describe('the MCP session’s spending guard', () => {
  it('counts each call’s cost as it is let through, and refuses the call that would pass the ceiling', () => {
    const guard = createSpendGuard({ ceiling: 1.1, confirm: 'never' });
    expect(guard.check({ tool: 'generate_video', args: {}, cost: 0.1 }).kind).toBe('go');
    expect(guard.spent()).toBe(0.1);
    expect(guard.check({ tool: 'generate_video', args: {}, cost: 1.05 })).toMatchObject({
      kind: 'over',
      cost: 1.05,
      spent: 0.1,
      ceiling: 1.1,
    });
    expect(guard.spent()).toBe(0.1);
    // Exactly at the ceiling is within it (sums in whole micro-units: 0.1 × 11 is 1.1).
    for (let call = 0; call < 10; call += 1) expect(guard.check({ tool: 't', args: {}, cost: 0.1 }).kind).toBe('go');
    expect(guard.spent()).toBe(1.1);
    expect(guard.check({ tool: 't', args: {}, cost: 0.000001 }).kind).toBe('over');
  });

  it('binds a confirmation token to the exact call (any key order), once, for ten minutes', () => {
    let now = 0;
    const guard = createSpendGuard({ ceiling: 5, confirm: 'always', now: () => now });
    const call = { tool: 'generate_video', args: { prompt: 'a', duration: 4 }, cost: 0.32 };
    const asked = guard.check(call);
    if (asked.kind !== 'confirm') throw new Error(`expected a confirmation, got ${asked.kind}`);
    expect(guard.spent()).toBe(0);
    expect(guard.check({ ...call, args: { prompt: 'a', duration: 8 } }, asked.token).kind).toBe('badToken');
    expect(guard.check({ ...call, tool: 'generate_storyboard' }, asked.token).kind).toBe('badToken');
    expect(guard.check({ ...call, args: { duration: 4, prompt: 'a' } }, asked.token).kind).toBe('go');
    expect(guard.check(call, asked.token).kind).toBe('badToken');

    const later = guard.check(call);
    if (later.kind !== 'confirm') throw new Error('expected a confirmation');
    now += 10 * 60_000 + 1;
    expect(guard.check(call, later.token).kind).toBe('badToken');
  });
});
