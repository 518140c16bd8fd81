import { describe, expect, it } from 'vitest';
import { createTrustedSenderCheck, originOf } from '../../../electron/services/ipc/trusted-sender';

describe('trusted sender check', () => {
  it('computes origins for custom schemes, which WHATWG URL reports as "null"', () => {
    expect(new URL('app://reelbench/x').origin).toBe('null');
    expect(originOf('app://reelbench/index.html#/library')).toBe('app://reelbench');
    expect(originOf('http://localhost:5173/index.html')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });

  it('trusts only the configured origins', () => {
    const check = createTrustedSenderCheck(['app://reelbench/index.html']);
    expect(check('app://reelbench/index.html')).toBe(true);
    expect(check('app://reelbench/assets/other.html')).toBe(true);
    expect(check('app://reelbench.evil/index.html')).toBe(false);
    expect(check('https://reelbench/index.html')).toBe(false);
    expect(check('http://localhost:5173/')).toBe(false);
    expect(check('file:///index.html')).toBe(false);
    expect(check(undefined)).toBe(false);
  });

  it('a configured address that is not one trusts nothing, not even a sender without an origin', () => {
    const check = createTrustedSenderCheck(['not a url', 'about:blank', 'app://reelbench/index.html']);
    expect(check('file:///etc/passwd')).toBe(false);
    expect(check('about:blank')).toBe(false);
    expect(check(undefined)).toBe(false);
    expect(check('app://reelbench/index.html')).toBe(true);
  });

  it('trusts the dev server only when it is configured, and only on its own port', () => {
    const check = createTrustedSenderCheck(['app://reelbench/index.html', 'http://localhost:5173']);
    expect(check('http://localhost:5173/index.html')).toBe(true);
    expect(check('http://localhost:5174/index.html')).toBe(false);
  });
});
