/*
 * Which address a request came from, for the sign-in limits. Plain JavaScript
 * so that scripts/server.mjs runs without a build step.
 *
 * The socket's address is the truth, unless the socket belongs to a proxy the
 * operator named in TRUSTED_PROXIES: then X-Forwarded-For is read from the
 * right, skipping trusted proxies, and the first address that is not one is
 * the client. Everything to the left of it was written by the client and may
 * be made up.
 */
import net from 'node:net';

/** The header the server sets on every request, after removing any a client sent. */
export const CLIENT_ADDRESS_HEADER = 'x-counterpart-client-ip';

/** An address in canonical form: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes IPv4; null if not an IP. */
export function normalizeAddress(value) {
  if (typeof value !== 'string') return null;
  let address = value.trim();
  // A port some proxies append: `1.2.3.4:5678`, `[2001:db8::1]:443`.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1];
  const family = net.isIP(address);
  if (family === 4) return address;
  if (family === 6) return address.toLowerCase();
  return null;
}

/**
 * Parses TRUSTED_PROXIES (comma-separated addresses and CIDR ranges, IPv4 or
 * IPv6). Returns the matcher and the entries that are neither, so the server
 * can refuse to start on a typo rather than silently trust nothing.
 */
export function parseTrustedProxies(value) {
  const list = new net.BlockList();
  const invalid = [];
  let count = 0;
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const slash = entry.indexOf('/');
    const address = normalizeAddress(slash === -1 ? entry : entry.slice(0, slash));
    const family = address === null ? 0 : net.isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixText = slash === -1 ? String(maxPrefix) : entry.slice(slash + 1);
    const prefix = Number(prefixText);
    if (!family || !/^\d{1,3}$/.test(prefixText) || prefix > maxPrefix) {
      invalid.push(entry);
      continue;
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    count += 1;
  }
  return { list, count, invalid };
}

/** True when the address is one of the trusted proxies. */
export function isTrustedProxy(address, trusted) {
  if (!trusted || trusted.count === 0) return false;
  const normalized = normalizeAddress(address);
  if (normalized === null) return false;
  return trusted.list.check(normalized, net.isIP(normalized) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address: the socket's, or, when the socket is a trusted proxy,
 * the rightmost X-Forwarded-For entry that is not a trusted proxy. A malformed
 * entry stops the walk at the last trusted hop, which is then the answer.
 */
export function clientAddress({ socketAddress, forwardedFor, trusted }) {
  const socket = normalizeAddress(socketAddress) ?? 'unknown';
  if (!isTrustedProxy(socket, trusted)) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = header
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = normalizeAddress(hops[i]);
    if (hop === null) return client;
    client = hop;
    if (!isTrustedProxy(hop, trusted)) return hop;
  }
  return client;
}
