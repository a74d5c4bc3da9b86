/** Defaults of the MQTT side, import-free so the CLI can show them without loading mqtt.js. */

/** Where a local Mosquitto listens by default. */
export const DEFAULT_BROKER_URL = 'mqtt://127.0.0.1:1883';
/** The environment variable the CLI reads for the broker. */
export const BROKER_ENV = 'IOTMCP_BROKER';
