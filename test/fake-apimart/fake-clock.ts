/** The fake server's notion of time: starts at the real time and moves only when a test says so. */
export interface FakeClock {
  now(): number;
  advance(milliseconds: number): void;
}

/** A clock frozen at `start` (ms since epoch) until advanced. */
export function createFakeClock(start: number = Date.now()): FakeClock {
  let current = start;
  return {
    now: () => current,
    advance: (milliseconds) => {
      if (milliseconds < 0) throw new Error('time only moves forward');
      current += milliseconds;
    },
  };
}
