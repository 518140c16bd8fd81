import { originOf } from '../ipc/trusted-sender';

/** What to do when the page tries to navigate or open a window. */
export type NavigationDecision = 'allow' | 'open-in-browser' | 'deny';

/** Only https links ever leave the app, and only to the system browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** In-window navigation stays on the app's own origins; https links go to the browser; everything else is refused. */
export function decideNavigation(url: string, appOrigins: readonly string[]): NavigationDecision {
  const origin = originOf(url);
  if (origin !== null && appOrigins.map(originOf).includes(origin)) return 'allow';
  return isExternalLinkAllowed(url) ? 'open-in-browser' : 'deny';
}

/** `window.open` and `target=_blank` never create a window: https links go to the browser, the rest is refused. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return isExternalLinkAllowed(url) ? 'open-in-browser' : 'deny';
}

/**
 * Permissions the page may have. Everything else (camera, microphone, geolocation, notifications from the page,
 * MIDI, HID, serial…) is denied: the app asks for such things from the main process when it needs them.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen']);

/** Deny-by-default permission policy, shared by the request and check handlers. */
export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}
