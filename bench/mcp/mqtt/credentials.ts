/**
 * MQTT broker credentials, and what to say when a broker refuses them. A password belongs in the
 * environment (IOTMCP_MQTT_PASSWORD), not on a command line every user of the machine can read.
 */

export interface MqttCredentials {
  username: string;
  password?: string;
}

/** CONNACK reason codes meaning "who you are is the problem": MQTT 5 (134, 135) and MQTT 3.1.1 (4, 5). */
const AUTH_REFUSALS = new Set([134, 135, 4, 5]);

/**
 * A clear message for a broker that refused the connection because of its credentials; null for any other
 * failure. `sentCredentials`: whether this connection presented a username.
 */
export function credentialRefusal(error: Error & { code?: unknown }, sentCredentials: boolean): string | null {
  if (typeof error.code !== 'number' || !AUTH_REFUSALS.has(error.code)) return null;
  const advice = sentCredentials
    ? 'check the username and password (--mqtt-username, IOTMCP_MQTT_PASSWORD)'
    : 'this broker requires credentials: give --mqtt-username <name> (or IOTMCP_MQTT_USERNAME) and the password in IOTMCP_MQTT_PASSWORD';
  return `the broker refused the connection (${error.message}): ${advice}`;
}
