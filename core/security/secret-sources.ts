/**
 * Where each secret comes from on the command line and in the environment. Import-free, so services can
 * name them in their errors without loading the CLI. Prefer the environment: a command line is visible to
 * every user of the machine (`ps`).
 */

/** The HTTP listeners' bearer token (datapool HTTP API, MCP over HTTP), and what their clients send. */
export const TOKEN = { flag: '--token', env: 'IOTMCP_TOKEN' } as const;
/** The MCP HTTP listener's second bearer token: only a caller presenting it reaches the tools that move actuators. */
export const ACTUATOR_TOKEN = { flag: '--actuator-token', env: 'IOTMCP_ACTUATOR_TOKEN' } as const;
/** What `mcp serve` sends to its `--datapool` when that differs from its own `--token`. */
export const DATAPOOL_TOKEN = { flag: '--datapool-token', env: 'IOTMCP_DATAPOOL_TOKEN' } as const;
/** The device listener's shared secret, carried in each board's announce line as `"token"`. */
export const DEVICE_TOKEN = { flag: '--device-token', env: 'IOTMCP_DEVICE_TOKEN' } as const;
export const ALLOW_ANONYMOUS_DEVICES = '--allow-anonymous-devices';
/** Per-board secrets, `ID=KEY`: the board with that id must announce with its own key as `"token"`. */
export const DEVICE_KEYS = { flag: '--device-key', env: 'IOTMCP_DEVICE_KEYS' } as const;
/** MQTT broker credentials (CONNECT username and password). */
export const MQTT_USERNAME = { flag: '--mqtt-username', env: 'IOTMCP_MQTT_USERNAME' } as const;
export const MQTT_PASSWORD = { flag: '--mqtt-password', env: 'IOTMCP_MQTT_PASSWORD' } as const;
export const ALLOW_ANONYMOUS_MQTT = '--allow-anonymous-mqtt';
/** The audit log's HMAC key: a file holding it, or the environment. */
export const AUDIT_KEY = { flag: '--key-file', env: 'IOTMCP_AUDIT_KEY' } as const;
