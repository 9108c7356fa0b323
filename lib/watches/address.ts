/*
 * Which addresses a webhook may reach. A webhook is a request the server makes to an address a user
 * typed, so without this rule any signed-in user could make the server probe its own network (SSRF):
 * loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and
 * reserved ranges are refused unless an admin allowed them for the user, or the operator for everyone
 * (WEBHOOK_ALLOW_PRIVATE=1). The rule is applied when the URL is saved and again to every address the
 * host resolves to when a delivery connects (deliver.ts), so a name that later resolves elsewhere
 * (DNS rebinding) is still refused.
 */
import { BlockList, isIP } from 'node:net';

const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'a reserved address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a reserved address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'a reserved address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['fc00::', 7, 'ipv6', 'a private address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
  ['64:ff9b::', 96, 'ipv6', 'a translated address'],
];

const LISTS = RANGES.map(([network, prefix, family, label]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, label };
});

/** What kind of non-public address this is ("a loopback address"), or null for a public one. */
export function privateAddressKind(address: string): string | null {
  let ip = address.replace(/^\[|\]$/g, '');
  // An IPv4 address mapped into IPv6 is that IPv4 address (URLs write it in hex: ::ffff:7f00:1).
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (mapped) ip = mapped[1];
  else if (mappedHex) {
    const [high, low] = [parseInt(mappedHex[1], 16), parseInt(mappedHex[2], 16)];
    ip = [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  const version = isIP(ip);
  if (version === 0) return 'not an IP address';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find((entry) => entry.family === family && entry.list.check(ip, family))?.label ?? null;
}

/** Whether the operator lets every webhook reach private addresses (WEBHOOK_ALLOW_PRIVATE=1, for local setups and tests). */
export function operatorAllowsPrivate(env: Record<string, string | undefined> = process.env): boolean {
  return env.WEBHOOK_ALLOW_PRIVATE === '1' || env.WEBHOOK_ALLOW_PRIVATE === 'true';
}

/** The message a refused address gets, beside the URL field and in the delivery log. */
export function refusedMessage(host: string, address: string, kind: string): string {
  const shown = host === address ? address : `${host} (${address})`;
  return `${shown} is ${kind}: webhooks may not reach private, loopback or link-local networks unless an admin allows it for your account.`;
}
