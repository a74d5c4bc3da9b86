/** Where a service listens or can be reached (port is the real one when 0 was asked for). */
export interface HostPort {
  host: string;
  port: number;
}

/** `host:port`, with an IPv6 host in brackets (`[::1]:8000`), as URLs and logs write it. */
export function formatHostPort(address: HostPort): string {
  return `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
}

/** The HTTP URL of a listener. */
export function httpUrl(address: HostPort): string {
  return `http://${formatHostPort(address)}`;
}

/** The TCP URL boards connect to, as the start-up lines print it. */
export function tcpUrl(address: HostPort): string {
  return `tcp://${formatHostPort(address)}`;
}
