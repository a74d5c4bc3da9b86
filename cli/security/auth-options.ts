import { InvalidArgumentError, Option } from 'commander';
import type { MqttCredentials } from '../../bench/mcp/mqtt/credentials.js';
import { requireBrokerCredentials } from '../../core/security/off-loopback.js';
import {
  ACTUATOR_TOKEN,
  ALLOW_ANONYMOUS_DEVICES,
  ALLOW_ANONYMOUS_MQTT,
  DATAPOOL_TOKEN,
  DEVICE_KEYS,
  DEVICE_TOKEN,
  MQTT_PASSWORD,
  MQTT_USERNAME,
  TOKEN,
} from '../../core/security/secret-sources.js';

/**
 * The CLI's secret flags, each also read from its environment variable (commander fills the option from
 * it and names it in --help). The environment is the better place: a command line is visible in `ps`.
 */

const PREFER_ENV = 'prefer the env var: command lines are visible to other users';

/** `--token`: what an HTTP listener requires, or what a client sends to one (`role` says which). */
export function tokenOption(role: string): Option {
  return new Option(`${TOKEN.flag} <secret>`, `${role}; ${PREFER_ENV}`).env(TOKEN.env);
}

/** `--datapool-token` for `mcp serve`, when the datapool's token differs from its own. */
export function datapoolTokenOption(): Option {
  return new Option(`${DATAPOOL_TOKEN.flag} <secret>`, `token sent to --datapool (default: --token); ${PREFER_ENV}`).env(DATAPOOL_TOKEN.env);
}

/** `--actuator-token` for `mcp serve --actuators --transport http`: the bearer token that alone reaches the actuator servers. */
export function actuatorTokenOption(): Option {
  return new Option(
    `${ACTUATOR_TOKEN.flag} <secret>`,
    `with --actuators on http: the bearer token that reaches the actuator tools and emergency_stop (the --token reaches the sensors only; needed when --listen is not loopback); ${PREFER_ENV}`,
  ).env(ACTUATOR_TOKEN.env);
}

export function deviceTokenOption(role: string): Option {
  return new Option(`${DEVICE_TOKEN.flag} <secret>`, `${role}; ${PREFER_ENV}`).env(DEVICE_TOKEN.env);
}

/**
 * `--device-key ID=KEY`, repeatable, or `IOTMCP_DEVICE_KEYS="ID=KEY,ID=KEY"`: the board announcing ID must
 * send KEY as its `"token"`. Such a board cannot be posed as, even while it is away, and is preferred in
 * routing to boards that proved nothing.
 */
export function deviceKeyOption(): Option {
  return new Option(
    `${DEVICE_KEYS.flag} <id=key>`,
    `a board's own secret, sent by the board announcing that id as "token" (repeatable; the env var takes id=key,id=key); ${PREFER_ENV}`,
  )
    .env(DEVICE_KEYS.env)
    .argParser(parseDeviceKeys);
}

/** Adds `ID=KEY` pairs (comma-separated) to those already given. Errors never repeat the value: it holds secrets. */
export function parseDeviceKeys(value: string, previous?: ReadonlyMap<string, string>): Map<string, string> {
  const keys = new Map(previous ?? []);
  for (const pair of value.split(',')) {
    const trimmed = pair.trim();
    if (trimmed === '') continue;
    const at = trimmed.indexOf('=');
    const id = trimmed.slice(0, at).trim();
    const key = trimmed.slice(at + 1).trim();
    if (at <= 0 || id === '' || key === '') {
      throw new InvalidArgumentError(`expected ID=KEY pairs separated by commas (e.g. esp32-kitchen=$(openssl rand -hex 32))`);
    }
    if (keys.has(id)) throw new InvalidArgumentError(`MCU "${id}" is given more than one device key`);
    keys.set(id, key);
  }
  return keys;
}

export function allowAnonymousDevicesOption(): Option {
  return new Option(
    ALLOW_ANONYMOUS_DEVICES,
    'accept boards without a device token on a non-loopback --devices address (original firmware cannot send one; isolated networks only)',
  );
}

/** `--mqtt-username`, `--mqtt-password`, `--allow-anonymous-mqtt`. */
export function mqttOptions(): Option[] {
  return [
    new Option(`${MQTT_USERNAME.flag} <name>`, 'MQTT broker user name').env(MQTT_USERNAME.env),
    new Option(`${MQTT_PASSWORD.flag} <secret>`, `MQTT broker password; ${PREFER_ENV}`).env(MQTT_PASSWORD.env),
    new Option(ALLOW_ANONYMOUS_MQTT, 'connect without credentials to a broker that is not on this machine (a network you trust)'),
  ];
}

/** A secret flag's value; an empty one (an unset-but-exported variable) counts as not given. */
export function secret(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export interface MqttFlags {
  mqttUsername?: string;
  mqttPassword?: string;
  allowAnonymousMqtt?: boolean;
}

/**
 * The broker credentials the flags give, after checking that `brokerUrl` may be used with them: a broker
 * off this machine needs credentials or an explicit --allow-anonymous-mqtt.
 */
export function brokerCredentials(brokerUrl: string, flags: MqttFlags): MqttCredentials | undefined {
  const credentials = mqttCredentials(flags);
  requireBrokerCredentials(brokerUrl, credentials?.username, flags.allowAnonymousMqtt === true);
  return credentials;
}

/** The broker credentials the flags give, unchecked against any broker (undefined when none). */
export function mqttCredentials(flags: MqttFlags): MqttCredentials | undefined {
  const username = secret(flags.mqttUsername);
  const password = secret(flags.mqttPassword);
  if (username === undefined && password !== undefined) {
    throw new Error(`an MQTT password was given (${MQTT_PASSWORD.flag} or ${MQTT_PASSWORD.env}) without a user name: add ${MQTT_USERNAME.flag} <name>`);
  }
  if (username === undefined) return undefined;
  return password === undefined ? { username } : { username, password };
}
