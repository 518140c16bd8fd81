import { shell, type Session, type WebContents } from 'electron';
import {
  decideNavigation,
  decideWindowOpen,
  isExternalLinkAllowed,
  isPermissionAllowed,
} from '../services/security/web-policy';

/** The app's only door to the system browser: https links, nothing else (no file:, smb:, custom protocols). */
export function openInBrowser(url: string): void {
  if (isExternalLinkAllowed(url)) void shell.openExternal(url);
}

/**
 * Locks down every web contents the app creates: navigation stays on the app's own origins, new windows are never
 * created (https links go to the system browser), and <webview> cannot be attached.
 */
export function hardenWebContents(contents: WebContents, appOrigins: readonly string[]): void {
  contents.on('will-navigate', (details) => {
    const decision = decideNavigation(details.url, appOrigins);
    if (decision === 'allow') return;
    details.preventDefault();
    if (decision === 'open-in-browser') openInBrowser(details.url);
  });
  contents.on('will-redirect', (details) => {
    if (decideNavigation(details.url, appOrigins) !== 'allow') details.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-in-browser') openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission request and check the policy does not explicitly allow. */
export function applySessionSecurity(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
}
