import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideWindowOpen,
  isExternalLinkAllowed,
  isPermissionAllowed,
} from '../../../electron/services/security/web-policy';

const appOrigins = ['app://reelbench/index.html'];

describe('web policy', () => {
  it('keeps navigation on the app and sends https links to the browser', () => {
    expect(decideNavigation('app://reelbench/index.html', appOrigins)).toBe('allow');
    expect(decideNavigation('https://apimart.ai/pricing', appOrigins)).toBe('open-in-browser');
    expect(decideNavigation('http://apimart.ai/', appOrigins)).toBe('deny');
    expect(decideNavigation('file:///etc/passwd', appOrigins)).toBe('deny');
    expect(decideNavigation('javascript:alert(1)', appOrigins)).toBe('deny');
    expect(decideNavigation('app://elsewhere/index.html', appOrigins)).toBe('deny');
  });

  it('never opens a window, only the browser for https', () => {
    expect(decideWindowOpen('https://docs.apimart.ai/')).toBe('open-in-browser');
    expect(decideWindowOpen('app://reelbench/index.html')).toBe('deny');
    expect(decideWindowOpen('smb://server/share')).toBe('deny');
    expect(decideWindowOpen('')).toBe('deny');
    expect(isExternalLinkAllowed('https://x.test')).toBe(true);
    expect(isExternalLinkAllowed('mailto:a@b.c')).toBe(false);
  });

  it('denies permissions by default', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'hid',
      'serial',
      'unknown-future',
    ]) {
      expect(isPermissionAllowed(permission), permission).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    expect(isPermissionAllowed('fullscreen')).toBe(true);
  });
});
