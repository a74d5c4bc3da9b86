// The tests' broker is the runtime one: see local-broker.ts.
export { MOSQUITTO_PATH, startMosquitto, type RunningBroker } from './local-broker.js';
