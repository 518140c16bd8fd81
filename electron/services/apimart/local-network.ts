import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { lookup as lookupAll } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a video link must never lead to: this machine, private networks, link-local (where cloud metadata
 * services answer), carrier-grade NAT and unique-local IPv6. A generated video lives on a public CDN; a link into
 * the user's own network is a server trying to make Reelbench fetch something there.
 */
const LOCAL_NETWORK = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  LOCAL_NETWORK.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  LOCAL_NETWORK.addSubnet(network, prefix, 'ipv6');

/** True for an IP address in the ranges above (IPv4-mapped IPv6 addresses are checked as IPv4). */
export function isLocalNetworkAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && LOCAL_NETWORK.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** Raised where a connection would have been made to a local-network address. */
export class LocalNetworkLinkError extends Error {
  readonly code = 'REELBENCH_LOCAL_NETWORK';
  readonly host: string;
  constructor(host: string) {
    super(`${host} is in the local network`);
    this.host = host;
    this.name = 'LocalNetworkLinkError';
  }
}

/** True when `error` or one of its causes is a LocalNetworkLinkError (fetch wraps what its connection raised). */
export function isLocalNetworkRefusal(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof LocalNetworkLinkError) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Whether a link's host is, or resolves to, a local-network address: checked before each request (and each redirect
 * hop) on every path. A name that does not resolve is left to the request to fail as usual.
 */
export async function linkIntoLocalNetwork(
  link: URL,
  resolve: (host: string) => Promise<readonly string[]> = async (host) =>
    (await lookupAll(host, { all: true })).map((entry) => entry.address),
): Promise<boolean> {
  // Stryker disable next-line Regex: a URL's host holds brackets only around an IPv6 address, whatever the anchors
  const host = link.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return isLocalNetworkAddress(host);
  const addresses = await resolve(host).catch(() => []);
  return addresses.some(isLocalNetworkAddress);
}

/**
 * A DNS lookup for Node's sockets that refuses local-network addresses for every host but `allowed` ones: the check
 * runs on the very address the socket then connects to, so a name that resolves differently a second time (DNS
 * rebinding) cannot get past it.
 */
export function guardedLookup(allowed: (host: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    const all = (options as LookupAllOptions).all === true;
    dnsLookup(hostname, { ...(options as LookupOneOptions), all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, all ? [] : '', 0);
      if (!allowed(hostname) && addresses.some((entry) => isLocalNetworkAddress(entry.address)))
        return callback(new LocalNetworkLinkError(hostname), all ? [] : '', 0);
      if (all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

/**
 * Whether the configured API address is itself on this machine or the local network (a test server, a local
 * gateway): then its video links may be too. An unset address counts as local only in tests, which pass none.
 */
export function apiIsLocal(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return true;
  if (!URL.canParse(baseUrl)) return false;
  // Stryker disable next-line Regex: a URL's host holds brackets only around an IPv6 address, whatever the anchors
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || isLocalNetworkAddress(host);
}
