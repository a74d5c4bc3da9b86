import { formatHostPort } from '../net/host-port.js';
import { isLoopbackHost, isLoopbackUrl } from './loopback.js';
import { redactUrl } from './redact-url.js';
import { ALLOW_ANONYMOUS_DEVICES, ALLOW_ANONYMOUS_MQTT, DEVICE_TOKEN, MQTT_PASSWORD, MQTT_USERNAME, TOKEN } from './secret-sources.js';

/**
 * The rule for everything that talks over a network: on loopback anything goes (a secret given there is
 * still checked); reachable from elsewhere, a listener needs a secret to check and a client needs
 * credentials to present, or the service refuses to start and says how to give one.
 */

/** A service refused to start (or connect) because it would be open to the network without a secret. */
export class OpenToNetworkError extends Error {
  override readonly name = 'OpenToNetworkError';
}

interface Address {
  host: string;
  port: number;
}

/** An HTTP listener (`service`, e.g. "the datapool HTTP API") off loopback needs a bearer token. */
export function requireHttpToken(service: string, address: Address, token: string | undefined): void {
  if (token !== undefined || isLoopbackHost(address.host)) return;
  throw new OpenToNetworkError(
    `refusing to start ${service} on ${where(address)} without a token: anyone who can reach that address could use it. ` +
      `Set one with ${TOKEN.flag} <secret> or the ${TOKEN.env} environment variable (clients send it as ` +
      `"Authorization: Bearer <secret>"), or listen on 127.0.0.1.`,
  );
}

/**
 * The device listener off loopback needs a device token, unless anonymous boards are explicitly allowed:
 * boards running the original firmware cannot send one, and a lab on an isolated network must be able to
 * say so. Returns a warning to log when the listener is open to anonymous boards off loopback.
 */
export function requireDeviceToken(address: Address, token: string | undefined, allowAnonymous: boolean): string | null {
  if (token !== undefined || isLoopbackHost(address.host)) return null;
  if (allowAnonymous) {
    return (
      `accepting boards on ${where(address)} without a device token (${ALLOW_ANONYMOUS_DEVICES}): anyone who can ` +
      'reach this port can announce a board, take its commands and send it readings'
    );
  }
  throw new OpenToNetworkError(
    `refusing to accept boards on ${where(address)} without a device token: anyone who can reach that address could ` +
      `pose as a board. Set one with ${DEVICE_TOKEN.flag} <secret> or the ${DEVICE_TOKEN.env} environment variable ` +
      `(boards send it as "token" in their announce line; emulated boards: iotmcp-bench devices ${DEVICE_TOKEN.flag}), ` +
      `listen on 127.0.0.1, or, for boards running the original firmware (which cannot send a token) on an ` +
      `isolated network, pass ${ALLOW_ANONYMOUS_DEVICES}.`,
  );
}

/** An MQTT client may connect anonymously only to a broker on this machine, unless told otherwise. */
export function requireBrokerCredentials(brokerUrl: string, username: string | undefined, allowAnonymous: boolean): void {
  if (username !== undefined || allowAnonymous || isLoopbackUrl(brokerUrl) || hasUserInUrl(brokerUrl)) return;
  throw new OpenToNetworkError(
    `refusing to connect to the MQTT broker ${redactUrl(brokerUrl)} without credentials: it is not on this machine. ` +
      `Give ${MQTT_USERNAME.flag} <name> (or ${MQTT_USERNAME.env}) and the password in ${MQTT_PASSWORD.env} ` +
      `(or ${MQTT_PASSWORD.flag}), or pass ${ALLOW_ANONYMOUS_MQTT} for a broker on a network you trust.`,
  );
}

/** `mqtt://user:pass@host`: mqtt.js sends those credentials itself. */
function hasUserInUrl(url: string): boolean {
  try {
    return new URL(url).username !== '';
  } catch {
    return false;
  }
}

function where(address: Address): string {
  return formatHostPort(address);
}
