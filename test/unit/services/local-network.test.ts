import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  apiIsLocal,
  guardedLookup,
  isLocalNetworkAddress,
  isLocalNetworkRefusal,
  linkIntoLocalNetwork,
  LocalNetworkLinkError,
} from '../../../electron/services/apimart/local-network';

describe('local-network addresses', () => {
  it('knows this machine, private and link-local ranges, CGNAT, unique-local IPv6 and IPv4-mapped forms', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.255.254',
      '0.0.0.0',
      '10.1.2.3',
      '100.64.0.1',
      '169.254.169.254',
      '172.16.0.9',
      '172.31.255.255',
      '192.168.1.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ])
      expect(isLocalNetworkAddress(address), address).toBe(true);
  });

  it('leaves public addresses and anything that is not an address alone', () => {
    for (const address of [
      '93.184.216.34',
      '172.32.0.1',
      '100.128.0.1',
      '8.8.8.8',
      '2606:4700::1111',
      '::2',
      'localhost',
      '',
      'fd00::1x',
    ])
      expect(isLocalNetworkAddress(address), address).toBe(false);
  });

  it('says which host it refused, in an error its callers can recognise through four wrappings', () => {
    const refusal = new LocalNetworkLinkError('router.lan');
    expect(refusal).toMatchObject({
      code: 'REELBENCH_LOCAL_NETWORK',
      host: 'router.lan',
      name: 'LocalNetworkLinkError',
    });
    expect(refusal.message).toBe('router.lan is in the local network');
    let wrapped: unknown = refusal;
    for (let depth = 1; depth <= 4; depth += 1) {
      wrapped = new TypeError('fetch failed', { cause: wrapped });
      expect(isLocalNetworkRefusal(wrapped), `depth ${depth}`).toBe(true);
    }
    expect(isLocalNetworkRefusal(new Error('deeper', { cause: wrapped }))).toBe(false);
    expect(isLocalNetworkRefusal(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }))).toBe(false);
    expect(isLocalNetworkRefusal(null)).toBe(false);
    const circular = new Error('a cause that is itself');
    (circular as { cause?: unknown }).cause = circular;
    expect(isLocalNetworkRefusal(circular)).toBe(false);
  });
});

describe('links into the local network', () => {
  const resolveTo = (addresses: readonly string[]) => async () => addresses;

  it('checks an address in the link as it is, without asking DNS', async () => {
    const unused = async (): Promise<string[]> => {
      throw new Error('an address is not looked up');
    };
    expect(await linkIntoLocalNetwork(new URL('https://[fd00::1]/clip.mp4'), unused)).toBe(true);
    expect(await linkIntoLocalNetwork(new URL('https://[2606:4700::1111]/clip.mp4'), unused)).toBe(false);
    expect(await linkIntoLocalNetwork(new URL('https://10.0.0.2/clip.mp4'), unused)).toBe(true);
  });

  it('refuses a name when any of its addresses is local, and leaves one that does not resolve to the request', async () => {
    const link = new URL('https://cdn.example/clip.mp4');
    expect(await linkIntoLocalNetwork(link, resolveTo(['93.184.216.34', '10.0.0.1']))).toBe(true);
    expect(await linkIntoLocalNetwork(link, resolveTo(['93.184.216.34']))).toBe(false);
    expect(await linkIntoLocalNetwork(link, async () => Promise.reject(new Error('ENOTFOUND')))).toBe(false);
    expect(await linkIntoLocalNetwork(new URL('https://localhost/clip.mp4'))).toBe(true);
  });

  it('counts an API on this machine or the local network as local, and an unset one (tests) too', () => {
    for (const address of [
      undefined,
      'http://localhost:4010',
      'http://127.0.0.1:4010/v1',
      'http://[::1]:8080',
      'http://192.168.1.2',
    ])
      expect(apiIsLocal(address), String(address)).toBe(true);
    for (const address of ['https://api.apimart.ai', 'not an address', 'https://[2606:4700::1111]/v1'])
      expect(apiIsLocal(address), address).toBe(false);
  });
});

describe('the connection-time lookup', () => {
  const lookUp = (allowed: boolean, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family: number | undefined }>(
      (resolve) =>
        guardedLookup(() => allowed)('localhost', { all }, (error, address, family) =>
          resolve({ error, address, family }),
        ),
    );

  it('refuses a local address for a host not allowed, answering in the shape asked for', async () => {
    for (const all of [false, true]) {
      const { error, address } = await lookUp(false, all);
      expect(error).toBeInstanceOf(LocalNetworkLinkError);
      expect(address).toEqual(all ? [] : '');
    }
  });

  it('answers one address, or all of them, for a host allowed', async () => {
    const one = await lookUp(true, false);
    expect(one.error).toBeNull();
    expect(isLocalNetworkAddress(one.address as string)).toBe(true);
    expect([4, 6]).toContain(one.family);
    const every = await lookUp(true, true);
    expect(every.error).toBeNull();
    expect((every.address as LookupAddress[]).map((entry) => entry.address)).toContain(one.address);
  });

  it('passes a failed lookup on', async () => {
    for (const all of [false, true]) {
      const failed = await new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        guardedLookup(() => false)('no-such-host.invalid', { all }, (error, address) => resolve({ error, address })),
      );
      expect(failed.error).not.toBeNull();
      expect(failed.address).toEqual(all ? [] : '');
    }
  });
});
