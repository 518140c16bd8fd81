import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../system/atomic-file';
import { z } from 'zod';

/** A rectangle in screen coordinates (a display's work area, a window's bounds). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The smallest window the layout is designed for. */
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(MIN_WINDOW_SIZE.width).max(32_000),
  height: z.number().int().min(MIN_WINDOW_SIZE.height).max(32_000),
  maximized: z.boolean(),
});

/** Where and how big the main window was when it last closed. */
export type WindowState = z.infer<typeof windowStateSchema>;

/** First launch: a comfortable size, centred by the OS. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** How much of the title bar must land on a display for the saved position to be kept. */
const VISIBLE_TITLE_BAR = { width: 120, height: 32 } as const;

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

/**
 * Makes a saved state safe for today's displays: a monitor may have been unplugged or resolution lowered since.
 * The position is kept only if enough of the title bar is on some display to grab it; the size never exceeds
 * the display the window will open on.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const largest = [...workAreas].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!largest) return state;

  let target = largest;
  let position: { x: number; y: number } | null = null;
  if (state.x !== undefined && state.y !== undefined) {
    const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: VISIBLE_TITLE_BAR.height };
    const display = workAreas.find((area) => {
      const seen = overlap(titleBar, area);
      return seen !== null && seen.width >= VISIBLE_TITLE_BAR.width && seen.height >= VISIBLE_TITLE_BAR.height / 2;
    });
    if (display) {
      target = display;
      position = { x: state.x, y: state.y };
    }
  }

  const width = Math.max(Math.min(state.width, target.width), Math.min(MIN_WINDOW_SIZE.width, target.width));
  const height = Math.max(Math.min(state.height, target.height), Math.min(MIN_WINDOW_SIZE.height, target.height));
  return position
    ? { ...position, width, height, maximized: state.maximized }
    : { width, height, maximized: state.maximized };
}

/** Reads the saved state; a missing, unreadable or malformed file means "first launch", never an error. */
export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Writes the state atomically so a crash mid-write cannot leave a half-written file behind. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(windowStateSchema.parse(state), null, 2)}\n`);
}
