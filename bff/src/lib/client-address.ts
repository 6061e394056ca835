import { isIP } from 'node:net';

const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/**
 * The client's address. Behind reverse proxies listed in `trustedProxies` it is read from `X-Forwarded-For`, right to
 * left, skipping the trusted hops: the first address a trusted proxy did not add is the client (the leftmost entries
 * are whatever the client sent, so they are never believed). Without trusted proxies the socket's peer is the client.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: readonly string[]): string {
  let address = plain(peer ?? '');
  if (!trustedProxies.includes(address) || !forwardedFor) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((h) => plain(h.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) return address;
    address = hop;
    if (!trustedProxies.includes(hop)) return address;
  }
  return address;
}
