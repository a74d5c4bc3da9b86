import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether an address only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped, ::ffff:127.x) or
 * `localhost`. Everything else (0.0.0.0, ::, a LAN address, any other host name) is reachable by others,
 * so a listener there must check who calls it.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  if (!isIPv6(bare)) return false;
  // The URL parser writes IPv6 in one canonical form: ::1, and IPv4-mapped ones as ::ffff:7f00:1.
  const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  if (canonical === '::1') return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(canonical);
  return mapped !== null && Number.parseInt(mapped[1]!, 16) >> 8 === 127;
}

/** The host of a URL (`mqtt://10.0.0.5:1883`, `http://[::1]:8000/`) is loopback; false for a malformed URL. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
